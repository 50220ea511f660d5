import { writeVariantNames } from '../emit/types.js';
import type { ApiIR, NamedSchema } from '../ir/types.js';
import { compareTypes, sameShape, type Finding, type TypeEnv } from './compare-types.js';
import { maxSeverity, OPERATION_RULES } from './rules.js';
import type { ApiChange, Position } from './types.js';
import { positionsOf, usersOf, type Usage } from './usage.js';

export interface SchemaDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly renamed: { from: string; to: string }[];
  readonly changes: ApiChange[];
}

/**
 * Diffs the exported named types. A type is identified by its TypeScript name, so a schema key that
 * changes but maps to the same name is no change. A type removed while another with the same shape
 * appears is reported as renamed: still major, since `import type { Old }` stops compiling.
 */
export function diffSchemas(env: TypeEnv, oldIR: ApiIR, newIR: ApiIR, oldUsage: Usage, newUsage: Usage): SchemaDiff {
  const oldByName = new Map(oldIR.schemas.map((s) => [s.name, s]));
  const newByName = new Map(newIR.schemas.map((s) => [s.name, s]));
  const removedAll = oldIR.schemas.filter((s) => !newByName.has(s.name)).map((s) => s.name);
  const addedAll = newIR.schemas.filter((s) => !oldByName.has(s.name)).map((s) => s.name);
  const renamed = findRenames(env, removedAll, addedAll);
  const renamedFrom = new Set(renamed.map((r) => r.from));
  const renamedTo = new Set(renamed.map((r) => r.to));
  const removed = removedAll.filter((n) => !renamedFrom.has(n));
  const added = addedAll.filter((n) => !renamedTo.has(n));
  const oldWrite = writeVariantNames(oldIR);
  const newWrite = writeVariantNames(newIR);

  const changes: ApiChange[] = [];
  const push = (schema: string, change: Omit<ApiChange, 'schema' | 'usedBy'>): void => {
    const usedBy = usersOf(schema, oldUsage, newUsage);
    changes.push({ ...change, schema, ...(usedBy.length ? { usedBy } : {}) });
  };
  for (const name of added) {
    push(name, {
      kind: 'schema-added',
      severity: OPERATION_RULES['schema-added'],
      where: name,
      message: 'new exported type',
    });
  }
  for (const name of removed) {
    const write = oldWrite.get(name);
    push(name, {
      kind: 'schema-removed',
      severity: OPERATION_RULES['schema-removed'],
      where: name,
      message: `exported type removed${write ? ` (with ${write})` : ''}`,
    });
  }
  for (const { from, to } of renamed) {
    push(to, {
      kind: 'schema-renamed',
      severity: OPERATION_RULES['schema-renamed'],
      where: from,
      message: `exported type renamed to ${to} (same shape)`,
    });
  }
  for (const [name, a] of oldByName) {
    const b = newByName.get(name);
    if (!b) continue;
    const [wa, wb] = [oldWrite.get(name), newWrite.get(name)];
    if (!wa && wb)
      push(name, {
        kind: 'write-variant-added',
        severity: OPERATION_RULES['write-variant-added'],
        where: wb,
        message: `new request variant of ${name} (without its read-only fields)`,
      });
    if (wa && !wb)
      push(name, {
        kind: 'write-variant-removed',
        severity: OPERATION_RULES['write-variant-removed'],
        where: wa,
        message: `request variant of ${name} removed: it has no read-only fields any more`,
      });
    for (const f of compareInPositions(env, a, b, positionsOf(name, oldUsage, newUsage))) {
      push(name, {
        kind: f.kind,
        severity: f.severity,
        where: `${name}${f.where}`,
        message: f.message,
        ...(f.note ? { note: f.note } : {}),
      });
    }
  }
  return { added, removed, renamed, changes };
}

/** Compares a named type in each position it is used in; one finding per place and kind, the most severe. */
function compareInPositions(env: TypeEnv, a: NamedSchema, b: NamedSchema, positions: readonly Position[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const position of positions) {
    for (const f of compareTypes(env, position, a.type, b.type)) {
      const key = `${f.where}\u0000${f.message}`;
      const seen = merged.get(key);
      const note = seen?.note ?? f.note;
      const worst = seen && maxSeverity(seen.severity, f.severity) === seen.severity ? seen : f;
      merged.set(key, { ...worst, ...(note ? { note } : {}) });
    }
  }
  return [...merged.values()];
}

/**
 * Pairs removed and added names of the same shape (in both positions). Several can share a shape
 * (small style or link types): pairs with the longest shared name prefix are taken first.
 */
function findRenames(
  env: TypeEnv,
  removed: readonly string[],
  added: readonly string[],
): { from: string; to: string }[] {
  const candidates: { from: string; to: string; prefix: number }[] = [];
  for (const from of removed) {
    const a = env.oldTypes.get(from)!;
    for (const to of added) {
      const b = env.newTypes.get(to)!;
      if (sameShape(env, 'request', a, b) && sameShape(env, 'response', a, b))
        candidates.push({ from, to, prefix: sharedPrefix(from, to) });
    }
  }
  candidates.sort((x, y) => y.prefix - x.prefix || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
  const [usedFrom, usedTo] = [new Set<string>(), new Set<string>()];
  const renames: { from: string; to: string }[] = [];
  for (const { from, to } of candidates) {
    if (usedFrom.has(from) || usedTo.has(to)) continue;
    usedFrom.add(from);
    usedTo.add(to);
    renames.push({ from, to });
  }
  return renames.sort((x, y) => x.from.localeCompare(y.from));
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
