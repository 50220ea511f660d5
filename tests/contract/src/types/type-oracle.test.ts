import { operations } from '@miro/api';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../oracle/document.js';
import { programFor, TypeComparer, type Difference } from './compare.js';
import { DELIBERATE_DIFFERENCES, matches } from './deliberate-differences.js';
import { ourOperationTypes } from './our-types.js';
import { PROBE_FILE, writeTheirTypes } from './their-types.js';

/**
 * The type oracle: for every operation, our path, query, request body and response types against
 * the ones openapi-typescript (an independent generator) makes from the same overlaid spec.
 * Property names and required versus optional must agree at every level, except for the
 * differences we make on purpose, each listed with its reason in deliberate-differences.ts.
 */

const theirOperations = await writeTheirTypes(await loadDocument());
const program = programFor(PROBE_FILE);
const checker = program.getTypeChecker();
const probe = program.getSourceFile(PROBE_FILE)!;

function exported(name: string): ts.Type {
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(probe)!).find((s) => s.getName() === name);
  if (!symbol) throw new Error(`the probe exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

const comparer = new TypeComparer(checker);

function differences(): Difference[] {
  const ours = exported('Ours');
  const theirs = exported('Theirs');
  const byOperationId = new Map(
    Object.entries(operations).map(([methodName, op]) => [op.operationId, { methodName, op }] as const),
  );
  const out: Difference[] = [];
  for (const their of theirOperations) {
    const id = their.operationId;
    const mine = byOperationId.get(id);
    const theirEntry = checker.getPropertyOfType(theirs, id);
    if (!mine || !theirEntry) {
      out.push({ operationId: id, where: 'path', at: '', kind: 'absent', detail: 'no MiroApi method' });
      continue;
    }
    const method = checker.getPropertyOfType(ours, mine.methodName)!;
    const our = ourOperationTypes(checker, method);
    const entry = checker.getTypeOfSymbol(theirEntry);
    const part = (name: string): ts.Type => checker.getTypeOfSymbol(checker.getPropertyOfType(entry, name)!);
    // Parameter names in our types are TypeScript names; theirs are the wire names.
    const wireName = new Map(mine.op.parameters.map((p) => [p.name, p.wireName]));
    const toWire = (name: string): string => wireName.get(name) ?? name;

    const theirPath = new Map(
      checker.getPropertiesOfType(part('path')).map((s) => [s.getName(), (s.flags & ts.SymbolFlags.Optional) !== 0]),
    );
    const ourPath = new Map(our.path.map((p) => [toWire(p.name), p.optional]));
    for (const [name, optional] of theirPath) {
      if (!ourPath.has(name))
        out.push({ operationId: id, where: 'path', at: name, kind: 'missing', detail: 'no positional argument' });
      else if (ourPath.get(name) !== optional)
        out.push({ operationId: id, where: 'path', at: name, kind: optional ? 'required' : 'optional', detail: '' });
    }
    for (const name of ourPath.keys())
      if (!theirPath.has(name)) out.push({ operationId: id, where: 'path', at: name, kind: 'extra', detail: '' });

    out.push(...comparer.compare(id, 'query', our.query, part('query'), toWire));
    out.push(...comparer.compare(id, 'body', our.body, part('body')));
    out.push(...comparer.compare(id, 'response', our.response, part('response')));
  }
  return out;
}

const describeDifference = (d: Difference): string =>
  `${d.operationId} ${d.where} ${d.at || '(the type)'}: ${d.kind} (${d.detail})`;

describe('our types against openapi-typescript from the same overlaid spec', () => {
  it('the probe that puts both side by side compiles', () => {
    const errors = ts
      .getPreEmitDiagnostics(program, probe)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  const found = differences();

  it('compare the types deeply (thousands of properties, every kind of place)', () => {
    expect(comparer.propertiesCompared).toBeGreaterThan(2000);
  });

  it('agree on property names and required versus optional, but for the deliberate differences', () => {
    const unexplained = found.filter((d) => !DELIBERATE_DIFFERENCES.some((entry) => matches(entry, d)));
    expect(unexplained.map(describeDifference)).toEqual([]);
  });

  it('every deliberate difference is still one (none listed that no longer occurs)', () => {
    const stale = DELIBERATE_DIFFERENCES.filter((entry) => !found.some((d) => matches(entry, d)));
    expect(stale.map((entry) => entry.reason)).toEqual([]);
  });
});
