import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MiroSimulationOptions } from '../sim/options.js';
import { createMiroSimulation, type MiroSimulation } from '../sim/simulation.js';
import { toFetchRequest, writeFetchResponse } from './node-bridge.js';

export interface MockServerOptions extends Omit<MiroSimulationOptions, 'baseUrl' | 'authorizeBase'> {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
}

export interface MockServer {
  /** `http://host:port`, the base URL of the API and of `/oauth/authorize`. */
  readonly url: string;
  readonly simulation: MiroSimulation;
  close(): Promise<void>;
}

/** Listens and resolves with the bound address; `once` rejects if the server emits 'error' first. */
async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

/** Serves a simulated Miro over real HTTP; its API and authorize page share the server's own URL. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', ...simulationOptions } = options;
  let simulation: MiroSimulation | undefined;
  const server = createServer((req, res) => {
    const sim = simulation;
    if (!sim) {
      res.writeHead(503).end();
      return;
    }
    toFetchRequest(req, sim.baseUrl)
      .then((request) => sim.handle(request))
      // A network error (`Response.error()`) is a dropped connection: no answer at all.
      .then((response) => (response.type === 'error' ? void res.socket?.destroy() : writeFetchResponse(response, res)))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`mock server error: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  const address = await listen(server, port, host);
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostPart}:${address.port}`;
  simulation = createMiroSimulation({ ...simulationOptions, baseUrl: url, authorizeBase: url });
  return {
    url,
    simulation,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
