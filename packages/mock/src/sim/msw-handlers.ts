import { http, type HttpHandler } from 'msw';
import type { MiroSimulation } from './simulation.js';

/**
 * msw handlers that send every request for the simulation's API origin and authorize origin to it:
 * `setupServer(...createMswHandlers(sim))`.
 */
export function createMswHandlers(sim: Pick<MiroSimulation, 'baseUrl' | 'authorizeBase' | 'handle'>): HttpHandler[] {
  const origins = [...new Set([sim.baseUrl, new URL(sim.authorizeBase).origin])];
  return origins.map((origin) => http.all(`${origin}/*`, ({ request }) => sim.handle(request)));
}
