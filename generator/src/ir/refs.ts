import { SpecError } from '../errors.js';
import type { JsonObject, JsonValue } from '../spec/load.js';

/** Decodes a local `$ref` (`#/components/schemas/Board`) to its path segments (RFC 6901). */
export function refSegments(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new SpecError(`only local $refs are supported, got "${ref}"`, '');
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function resolvePointer(spec: JsonObject, ref: string): JsonValue | undefined {
  let node: JsonValue | undefined = spec;
  for (const segment of refSegments(ref)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  return node;
}

/** Follows `$ref`s (also chains of them) to the node they name; `at` is where the first one sits. */
export function deref<T extends JsonValue>(spec: JsonObject, node: T, at: string): T {
  let current: JsonValue = node;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && !Array.isArray(current) && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (seen.has(ref)) throw new SpecError(`$ref cycle through ${ref}`, at);
    seen.add(ref);
    const target = resolvePointer(spec, ref);
    if (target === undefined) throw new SpecError(`$ref "${ref}" resolves to nothing`, at);
    current = target;
  }
  return current as T;
}

/** The component schema name a `$ref` points at, if it points at one directly. */
export function schemaRefName(ref: string): string | undefined {
  const segments = refSegments(ref);
  return segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas' ? segments[2] : undefined;
}
