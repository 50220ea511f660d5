import {
  defaultOperationId,
  resolveOperation,
  type OperationDescriptor,
  type OperationEntry,
  type ResolvedOperation,
} from './operation.js';

/**
 * The inverse of `resolveOperation`, for the generator: a descriptor without the fields that
 * resolve back to the same value. It knows no default itself: each field is left out only when
 * `resolveOperation` then gives the same operation, so the defaults stay declared once, there.
 *
 * Like operation.ts, this file imports nothing but operation.ts: the generator bundles both by path.
 */
export function compactOperation(op: ResolvedOperation): OperationDescriptor {
  const full = fingerprint(op);
  let compact = structuredClone(op) as unknown as Record<string, unknown>;
  const same = (candidate: Record<string, unknown>): boolean =>
    fingerprint(candidate as unknown as OperationDescriptor) === full;
  for (const path of leavesOf(op)) {
    const candidate = without(compact, path);
    if (same(candidate)) compact = candidate;
  }
  return compact as unknown as OperationDescriptor;
}

/** The table entry of an operation under its key: compact, and without the operationId the key gives back. */
export function compactEntry(key: string, op: ResolvedOperation): OperationEntry {
  const { operationId, ...rest } = compactOperation(op);
  return operationId === defaultOperationId(key) ? rest : { operationId, ...rest };
}

/** The resolved operation as text (a fresh object each time: `resolveOperation` caches by identity). */
function fingerprint(op: OperationDescriptor): string {
  return JSON.stringify(resolveOperation({ ...op }));
}

type FieldPath = readonly (string | number)[];

/** Every field that may be left out, nested ones before the field that holds them. */
function leavesOf(op: ResolvedOperation): FieldPath[] {
  const paths: FieldPath[] = [['method'], ['server']];
  op.parameters.forEach((parameter, i) => {
    for (const key of Object.keys(parameter)) if (key !== 'wireName') paths.push(['parameters', i, key]);
  });
  paths.push(['parameters']);
  if (op.body) paths.push(['body', 'contentType'], ['body', 'required']);
  paths.push(['body'], ['successStatus'], ['responseKind'], ['rateLimitLevel'], ['credits'], ['creditsPerItem']);
  if (op.pagination)
    paths.push(['pagination', 'itemsField'], ['pagination', 'pageParam'], ['pagination', 'limitParam']);
  paths.push(['pagination'], ['deprecated']);
  return paths;
}

/** A copy of `value` without the field at `path`. */
function without(value: Record<string, unknown>, path: FieldPath): Record<string, unknown> {
  const copy = structuredClone(value);
  let holder: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
  delete holder[path[path.length - 1]!];
  return copy;
}
