import type { SetupServer } from 'msw/node';
import type { WireRequest, WireResponse } from '../oracle/spec-oracle.js';

/** One request as it went over the wire, and the answer it got (undefined when nothing answered). */
export interface Traffic {
  readonly request: WireRequest;
  readonly response: WireResponse | undefined;
}

/**
 * Records every request an msw server sees, byte for byte, and the mocked answer to it: what the
 * oracle checks, read from the wire rather than from the handlers' own report.
 */
export class TrafficRecorder {
  readonly #pending = new Map<string, { request: Promise<WireRequest>; response?: Promise<WireResponse> }>();
  readonly #order: string[] = [];
  #taken = 0;

  constructor(server: SetupServer) {
    server.events.on('request:start', ({ request, requestId }) => {
      this.#order.push(requestId);
      this.#pending.set(requestId, { request: readRequest(request.clone()) });
    });
    server.events.on('response:mocked', ({ response, requestId }) => {
      const entry = this.#pending.get(requestId);
      if (entry) entry.response = readResponse(response.clone());
    });
  }

  /** Everything recorded since the last call, in the order the requests started. */
  async take(): Promise<Traffic[]> {
    // msw reports a mocked response as it hands it over: let that event run first.
    await new Promise((resolve) => setImmediate(resolve));
    const ids = this.#order.slice(this.#taken);
    this.#taken = this.#order.length;
    return Promise.all(
      ids.map(async (id) => {
        const entry = this.#pending.get(id)!;
        this.#pending.delete(id);
        return { request: await entry.request, response: await entry.response };
      }),
    );
  }
}

async function readRequest(request: Request): Promise<WireRequest> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  return {
    method: request.method,
    url: request.url,
    headers: new Headers(request.headers),
    body: bytes.length ? bytes : null,
  };
}

async function readResponse(response: Response): Promise<WireResponse> {
  return { status: response.status, headers: new Headers(response.headers), text: await response.text() };
}
