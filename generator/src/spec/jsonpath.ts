import { SpecError } from '../errors.js';

/**
 * The subset of JSONPath (RFC 9535) that overlays need: `$`, `.name`, `['name']`, `[n]`, `[*]`
 * and `.*`. Written here rather than pulled in because the maintained libraries need Node 22.
 */
export type PathSegment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

export function parseJsonPath(path: string): PathSegment[] {
  if (!path.startsWith('$')) throw new SpecError(`JSONPath must start with "$": ${path}`, '');
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      if (path[i + 1] === '*') {
        segments.push({ kind: 'wildcard' });
        i += 2;
        continue;
      }
      const match = /^[A-Za-z0-9_$-]+/.exec(path.slice(i + 1));
      if (!match) throw new SpecError(`bad JSONPath near "${path.slice(i)}": ${path}`, '');
      segments.push({ kind: 'name', name: match[0] });
      i += 1 + match[0].length;
    } else if (ch === '[') {
      const rest = path.slice(i);
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest);
      const index = /^\[\s*(\d+)\s*\]/.exec(rest);
      const star = /^\[\s*\*\s*\]/.exec(rest);
      if (quoted) {
        segments.push({ kind: 'name', name: quoted[2]!.replace(/\\(.)/g, '$1') });
        i += quoted[0].length;
      } else if (index) {
        segments.push({ kind: 'index', index: Number(index[1]) });
        i += index[0].length;
      } else if (star) {
        segments.push({ kind: 'wildcard' });
        i += star[0].length;
      } else {
        throw new SpecError(`bad JSONPath near "${rest}": ${path}`, '');
      }
    } else {
      throw new SpecError(`bad JSONPath near "${path.slice(i)}": ${path}`, '');
    }
  }
  return segments;
}

export interface PathMatch {
  readonly value: unknown;
  readonly parent: Record<string, unknown> | unknown[] | null;
  readonly key: string | number | null;
}

/** Every node the path selects, with its parent so that it can be replaced or removed. */
export function queryJsonPath(root: unknown, path: string): PathMatch[] {
  let matches: PathMatch[] = [{ value: root, parent: null, key: null }];
  for (const segment of parseJsonPath(path)) {
    const next: PathMatch[] = [];
    for (const { value } of matches) {
      if (value === null || typeof value !== 'object') continue;
      const container = value as Record<string, unknown> | unknown[];
      if (segment.kind === 'wildcard') {
        for (const key of Array.isArray(container) ? container.keys() : Object.keys(container)) {
          next.push({ value: (container as Record<string | number, unknown>)[key], parent: container, key });
        }
      } else if (segment.kind === 'index') {
        if (Array.isArray(container) && segment.index < container.length) {
          next.push({ value: container[segment.index], parent: container, key: segment.index });
        }
      } else if (!Array.isArray(container) && Object.hasOwn(container, segment.name)) {
        next.push({ value: container[segment.name], parent: container, key: segment.name });
      }
    }
    matches = next;
  }
  return matches;
}
