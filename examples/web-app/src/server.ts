import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Miro, type TokenStorage } from '@miro/auth';
import { createWebApp, type WebAppLogger } from './app.js';
import type { MiroAppSettings } from './config.js';

export interface StartWebAppOptions {
  readonly miroApp: MiroAppSettings;
  readonly storage: TokenStorage;
  readonly sessionSecret: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly pageSize?: number;
  readonly logger?: WebAppLogger;
  /** Behind a TLS-terminating proxy: trust its `X-Forwarded-Proto` (see `WebAppOptions.trustProxy`). */
  readonly trustProxy?: boolean;
  /** Plain-http URLs on any host (the demo against the mock, e.g. listening on 0.0.0.0); see `@miro/auth`. */
  readonly allowInsecureUrls?: boolean;
}

export interface RunningWebApp {
  /** `http://host:port` */
  readonly url: string;
  /** Where Miro sends the user back to. */
  readonly redirectUrl: string;
  readonly miro: Miro;
  close(): Promise<void>;
}

/** Listens and resolves with the bound address; `once` rejects if the server emits 'error' first. */
async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

/**
 * Listens first, then builds the app: with port 0 the redirect URL (`<url>/auth/callback`) is only
 * known once the port is.
 */
export async function startWebApp(options: StartWebAppOptions): Promise<RunningWebApp> {
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (handle) void handle(req, res);
    else res.writeHead(503).end('starting');
  });
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const { miroApp } = options;
  const redirectUrl = miroApp.redirectUrl ?? `${url}/auth/callback`;
  const miro = new Miro({
    clientId: miroApp.clientId,
    clientSecret: miroApp.clientSecret,
    redirectUrl,
    storage: options.storage,
    ...(options.allowInsecureUrls ? { allowInsecureUrls: true } : {}),
    ...(miroApp.apiBaseUrl ? { baseUrl: miroApp.apiBaseUrl } : {}),
    ...(miroApp.authorizeUrl ? { authorizeUrl: miroApp.authorizeUrl } : {}),
  });
  const app = createWebApp({
    miro,
    sessionSecret: options.sessionSecret,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.trustProxy ? { trustProxy: true } : {}),
  });
  // Keep Node's own Request/Response: the in-process mock and msw use them too.
  handle = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  return {
    url,
    redirectUrl,
    miro,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
