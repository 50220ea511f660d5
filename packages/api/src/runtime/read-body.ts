/** How much of an error response's body is read and kept: Miro's error bodies are a few hundred bytes. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface BodyText {
  readonly text: string;
  /** The body went on past the limit: `text` is its first `limit` bytes (only when `cut` was asked for). */
  readonly truncated: boolean;
}

const EMPTY: BodyText = { text: '', truncated: false };
const utf8 = new TextDecoder();

/** The body is longer than the limit a caller asked `readText` to enforce. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the response body is larger than ${limit} bytes`);
  }
}

/**
 * Reads a response body as UTF-8 text, chunk by chunk, never holding more than `limit` bytes: a
 * body that grows past it is cancelled at that point. Past the limit, `cut` keeps the first
 * `limit` bytes (error bodies); otherwise `BodyTooLarge` is thrown. (`Content-Length` is not
 * consulted: a server may leave it out or get it wrong, and the success path reads no header.)
 */
export async function readText(response: Response, limit: number, cut: boolean): Promise<BodyText> {
  const body = response.body;
  if (body === null) return EMPTY;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(ignore);
      if (!cut) throw new BodyTooLarge(limit);
      chunks.push(value.subarray(0, value.byteLength - (size - limit)));
      return { text: decode(chunks, limit), truncated: true };
    }
    chunks.push(value);
  }
  return { text: decode(chunks, size), truncated: false };
}

function decode(chunks: readonly Uint8Array[], size: number): string {
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(whole);
}

function ignore(): void {}
