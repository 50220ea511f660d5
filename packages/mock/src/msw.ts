/**
 * `@miro/mock/msw`: msw handlers generated from Miro's OpenAPI spec, one per operation. Each checks
 * a request against the spec (path, query, auth, content type, body) and answers with the
 * documented success response, or with a 4xx whose message names what is wrong.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { handlers } from '@miro/mock/msw';
 * const server = setupServer(...handlers);
 * ```
 */
import type { HttpHandler } from 'msw';
import { handlersFor, type ContractHandlerOptions } from './contract/handlers.js';
import { contractOperations, spec } from './generated/operations.gen.js';
import { DEFINITIONS_ID, definitions, formats } from './generated/schemas.gen.js';

export { DEFAULT_BASE_URL, DEFAULT_SCIM_BASE_URL } from './contract/handlers.js';
export type { ContractData, ContractExchange, ContractHandlerOptions } from './contract/handlers.js';
/**
 * Handlers for contract data other than the generated one: a subset of `contractOperations`, or
 * data a tool derived from it (the contract tests build handlers from deliberately wrong data).
 */
export { handlersFor as createContractHandlersFor } from './contract/handlers.js';
export { DEFAULT_PAGE_SIZE } from './contract/pages.js';
export type { ContractProblem } from './contract/problems.js';
export type {
  ContractOperation,
  ContractParameter,
  ContractBody,
  ContractPart,
  ContractResponse,
  JsonSchema,
} from './contract/types.js';
export { Sampler, seededRandom, seedFor } from './contract/sample.js';
export { contractOperations, spec, definitions };

/** The contract data, for tools that build on it (valid requests for tests, say). */
export const contractSchemas = { id: DEFINITIONS_ID, definitions, formats } as const;

/** One msw handler per operation of the spec (then a fallback for unmatched paths), configured by `options`. */
export function createContractHandlers(options: ContractHandlerOptions = {}): HttpHandler[] {
  return handlersFor({ operations: contractOperations, schemas: contractSchemas }, options);
}

/** The handlers with default options: `https://api.miro.com`, SCIM at `https://miro.com/api/v1/scim`, seed 1. */
export const handlers: HttpHandler[] = createContractHandlers();
