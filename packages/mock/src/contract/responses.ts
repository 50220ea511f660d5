import type { ContractProblem } from './problems.js';
import { seededRandom, seedFor, type Sampler } from './sample.js';
import type { ContractOperation } from './types.js';

/** What a handler answers: status, headers and the body as a value (undefined for none). */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface SuccessOptions {
  readonly seed: number;
  /** Answer with the spec's example where it has one. */
  readonly examples: boolean;
}

/**
 * The documented success response: the spec's example, else a value sampled from the response
 * schema with a random source seeded by (seed, operationId), so one seed always gives one body.
 * A paged list is answered as the last page, so that walking every page terminates.
 */
export function successAnswer(
  op: ContractOperation,
  query: Record<string, unknown>,
  sampler: Sampler,
  options: SuccessOptions,
): Answer {
  const { success } = op;
  if (success.kind === 'empty' || !success.schema) return { status: success.status, headers: {}, body: undefined };
  const headers = {
    'content-type': success.contentType ?? (success.kind === 'text' ? 'text/plain' : 'application/json'),
  };
  const random = seededRandom(seedFor(options.seed, op.operationId));
  if (success.kind === 'text')
    return { status: success.status, headers, body: String(sampler.sample(success.schema, random, 'text')) };
  const body =
    options.examples && success.example !== undefined
      ? structuredClone(success.example)
      : sampler.sample(success.schema, random);
  if (op.pagination) lastPage(op, body, query);
  return { status: success.status, headers, body };
}

/** Turns a sampled page into the last one: no next cursor or link; offset and total consistent. */
function lastPage(op: ContractOperation, body: unknown, query: Record<string, unknown>): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const page = body as Record<string, unknown>;
  const items = page[op.pagination!.itemsField];
  const count = Array.isArray(items) ? items.length : 0;
  const links = page.links;
  if (typeof links === 'object' && links !== null) delete (links as Record<string, unknown>).next;
  if (op.pagination!.kind === 'cursor') {
    delete page.cursor;
    return;
  }
  const requested = Number(query[op.pagination!.pageParam] ?? 0);
  const offset = Number.isFinite(requested) ? requested : 0;
  if ('offset' in page) page.offset = offset;
  if ('total' in page) page.total = offset + count;
  if ('size' in page) page.size = count;
}

/** The error body Miro's REST API uses, with every problem under `context.fields`. */
export function errorAnswer(
  status: number,
  op: ContractOperation | undefined,
  problems: readonly ContractProblem[],
  extraHeaders: Record<string, string> = {},
): Answer {
  const code =
    status === 401
      ? 'tokenNotProvided'
      : status === 415
        ? 'unsupportedMediaType'
        : status === 404
          ? 'notFound'
          : status === 405
            ? 'methodNotAllowed'
            : 'invalidParameters';
  const message = problems.map((p) => p.message).join('; ');
  return {
    status,
    headers: { 'content-type': 'application/json', ...extraHeaders },
    body: {
      type: 'error',
      status,
      code,
      message: op ? `${op.operationId}: ${message}` : message,
      context: {
        operationId: op?.operationId ?? null,
        fields: problems.map((p) => ({ field: p.field, message: p.message })),
      },
    },
  };
}

export function toResponse(answer: Answer): Response {
  const body =
    answer.body === undefined
      ? null
      : typeof answer.body === 'string' && !/json/i.test(answer.headers['content-type'] ?? '')
        ? answer.body
        : JSON.stringify(answer.body);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
