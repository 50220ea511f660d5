import { writeFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiroApi } from '../../src/generated/client.gen.js';
import { operations } from '../../src/generated/operations.gen.js';
import { contractOperations, methodArgs, TOKEN, validCall, type ContractOperation } from './cases.js';
import { mock, type ContractExchange } from './mock.js';

/**
 * Calls every generated `MiroApi` method once with valid arguments against the contract handlers
 * (generated from the same IR) and checks that the handler accepted the request as that operation,
 * read back the same arguments, and that the method resolved to exactly the body it sent.
 * Writes contract-coverage.json: which operations passed.
 */

const COVERAGE_FILE = new URL('../../contract-coverage.json', import.meta.url);

const exchanges: ContractExchange[] = [];
const server = setupServer(...mock.createContractHandlers({ onResponse: (exchange) => exchanges.push(exchange) }));
const api = new MiroApi({ accessToken: TOKEN, maxRetries: 0, budget: false });
const covered = new Set<string>();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  const names = Object.keys(operations).sort();
  const uncovered = names.filter((name) => !covered.has(name));
  const report = { total: names.length, covered: names.length - uncovered.length, uncovered };
  writeFileSync(COVERAGE_FILE, `${JSON.stringify(report, null, 2)}\n`);
});

describe('the contract data and the client', () => {
  it('the mock module exports what test/contract/mock.ts declares', () => {
    for (const name of ['createContractHandlers', 'Sampler', 'seededRandom', 'seedFor'] as const)
      expect(typeof mock[name], name).toBe('function');
    expect(Object.keys(mock.contractSchemas.definitions).length).toBeGreaterThan(0);
  });

  it('describe the same operations, and the client has a method for each', () => {
    expect(contractOperations.map((op) => op.methodName).sort()).toEqual(Object.keys(operations).sort());
    const missing = Object.keys(operations).filter(
      (name) => typeof (api as unknown as Record<string, unknown>)[name] !== 'function',
    );
    expect(missing).toEqual([]);
  });
});

/** Values as the handler read them (typed by the schema) against what was passed. */
function asWire(value: unknown): unknown {
  return Array.isArray(value) ? value.map((v) => String(v)) : String(value);
}

async function callOnce(op: ContractOperation): Promise<{ result: unknown; exchange: ContractExchange }> {
  const call = validCall(op);
  const method = (api as unknown as Record<string, (...args: unknown[]) => PromiseLike<unknown>>)[op.methodName]!;
  const before = exchanges.length;
  const result = await method.apply(api, methodArgs(op, call));
  const answered = exchanges.slice(before);
  expect(answered, `${op.methodName} should send exactly one request`).toHaveLength(1);
  const exchange = answered[0]!;
  expect(exchange.problems, `${op.methodName}: the handler found problems`).toEqual([]);
  expect(exchange.accepted).toBe(true);
  expect(exchange.operationId).toBe(op.operationId);
  expect(exchange.status).toBe(op.success.status);

  const pathParams = op.parameters.filter((p) => p.in === 'path');
  expect(exchange.request.path).toEqual(Object.fromEntries(pathParams.map((p, i) => [p.wireName, call.pathArgs[i]])));
  for (const p of op.parameters.filter((q) => q.in !== 'path')) {
    const sent = call.query?.[p.name];
    const read = p.in === 'header' ? exchange.request.header[p.wireName] : exchange.request.query[p.wireName];
    expect(read === undefined ? undefined : asWire(read), `${op.methodName}: ${p.in} parameter ${p.wireName}`).toEqual(
      sent === undefined ? undefined : asWire(sent),
    );
  }
  if (op.body?.kind === 'json' || op.body?.kind === 'scim') expect(exchange.request.body).toEqual(call.body);
  return { result, exchange };
}

describe('every MiroApi method against the contract handlers', () => {
  it.each(contractOperations.map((op) => [op.methodName, op] as const))('%s', async (_name, op) => {
    const { result, exchange } = await callOnce(op);
    if (op.success.kind === 'empty') expect(result).toBeUndefined();
    else {
      expect(exchange.body).toBeDefined();
      expect(result).toEqual(exchange.body);
    }
    covered.add(op.methodName);
  });
});
