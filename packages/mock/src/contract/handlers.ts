import { http, type HttpHandler } from 'msw';
import { accepts } from './accept.js';
import { readBody } from './body.js';
import { diagnoseUnmatched } from './unmatched.js';
import { pagePosition } from './pages.js';
import { readParameters, type ParameterValues } from './parameters.js';
import { problem, type ContractProblem } from './problems.js';
import { errorAnswer, successAnswer, toResponse, type Answer } from './responses.js';
import { choose, matchPath, parseBaseUrl, pathBelow, routeTable, type BaseUrl, type Route } from './routes.js';
import { Sampler } from './sample.js';
import type { ContractOperation } from './types.js';
import { Validators, type SchemaSet } from './validators.js';

export const DEFAULT_BASE_URL = 'https://api.miro.com';
export const DEFAULT_SCIM_BASE_URL = 'https://miro.com/api/v1/scim';

export interface ContractHandlerOptions {
  /** Where the REST API is served. Default `https://api.miro.com`. */
  readonly baseUrl?: string;
  /** Where the SCIM operations are served. Default `https://miro.com/api/v1/scim`. */
  readonly scimBaseUrl?: string;
  /** Seed of the sampled response bodies: one seed, one body per operation. Default 1. */
  readonly seed?: number;
  /** Answer with the spec's example where it has one (else a sampled body). Default true. */
  readonly examples?: boolean;
  /** Which bearer tokens are valid; others get 401. Default: any non-empty token. */
  readonly isValidToken?: (token: string) => boolean;
  /**
   * Answer requests under the base URLs that match no operation (404, 405, or 400 for a path
   * parameter with an unencoded `/`) instead of leaving them unhandled. Default true.
   */
  readonly fallback?: boolean;
  /**
   * Refuse body properties the spec does not declare, where a schema says nothing of other
   * properties (a misspelled or wrongly converted name is an error, not an ignored extra). Default true.
   */
  readonly strictBodies?: boolean;
  /** Called with every answered request: which operation, whether it was accepted, what was sent back. */
  readonly onResponse?: (exchange: ContractExchange) => void;
}

/** One request and the handlers' answer to it. */
export interface ContractExchange {
  /** The operation that answered, or null when none matched (the fallback answered). */
  readonly operationId: string | null;
  readonly methodName: string | null;
  readonly method: string;
  readonly url: string;
  /** True when the request kept the contract and got the documented success response. */
  readonly accepted: boolean;
  readonly status: number;
  /** Empty when accepted. */
  readonly problems: readonly ContractProblem[];
  /** The request as read: decoded path values, typed query values and headers by wire name, parsed body. */
  readonly request: ParameterValues & { readonly body: unknown };
  /** The response body as sent (parsed JSON), undefined when there was none. */
  readonly body: unknown;
}

export interface ContractData {
  readonly operations: readonly ContractOperation[];
  readonly schemas: SchemaSet;
}

const BEARER = /^Bearer +(\S+)$/i;

/** Builds one msw handler per operation of `data` (plus the fallback); see `createContractHandlers`. */
export function handlersFor(data: ContractData, options: ContractHandlerOptions = {}): HttpHandler[] {
  const bases: Record<ContractOperation['server'], BaseUrl> = {
    api: parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl'),
    scim: parseBaseUrl(options.scimBaseUrl ?? DEFAULT_SCIM_BASE_URL, 'scimBaseUrl'),
  };
  const validators = new Validators(data.schemas, { closedBodies: options.strictBodies ?? true });
  const sampler = new Sampler(data.schemas.definitions);
  const table = routeTable(data.operations, (op) => bases[op.server]);
  const success = { seed: options.seed ?? 1, examples: options.examples ?? true };

  const report = (
    op: ContractOperation | undefined,
    request: Request,
    answer: Answer,
    problems: readonly ContractProblem[],
    values: ParameterValues,
    body: unknown,
  ): Response => {
    options.onResponse?.({
      operationId: op?.operationId ?? null,
      methodName: op?.methodName ?? null,
      method: request.method,
      url: request.url,
      accepted: problems.length === 0,
      status: answer.status,
      problems,
      request: { ...values, body },
      body: answer.body,
    });
    return toResponse(answer);
  };

  const claims = (route: Route, request: Request): boolean => {
    const url = new URL(request.url);
    const path = pathBelow(url, route.base);
    if (path === undefined || !route.pattern.test(path)) return false;
    if (table.shadowsOf(route).some((other) => other.pattern.test(path))) return false;
    const siblings = table.siblingsOf(route);
    if (siblings.length === 1) return true;
    return (
      choose(siblings, {
        contentType: request.headers.get('content-type'),
        queryNames: new Set(url.searchParams.keys()),
      }) === route.op
    );
  };

  const handle = async (route: Route, request: Request): Promise<Response> => {
    const { op } = route;
    const url = new URL(request.url);
    const empty: ParameterValues = { path: {}, query: {}, header: {} };
    const auth = checkAuth(request.headers, options.isValidToken);
    if (auth)
      return report(
        op,
        request,
        errorAnswer(401, op, [auth], { 'www-authenticate': 'Bearer' }),
        [auth],
        empty,
        undefined,
      );
    const accept = checkAccept(op, request.headers);
    if (accept) return report(op, request, errorAnswer(406, op, [accept]), [accept], empty, undefined);
    const rawPath = matchPath(route, pathBelow(url, route.base)!)!;
    const params = readParameters(op, rawPath, url.searchParams, request.headers, validators);
    const body = await readBody(op, request, validators);
    if (!body.ok && body.status === 415)
      return report(op, request, errorAnswer(415, op, body.problems), body.problems, params.values, undefined);
    const problems = [...params.problems, ...(body.ok ? [] : body.problems)];
    const bodyValue = body.ok ? body.value : undefined;
    if (problems.length) return report(op, request, errorAnswer(400, op, problems), problems, params.values, bodyValue);
    const at = op.pagination
      ? { position: pagePosition(op, params.values.query), definitions: data.schemas.definitions }
      : undefined;
    const answer = successAnswer(op, params.values.query, sampler, success, at);
    return report(op, request, answer, [], params.values, bodyValue);
  };

  const handlers = table.routes.map((route) =>
    http[route.op.method.toLowerCase() as Lowercase<ContractOperation['method']>](
      ({ request }) => claims(route, request),
      ({ request }) => handle(route, request),
    ),
  );
  if (options.fallback ?? true) {
    const roots = Object.values(bases);
    handlers.push(
      http.all(
        // Unclaimed requests only, so that the fallback may sit anywhere among the handlers.
        ({ request }) =>
          roots.some((base) => pathBelow(new URL(request.url), base) !== undefined) &&
          !table.routes.some((route) => route.op.method === request.method && claims(route, request)),
        ({ request }) => {
          const { answer, problems } = diagnoseUnmatched(table.routes, request);
          return report(undefined, request, answer, problems, { path: {}, query: {}, header: {} }, undefined);
        },
      ),
    );
  }
  return handlers;
}

/** A problem with the Authorization header, or undefined when it carries a valid bearer token. */
function checkAuth(
  headers: Headers,
  isValidToken: ((token: string) => boolean) | undefined,
): ContractProblem | undefined {
  const field = 'header Authorization';
  const value = headers.get('authorization');
  if (value === null || value.trim() === '') return problem(field, 'is missing; expected "Bearer <access token>"');
  const token = BEARER.exec(value.trim())?.[1];
  const scheme = value.trim().split(/\s+/)[0]!;
  if (!token && /^bearer$/i.test(scheme)) return problem(field, `has no token after ${JSON.stringify(scheme)}`);
  if (!token)
    return problem(
      field,
      `expected "Bearer <access token>", got a value of the form ${JSON.stringify(`${scheme} ...`)}`,
    );
  if (isValidToken && !isValidToken(token))
    return problem(field, 'carries an access token that is not valid (rejected by isValidToken)');
  return undefined;
}

/** A problem when the request's `Accept` header refuses the media type of the operation's success response. */
function checkAccept(op: ContractOperation, headers: Headers): ContractProblem | undefined {
  const accept = headers.get('accept');
  const type = op.success.kind === 'empty' ? null : op.success.contentType;
  if (accept === null || !type || accepts(accept, type)) return undefined;
  return problem(
    'header Accept',
    `${JSON.stringify(accept)} does not admit ${type}, the media type ${op.operationId} answers with`,
  );
}
