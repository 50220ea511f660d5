import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { programFor, TypeComparer } from './compare.js';

/** The comparer on small hand-written pairs: each kind of difference it reports, and what it leaves alone. */

const dir = mkdtempSync(join(tmpdir(), 'type-oracle-'));
const file = join(dir, 'pairs.ts');
writeFileSync(
  file,
  `
export type OursSame = { a: string; b?: number; c: { d: boolean }[] };
export type TheirsSame = { a: 'x' | 'y'; b?: number | undefined; c: { d: boolean }[] | null };
export type OursNested = { data: { items: { id?: string; extra: number }[] } };
export type TheirsNested = { data: { items: { id: string; name?: string }[] } };
export type OursUnion = { kind: 'a'; a: string } | { kind: 'b'; b?: string };
export type TheirsUnion = { kind: 'a'; a: string } | { kind: 'b'; b: string } | { kind: 'c'; c: string };
export type OursQuery = { boardId: string; pageSize?: number };
export type TheirsQuery = { board_id: string; page_size?: number; never_sent?: never };
export type OursBlob = { file: Blob; meta?: { title: string } };
export type TheirsBlob = { file: string; meta?: { title: string } };
`,
);
const program = programFor(file);
const checker = program.getTypeChecker();
const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!);
const type = (name: string): ts.Type => checker.getDeclaredTypeOfSymbol(exports.find((s) => s.getName() === name)!);
const compare = (name: string, rename?: (n: string) => string) =>
  new TypeComparer(checker)
    .compare('op', 'body', type(`Ours${name}`), type(`Theirs${name}`), rename)
    .map((d) => `${d.at} ${d.kind}`);

describe('TypeComparer', () => {
  it('finds nothing where names and optionality agree, whatever the leaf types and nullability', () => {
    expect(compare('Same')).toEqual([]);
  });

  it('finds missing, extra and optional properties deep inside objects and arrays', () => {
    expect(compare('Nested')).toEqual([
      'data.items[].id optional',
      'data.items[].name missing',
      'data.items[].extra extra',
    ]);
  });

  it('pairs union variants by their properties and reports a variant count that differs', () => {
    expect(compare('Union')).toEqual([' variants', '<variant 2>.b optional']);
  });

  it('renames our top-level names to theirs, and ignores properties they type never', () => {
    const wire: Record<string, string> = { boardId: 'board_id', pageSize: 'page_size' };
    expect(compare('Query', (n) => wire[n] ?? n)).toEqual([]);
    expect(compare('Query')).toEqual(['board_id missing', 'page_size missing', 'boardId extra', 'pageSize extra']);
  });

  it('does not descend where one side is a leaf (a file as Blob against a binary string)', () => {
    expect(compare('Blob')).toEqual([]);
  });
});
