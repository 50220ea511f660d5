import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Requests received, in order. */
  readonly requests: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>;

const open: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** A real HTTP server on a free port of 127.0.0.1 (closed after each test), for what msw cannot show. */
export async function startServer(handler: Handler): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: request.method ?? '', url: request.url ?? '', body });
    try {
      await handler(request, response, body);
    } catch {
      response.destroy();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(local);
  return local;
}

/**
 * Writes `totalBytes` of `chunk` repeated, waiting for the socket to drain, so that neither side
 * holds more than a chunk or two; stops when the client goes away. Returns the bytes written.
 */
export async function streamRepeated(response: ServerResponse, chunk: Buffer, totalBytes: number): Promise<number> {
  let written = 0;
  while (written < totalBytes && !response.destroyed) {
    const piece = totalBytes - written >= chunk.length ? chunk : chunk.subarray(0, totalBytes - written);
    written += piece.length;
    if (!response.write(piece)) await drainedOrClosed(response);
  }
  if (!response.destroyed) response.end();
  return written;
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
