// Shared by this folder's tests: a client for a simulation that holds every exchange to the spec.
import { getResponse } from 'msw';
import type { ContractExchange } from '../contract/handlers.js';
import { Validators } from '../contract/validators.js';
import { contractOperations, contractSchemas, createContractHandlers } from '../msw.js';
import type { MiroSimulation } from './simulation.js';
import type { Reply } from './test-helpers.js';

export interface CheckedReply extends Reply {
  /** The spec operation the request was for. */
  readonly operationId: string;
}

export interface SpecCheckedApi {
  /** Sends JSON (or `multipart/form-data` for a `FormData` body) and checks both sides against the spec. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<CheckedReply>;
  /** Operations (by `MiroApi` method name) answered with their documented success so far. */
  readonly succeeded: ReadonlySet<string>;
}

/**
 * Each request is first checked against the spec by the contract handlers (`@miro/mock/msw`): a
 * request the spec would refuse throws, naming the problems, so a test cannot pass on requests
 * real Miro would reject. The simulation's answer is then held to the operation's documented
 * success: its status, and its body against the response schema.
 */
export function specChecked(sim: MiroSimulation, token: string): SpecCheckedApi {
  let exchange: ContractExchange | undefined;
  const handlers = createContractHandlers({ baseUrl: sim.baseUrl, onResponse: (e) => (exchange = e) });
  const validators = new Validators(contractSchemas);
  const operations = new Map(contractOperations.map((op) => [op.operationId, op]));
  const succeeded = new Set<string>();

  const call = async (method: string, path: string, body?: unknown, as = token): Promise<CheckedReply> => {
    const headers: Record<string, string> = { authorization: `Bearer ${as}` };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const request = new Request(path.startsWith('http') ? path : `${sim.baseUrl}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    exchange = undefined;
    await getResponse(handlers, request.clone());
    const seen = exchange as ContractExchange | undefined;
    if (!seen?.operationId) throw new Error(`${method} ${path}: no operation of the spec matches this request`);
    if (!seen.accepted)
      throw new Error(
        `${method} ${path} (${seen.operationId}) breaks the spec: ${seen.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      );
    const op = operations.get(seen.operationId);
    if (!op) throw new Error(`unknown operation ${seen.operationId}`);

    const response = await sim.handle(request);
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
    const reply: CheckedReply = {
      status: response.status,
      headers: response.headers,
      body: json ? JSON.parse(text) : text,
      operationId: op.operationId,
    };
    if (response.status >= 300) return reply;
    if (response.status !== op.success.status)
      throw new Error(`${op.operationId}: answered ${response.status}, the spec documents ${op.success.status}`);
    if (op.success.schema && op.success.kind === 'json') {
      const validate = validators.get(op.success.schema);
      if (!validate(reply.body))
        throw new Error(
          `${op.operationId}: the answer does not match the response schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
        );
    }
    succeeded.add(op.methodName);
    return reply;
  };
  return { call, succeeded };
}
