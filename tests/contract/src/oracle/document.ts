import { fileURLToPath } from 'node:url';
import { loadOverlaidSpec } from '@miro/generator/overlaid-spec';

/**
 * The overlaid spec document, read as plain JSON: what the independent oracles check against.
 * Nothing here goes through the generator's IR; the only code of ours on the way is the overlay
 * step (`spec/overlays`), which fixes the published file's known defects.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** One operation of the document, with where it is served and its path and path-level parameters merged in. */
export interface DocumentOperation {
  readonly operationId: string;
  /** Upper case, as on the wire. */
  readonly method: string;
  /** The path key as the document writes it. */
  readonly specPath: string;
  /** The server URL it is served from (operation, then path item, then document `servers`). */
  readonly server: string;
  readonly operation: JsonObject;
  /** Path-item parameters, then the operation's (an operation's own one wins on a name clash). */
  readonly parameters: readonly JsonObject[];
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let loaded: Promise<{ spec: JsonObject; sha256: string }> | undefined;

/** The overlaid spec (loaded once per test file). Each caller gets its own deep copy to adapt. */
export async function loadDocument(): Promise<JsonObject> {
  loaded ??= loadOverlaidSpec(REPO_ROOT) as Promise<{ spec: JsonObject; sha256: string }>;
  return structuredClone((await loaded).spec);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `#/components/parameters/X` and the like, resolved within the document. */
export function resolveRef(document: JsonObject, value: Json | undefined): Json | undefined {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) throw new Error(`oracle: external reference ${pointer} is not supported`);
    let target: Json | undefined = document;
    for (const raw of pointer.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    current = target;
  }
  return current;
}

export function documentOperations(document: JsonObject): DocumentOperation[] {
  const rootServer = firstServer(document.servers) ?? '/';
  const out: DocumentOperation[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [specPath, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const pathServer = firstServer(item.servers);
    const shared = asObjects(document, item.parameters);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation) || typeof operation.operationId !== 'string') continue;
      const own = asObjects(document, operation.parameters);
      const key = (p: JsonObject): string => `${String(p.in)} ${String(p.name)}`;
      const ownKeys = new Set(own.map(key));
      out.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        specPath,
        server: firstServer(operation.servers) ?? pathServer ?? rootServer,
        operation,
        parameters: [...shared.filter((p) => !ownKeys.has(key(p))), ...own],
      });
    }
  }
  return out;
}

function asObjects(document: JsonObject, list: Json | undefined): JsonObject[] {
  if (!Array.isArray(list)) return [];
  return list.map((p) => resolveRef(document, p)).filter(isObject);
}

function firstServer(servers: Json | undefined): string | undefined {
  if (!Array.isArray(servers)) return undefined;
  const first = servers[0];
  return isObject(first) && typeof first.url === 'string' ? first.url : undefined;
}

/** The media types of the documented response for `status` (exact, then `2XX`, then `default`). */
export function responseFor(document: JsonObject, op: DocumentOperation, status: number): JsonObject | undefined {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  const found = responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
  const response = resolveRef(document, found);
  return isObject(response) ? response : undefined;
}

/** The documented success: the lowest 2xx status and its media types (none for an empty response). */
export function successOf(document: JsonObject, op: DocumentOperation): { status: number; mediaTypes: string[] } {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  const status = Object.keys(responses)
    .filter((s) => /^2\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b)[0];
  if (status === undefined) throw new Error(`oracle: ${op.operationId} documents no 2xx response`);
  const content = responseFor(document, op, status)?.content;
  return { status, mediaTypes: isObject(content) ? Object.keys(content) : [] };
}

export { isObject };
