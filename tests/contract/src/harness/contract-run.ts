import { MiroApi } from '@miro/api';
import { createContractHandlers, type ContractExchange, type ContractHandlerOptions } from '@miro/mock/msw';
import { setupServer } from 'msw/node';
import { beforeEach, expect } from 'vitest';
import { TOKEN, validCall, type CallVariant, type ContractOperation, type ValidCall } from '../cases.js';
import { loadDocument } from '../oracle/document.js';
import { SpecOracle } from '../oracle/spec-oracle.js';
import { CoverageRecorder } from './coverage.js';
import { TrafficRecorder, type Traffic } from './traffic.js';

/**
 * One suite's setting: our client (`MiroApi`), the mock's contract handlers behind msw, a recorder
 * of the wire traffic between them, the independent oracle over the overlaid spec, and the
 * suite's coverage part.
 */
export interface ContractRun {
  readonly api: MiroApi;
  readonly oracle: SpecOracle;
  readonly exchanges: ContractExchange[];
  readonly coverage: CoverageRecorder;
  /**
   * The traffic since the last check, each request checked by the oracle as a call of
   * `operationId` (and, when `alsoValidFor` is given, as a call of that sibling too), each answer
   * against the documented response. Records what the oracle saw in the coverage.
   */
  checkTraffic(operationId: string, alsoValidFor?: string): Promise<Traffic[]>;
  /** A valid call (see cases.ts) whose values the spec admits too (patterns and ranges the contract data lacks). */
  validCall(op: ContractOperation, variant: CallVariant): ValidCall;
  close(): void;
}

export async function startContractRun(suite: string, options: ContractHandlerOptions = {}): Promise<ContractRun> {
  const oracle = SpecOracle.create(await loadDocument());
  const exchanges: ContractExchange[] = [];
  const server = setupServer(
    ...createContractHandlers({ ...options, onResponse: (exchange) => exchanges.push(exchange) }),
  );
  const traffic = new TrafficRecorder(server);
  const coverage = new CoverageRecorder(suite);
  server.listen({ onUnhandledRequest: 'error' });
  // What a failed test left unchecked is not the next test's traffic.
  beforeEach(async () => {
    await traffic.take();
  });
  const api = new MiroApi({ accessToken: TOKEN, maxRetries: 0, budget: false });

  const optional = new Map(
    oracle.operations.map((op) => [
      op.operationId,
      new Set(op.parameters.filter((p) => p.in === 'query' && p.required !== true).map((p) => String(p.name))),
    ]),
  );

  return {
    api,
    oracle,
    exchanges,
    coverage,
    async checkTraffic(operationId, alsoValidFor) {
      const recorded = await traffic.take();
      for (const { request, response } of recorded) {
        coverage.requestsSent += 1;
        const verdict = await oracle.checkRequest(request, operationId);
        expect(verdict.problems, `the spec's verdict on ${request.method} ${request.url} as ${operationId}`).toEqual(
          [],
        );
        if (alsoValidFor) {
          const sibling = await oracle.checkRequest(request, alsoValidFor);
          expect(sibling.problems, `the same request as ${alsoValidFor}`).toEqual([]);
        }
        coverage.requestsValidated += 1;
        for (const name of verdict.queryNames)
          if (optional.get(operationId)?.has(name))
            coverage.add('optionalParametersSent', `${operationId} query ${name}`);
        expect(response, `an answer to ${request.method} ${request.url}`).toBeDefined();
        const answerer = alsoValidFor ?? operationId;
        expect(oracle.checkResponse(answerer, response!), `the spec's verdict on the answer`).toEqual([]);
      }
      return recorded;
    },
    validCall(op, variant) {
      return validCall(op, variant, (o, p, value) => oracle.parameterAccepts(o.operationId, p.in, p.wireName, value));
    },
    close() {
      server.close();
      coverage.write();
    },
  };
}

/** Calls the generated method of `op` with `args` (see `methodArgs` in cases.ts). */
export function methodOf(api: MiroApi, op: ContractOperation): (...args: unknown[]) => PromiseLike<unknown> {
  const method = (api as unknown as Record<string, unknown>)[op.methodName];
  if (typeof method !== 'function') throw new Error(`MiroApi has no method ${op.methodName} for ${op.operationId}`);
  return (...args) => (method as (...a: unknown[]) => PromiseLike<unknown>).apply(api, args);
}
