import { DEFAULT_PAGE_SIZE } from '@miro/mock/msw';
import { afterAll, describe, expect, it } from 'vitest';
import { contractOperations, methodArgs } from './cases.js';
import { methodOf, startContractRun } from './harness/contract-run.js';

/**
 * Every paginated operation walked with `for await` through the contract handlers' real pages:
 * at least two pages, each request after the first carrying the page parameter the previous
 * answer pointed at, the items exactly those of the pages in order, and every request and answer
 * checked by the independent oracle.
 */

const run = await startContractRun('pagination');
afterAll(() => run.close());

const paginated = contractOperations.filter((op) => op.pagination);

/** Operations that take a cursor or offset but answer nothing to iterate, with the reason. */
const NOT_ITERABLE: Readonly<Record<string, string>> = {
  getItemsByGroupId: '`data` is one object (a group and its items), not a list',
};

describe('pagination', () => {
  it('pages where the spec does: every operation with a cursor or offset query parameter, and no other', () => {
    const bySpec = run.oracle.operations
      .filter((op) => op.parameters.some((p) => p.in === 'query' && (p.name === 'cursor' || p.name === 'offset')))
      .filter((op) => !(op.operationId in NOT_ITERABLE))
      .map((op) => op.operationId)
      .sort();
    expect(paginated.map((op) => op.operationId).sort()).toEqual(bySpec);
  });

  it.each(paginated.map((op) => [op.methodName, op] as const))('%s: for await walks every page', async (_name, op) => {
    const { pageParam, itemsField } = op.pagination!;
    const call = run.validCall(op, 'minimal');
    const before = run.exchanges.length;
    const items: unknown[] = [];
    const pages = methodOf(run.api, op)(...methodArgs(op, call)) as unknown as AsyncIterable<unknown>;
    for await (const item of pages) items.push(item);
    const answered = run.exchanges.slice(before);

    expect(answered.length, `${op.methodName}: pages requested`).toBeGreaterThanOrEqual(2);
    for (const exchange of answered) {
      expect(exchange.problems).toEqual([]);
      expect(exchange.operationId).toBe(op.operationId);
    }
    expect(answered[0]!.request.query[pageParam]).toBeUndefined();
    for (let i = 1; i < answered.length; i++) {
      const previous = answered[i - 1]!.body as Record<string, unknown>;
      const pointer =
        op.pagination!.kind === 'cursor'
          ? String(previous.cursor)
          : String(Number(previous.offset ?? 0) + (previous[itemsField] as unknown[]).length);
      expect(String(answered[i]!.request.query[pageParam]), `page ${i + 1} asks for what page ${i} pointed at`).toBe(
        pointer,
      );
    }
    const served = answered.flatMap((exchange) => (exchange.body as Record<string, unknown[]>)[itemsField] ?? []);
    expect(items).toEqual(served);
    const pageSize = Number(
      call.query?.[op.parameters.find((p) => p.wireName === op.pagination!.limitParam)?.name ?? ''],
    );
    expect(items).toHaveLength(2 * (Number.isInteger(pageSize) && pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE) + 1);

    const traffic = await run.checkTraffic(op.operationId);
    expect(traffic).toHaveLength(answered.length);
    run.coverage.add('paginatedIterated', op.operationId);
  });

  it('walked every paginated operation over two pages or more, sending its page parameter, each request checked by the oracle', () => {
    expect(
      paginated.filter((op) => !run.coverage.has('paginatedIterated', op.operationId)).map((op) => op.methodName),
    ).toEqual([]);
    const unsent = paginated
      .map((op) => `${op.operationId} query ${op.pagination!.pageParam}`)
      .filter((key) => !run.coverage.has('optionalParametersSent', key));
    expect(unsent).toEqual([]);
    expect(run.coverage.requestsValidated).toBe(run.coverage.requestsSent);
  });
});
