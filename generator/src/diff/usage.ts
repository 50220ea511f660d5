import { refsOf } from '../ir/build.js';
import type { ApiIR, TypeIR } from '../ir/types.js';
import type { Position } from './types.js';

/** For each named type: the methods that send it (request) and that read it (response), through refs. */
export type Usage = ReadonlyMap<string, Readonly<Record<Position, ReadonlySet<string>>>>;

export function usageOf(ir: ApiIR): Usage {
  const types = new Map(ir.schemas.map((s) => [s.name, s.type]));
  const usage = new Map<string, Record<Position, Set<string>>>();
  const mark = (root: TypeIR, position: Position, method: string): void => {
    const queue = refsOf(root);
    while (queue.length) {
      const name = queue.pop()!;
      let entry = usage.get(name);
      if (!entry) usage.set(name, (entry = { request: new Set(), response: new Set() }));
      if (entry[position].has(method)) continue;
      entry[position].add(method);
      const type = types.get(name);
      if (type) queue.push(...refsOf(type));
    }
  };
  for (const op of ir.operations) {
    for (const p of op.parameters) mark(p.type, 'request', op.methodName);
    if (op.body) mark(op.body.type, 'request', op.methodName);
    if (op.success.type) mark(op.success.type, 'response', op.methodName);
    if (op.pagination) mark(op.pagination.itemType, 'response', op.methodName);
  }
  return usage;
}

/**
 * The positions a named type is compared in: where either IR uses it. A type no operation reaches is
 * still exported, and a caller may use it either way: both.
 */
export function positionsOf(name: string, oldUsage: Usage, newUsage: Usage): Position[] {
  const a = oldUsage.get(name);
  const b = newUsage.get(name);
  const used = (p: Position): boolean => (a?.[p].size ?? 0) + (b?.[p].size ?? 0) > 0;
  const positions = (['request', 'response'] as const).filter(used);
  return positions.length ? positions : ['request', 'response'];
}

/** Method names that reach the type in the new IR (or, when it is gone, the old one), sorted. */
export function usersOf(name: string, oldUsage: Usage, newUsage: Usage): string[] {
  const entry = newUsage.get(name) ?? oldUsage.get(name);
  return entry ? [...new Set([...entry.request, ...entry.response])].sort() : [];
}
