import type { ContractProblem } from './problems.js';
import { seededRandom, seedFor, type Sampler } from './sample.js';
import { pageAt } from './pages.js';
import type { ContractOperation, JsonSchema } from './types.js';

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

/** A paginated operation's page: where it starts, in which collection of definitions to find its items. */
export interface PageOptions {
  readonly position: number;
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

/**
 * The documented success response: the spec's example, else a value sampled from the response
 * schema with a random source seeded by (seed, operationId), so one seed always gives one body.
 * A paginated operation answers the page at `page.position` of its collection (see `pages.ts`).
 */
export function successAnswer(
  op: ContractOperation,
  query: Record<string, unknown>,
  sampler: Sampler,
  options: SuccessOptions,
  page?: PageOptions,
): Answer {
  const { success } = op;
  if (success.kind === 'empty' || !success.schema) return { status: success.status, headers: {}, body: undefined };
  const headers = {
    'content-type': success.contentType ?? (success.kind === 'text' ? 'text/plain' : 'application/json'),
  };
  const random = seededRandom(seedFor(options.seed, op.operationId));
  if (success.kind === 'text')
    return { status: success.status, headers, body: String(sampler.sample(success.schema, random, 'text')) };
  const template =
    options.examples && success.example !== undefined
      ? structuredClone(success.example)
      : sampler.sample(success.schema, random);
  const body =
    op.pagination && page
      ? pageAt(op, template, query, page.position, sampler, page.definitions, options.seed)
      : template;
  return { status: success.status, headers, body };
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
        : status === 406
          ? 'notAcceptable'
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
