import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { SpecError } from '../errors.js';

export interface LoadedSource {
  readonly text: string;
  readonly sha256: string;
  /** A path or URL, as given. */
  readonly location: string;
}

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** How long a download of a spec may take before it counts as failed. */
const FETCH_TIMEOUT_MS = 120_000;

/** Reads a spec from a path or an http(s) URL, byte for byte. */
export async function readSource(location: string, fetchImpl: typeof fetch = fetch): Promise<LoadedSource> {
  let text: string;
  if (isUrl(location)) {
    let response: Response;
    try {
      response = await fetchImpl(location, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      // undici says only "fetch failed"; the cause names what failed (ENOTFOUND, ECONNREFUSED, ...).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message;
      throw new SpecError(
        `could not fetch the spec: ${(error as Error).message}${why ? ` (${why})` : ''}`,
        '',
        location,
      );
    }
    if (!response.ok) throw new SpecError(`fetching the spec answered HTTP ${response.status}`, '', location);
    text = await response.text();
  } else {
    try {
      text = await readFile(location, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SpecError(code === 'ENOENT' ? 'no such file' : (error as Error).message, '', location);
    }
  }
  return { text, sha256: sha256(text), location };
}

/** Parses JSON, or YAML when the text is not JSON; a syntax error names the line and column. */
export function parseSpecText(text: string, location: string): JsonObject {
  const trimmed = text.trimStart();
  let value: unknown;
  if (trimmed.startsWith('{')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SpecError(`invalid JSON: ${(error as Error).message}`, '', location);
    }
  } else {
    try {
      value = parseYaml(text, { maxAliasCount: -1 });
    } catch (error) {
      throw new SpecError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, '', location);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecError('the spec is not an object (expected an OpenAPI document)', '', location);
  }
  return value as JsonObject;
}
