import { operations } from '@miro/api';
import { afterAll, describe, expect, it } from 'vitest';
import {
  contractOperations,
  hasOptionalParameters,
  methodArgs,
  siblingsOf,
  type CallVariant,
  type ContractOperation,
} from './cases.js';
import { methodOf, startContractRun } from './harness/contract-run.js';

/**
 * Calls every generated `MiroApi` method against the contract handlers (generated from the same
 * IR): once with the required parameters only and, where there are optional ones, once with all
 * of them. Each call must be accepted by the handlers as that operation, with the values sent read
 * back unchanged, and resolve to exactly the body answered; and each request and answer, as they
 * went over the wire, must keep the overlaid spec by the independent oracle (see oracle/).
 */

const run = await startContractRun('every-operation');
afterAll(() => run.close());

describe('the contract data and the client', () => {
  it('describe the same operations, and the client has a method for each', () => {
    expect(contractOperations.map((op) => op.methodName).sort()).toEqual(Object.keys(operations).sort());
    const missing = Object.keys(operations).filter(
      (name) => typeof (run.api as unknown as Record<string, unknown>)[name] !== 'function',
    );
    expect(missing).toEqual([]);
  });
});

/** Values as the handler read them (typed by the schema) against what was passed. */
function asWire(value: unknown): unknown {
  return Array.isArray(value) ? value.map((v) => String(v)) : String(value);
}

const cases: [string, CallVariant, ContractOperation][] = contractOperations.flatMap((op) => [
  [op.methodName, 'minimal', op] as [string, CallVariant, ContractOperation],
  ...(hasOptionalParameters(op) ? [[op.methodName, 'full', op] as [string, CallVariant, ContractOperation]] : []),
]);

describe('every MiroApi method against the contract handlers and the spec', () => {
  it.each(cases)('%s (%s)', async (_name, variant, op) => {
    const call = run.validCall(op, variant);
    const before = run.exchanges.length;
    const result = await methodOf(run.api, op)(...methodArgs(op, call));
    const answered = run.exchanges.slice(before);
    expect(answered, `${op.methodName} should send exactly one request`).toHaveLength(1);
    const exchange = answered[0]!;
    expect(exchange.problems, `${op.methodName}: the handler found problems`).toEqual([]);
    expect(exchange.accepted).toBe(true);
    // A full call may read as a sibling's on the wire; the oracle must then find it valid for both.
    let alsoValidFor: string | undefined;
    if (exchange.operationId !== op.operationId) {
      expect(variant, `${op.methodName}: answered as ${exchange.operationId}`).toBe('full');
      expect(siblingsOf(op).map((o) => o.operationId)).toContain(exchange.operationId);
      alsoValidFor = exchange.operationId!;
    }
    const answering = contractOperations.find((o) => o.operationId === exchange.operationId)!;
    expect(exchange.status).toBe(answering.success.status);

    // By position: a sibling may name its placeholders differently (`board_id`, `board_id_PlatformTags`).
    const pathNames = answering.parameters.filter((p) => p.in === 'path').map((p) => p.wireName);
    expect(exchange.request.path).toEqual(Object.fromEntries(pathNames.map((name, i) => [name, call.pathArgs[i]])));
    for (const p of op.parameters.filter((q) => q.in !== 'path')) {
      const sent = call.query?.[p.name];
      const read = p.in === 'header' ? exchange.request.header[p.wireName] : exchange.request.query[p.wireName];
      expect(
        read === undefined ? undefined : asWire(read),
        `${op.methodName}: ${p.in} parameter ${p.wireName}`,
      ).toEqual(sent === undefined ? undefined : asWire(sent));
    }
    if (op.body?.kind === 'json' || op.body?.kind === 'scim') expect(exchange.request.body).toEqual(call.body);
    await run.checkTraffic(op.operationId, alsoValidFor);

    if (op.success.kind === 'empty') expect(result).toBeUndefined();
    else {
      expect(exchange.body).toBeDefined();
      expect(result).toEqual(exchange.body);
    }
    run.coverage.add('operationsCalled', op.operationId);
  });

  it('called every operation of the spec and sent each optional parameter (page parameters: see pagination)', () => {
    const called = run.oracle.operations.filter((op) => !run.coverage.has('operationsCalled', op.operationId));
    expect(called.map((op) => op.operationId)).toEqual([]);
    const pageParams = new Set(
      contractOperations
        .filter((op) => op.pagination)
        .map((op) => `${op.operationId} query ${op.pagination!.pageParam}`),
    );
    const unsent = run.oracle.operations.flatMap((op) =>
      op.parameters
        .filter((p) => p.in === 'query' && p.required !== true)
        .map((p) => `${op.operationId} query ${String(p.name)}`)
        .filter((key) => !pageParams.has(key) && !run.coverage.has('optionalParametersSent', key)),
    );
    expect(unsent).toEqual([]);
    expect(run.coverage.requestsValidated).toBe(run.coverage.requestsSent);
  });
});
