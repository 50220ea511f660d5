// Shared by this folder's tests: a tiny client for a simulation.
import { MiroApi } from '@miro/api';
import { createMiroSimulation, type MiroSimulation } from './simulation.js';
import { ALL_SCOPES, type MiroSimulationOptions } from './options.js';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // Tests read fields loosely; the simulation's own code is typed.
  readonly body: any;
}

export interface TestApi {
  readonly sim: MiroSimulation;
  /** A token of the demo user (a Company Admin) with every scope the simulation checks. */
  readonly token: string;
  call(method: string, path: string, body?: unknown, token?: string): Promise<Reply>;
}

export async function send(
  sim: MiroSimulation,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('http') ? path : `${sim.baseUrl}${path}`;
  const response = await sim.handle(
    new Request(url, body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) }),
  );
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed };
}

export function testApi(options: MiroSimulationOptions = {}): TestApi {
  const sim = createMiroSimulation({ budget: false, ...options });
  const token = sim.issueToken({ scope: ALL_SCOPES.join(' ') }).accessToken;
  return { sim, token, call: (method, path, body, t = token) => send(sim, method, path, body, t) };
}

export async function newBoard(api: TestApi, name = 'Test board'): Promise<string> {
  const reply = await api.call('POST', '/v2/boards', { name });
  if (reply.status !== 201) throw new Error(`board creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id as string;
}

/** Our own client on a simulation, so a test builds state with the requests a user's app sends. */
export function clientOnSimulation(options: MiroSimulationOptions = {}): { sim: MiroSimulation; api: MiroApi } {
  const sim = createMiroSimulation({ budget: false, ...options });
  const api = new MiroApi({
    accessToken: sim.issueToken().accessToken,
    baseUrl: sim.baseUrl,
    fetch: (url, init) => sim.handle(new Request(url, init)),
    maxRetries: 0,
  });
  return { sim, api };
}

/** `/v2/orgs/{id of the demo organization}` */
export function orgPath(api: TestApi): string {
  return `/v2/orgs/${api.sim.state.organization.id}`;
}

export async function newTeam(api: TestApi, name = 'Test team'): Promise<string> {
  const reply = await api.call('POST', `${orgPath(api)}/teams`, { name });
  if (reply.status !== 201) throw new Error(`team creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id as string;
}
