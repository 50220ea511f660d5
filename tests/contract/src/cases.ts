import {
  contractOperations,
  contractSchemas,
  Sampler,
  seededRandom,
  seedFor,
  type ContractOperation,
  type ContractParameter,
  type JsonSchema,
} from '@miro/mock/msw';

/**
 * Valid calls, built from the generated contract data (which the generator derives from the same
 * IR as the client): required path parameters, query parameters with valid values, bodies sampled
 * from the request schema, multipart bodies with Blob files.
 */

export { contractOperations };
export type { ContractOperation };

export const API_BASE = 'https://api.miro.com';
export const SCIM_BASE = 'https://miro.com/api/v1/scim';
export const TOKEN = 'contract-test-token';

const sampler = new Sampler(contractSchemas.definitions);

/** Characters a path value must have encoded: the suite checks they arrive decoded, unchanged. */
const AWKWARD = ' /?#%=é';

export interface ValidCall {
  /** Path arguments in placeholder order (what the client method takes positionally). */
  readonly pathArgs: readonly string[];
  /** Query (and header) values by camelCase name, as the client method takes them. */
  readonly query: Record<string, unknown> | undefined;
  readonly body: unknown;
}

function resolve(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = contractSchemas.definitions[ref.slice(ref.lastIndexOf('/') + 1)];
  if (!target) throw new Error(`unknown reference ${ref}`);
  return resolve(target);
}

/**
 * A query or header value the spec admits: the example or a sampled value, else a small number
 * (an example can break its own schema: `get-all-groups` gives `limit` 100 with a maximum of 50).
 */
function admittedValue(op: ContractOperation, p: ContractParameter, admits: ParameterCheck | undefined): unknown {
  const first = parameterValue(op, p);
  if (!admits || admits(op, p, first)) return first;
  const random = seededRandom(seedFor(8, `${op.operationId}:${p.wireName}`));
  const numeric = ['integer', 'number'].includes(String(resolve(p.schema).type));
  const candidates = [sampler.sample(resolve(p.schema), random, p.wireName), ...(numeric ? [1, 10, 50] : [])];
  return candidates.find((value) => admits(op, p, value)) ?? first;
}

/** The spec's example when it has the schema's type, else a sampled value. */
function parameterValue(op: ContractOperation, p: ContractParameter, awkward = true): unknown {
  const schema = resolve(p.schema);
  const random = seededRandom(seedFor(7, `${op.operationId}:${p.wireName}`));
  if (p.in === 'path') {
    if (Array.isArray(schema.enum) || schema.type !== 'string' || schema.format !== undefined)
      return String(sampler.sample(schema, random, p.wireName));
    const base =
      typeof p.example === 'string' && p.example !== ''
        ? p.example
        : String(sampler.sample(schema, random, p.wireName));
    return awkward ? `${base}${AWKWARD}` : base;
  }
  if (p.example !== undefined && fits(schema, p.example)) return p.example;
  return sampler.sample(schema, random, p.wireName);
}

function fits(schema: JsonSchema, value: unknown): boolean {
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  switch (schema.type) {
    case 'string':
      return typeof value === 'string' && schema.format === undefined;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

/** The other operations that share this one's method and path template (dispatch is by query or content type). */
export function siblingsOf(op: ContractOperation): ContractOperation[] {
  const shape = (o: ContractOperation): string => `${o.server} ${o.method} ${o.path.replace(/\{[^}]+\}/g, '{}')}`;
  return contractOperations.filter((other) => other !== op && shape(other) === shape(op));
}

export function hasSiblings(op: ContractOperation): boolean {
  return siblingsOf(op).length > 0;
}

/**
 * `minimal`: required parameters only (the request must reach exactly this operation).
 * `full`: every parameter, optional ones too, but the page parameter of a paginated operation
 * (its value must come from a page; the pagination suite sends it). Among siblings a full call may
 * be indistinguishable on the wire from a sibling's (`unGroup` with `delete_items` reads as
 * `deleteGroup`), which the suite allows only where the spec makes the request valid for both.
 */
export type CallVariant = 'minimal' | 'full';

/** Whether a full call differs from the minimal one (the operation has optional parameters to send). */
export function hasOptionalParameters(op: ContractOperation): boolean {
  return op.parameters.some((p) => p.in !== 'path' && !p.required && p.wireName !== op.pagination?.pageParam);
}

/**
 * Whether the spec admits a parameter value: the constraints the contract data does not carry
 * (patterns, ranges), from the document through the oracle. Path values get the awkward
 * characters only where it does.
 */
export type ParameterCheck = (op: ContractOperation, p: ContractParameter, value: unknown) => boolean;

export function validCall(op: ContractOperation, variant: CallVariant = 'full', admits?: ParameterCheck): ValidCall {
  const pathArgs = op.parameters
    .filter((p) => p.in === 'path')
    .map((p) => {
      const value = String(parameterValue(op, p));
      return !admits || admits(op, p, value) ? value : String(parameterValue(op, p, false));
    });
  const others = op.parameters.filter(
    (p) => p.in !== 'path' && (p.required || (variant === 'full' && p.wireName !== op.pagination?.pageParam)),
  );
  const query = op.parameters.some((p) => p.in !== 'path')
    ? Object.fromEntries(others.map((p) => [p.name, admittedValue(op, p, admits)]))
    : undefined;
  return { pathArgs, query, body: op.body ? validBody(op, variant) : undefined };
}

function validBody(op: ContractOperation, variant: CallVariant): unknown {
  const body = op.body!;
  const random = seededRandom(seedFor(7, `${op.operationId}:body`));
  if (body.kind !== 'multipart') return sampler.sample(body.schema, random);
  const parts: Record<string, unknown> = {};
  for (const part of body.parts ?? []) {
    if (variant === 'minimal' && !part.required) continue;
    if (part.files === 'one') parts[part.name] = new Blob([fileBytes(op, part.name, 0)], { type: 'application/pdf' });
    else if (part.files === 'many')
      parts[part.name] = [0, 1].map((i) => new Blob([fileBytes(op, part.name, i)], { type: 'image/png' }));
    else parts[part.name] = sampler.sample(part.schema, random, part.name);
  }
  return parts;
}

/** Distinct bytes per operation, part and file, all 256 byte values among them (so that no encoding step can pass unnoticed). */
function fileBytes(op: ContractOperation, part: string, index: number): Uint8Array<ArrayBuffer> {
  const random = seededRandom(seedFor(index, `${op.operationId}:${part}`));
  const bytes = new Uint8Array(300);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i < 256 ? i : Math.floor(random() * 256);
  return bytes;
}

/** The arguments of the generated `MiroApi` method, in its order: path values, body, query. */
export function methodArgs(op: ContractOperation, call: ValidCall): unknown[] {
  return [...call.pathArgs, ...(op.body ? [call.body] : []), ...(call.query !== undefined ? [call.query] : [])];
}

/** The same call as a raw fetch request, serialized by hand (independent of the client's runtime). */
export function rawRequest(
  op: ContractOperation,
  call: ValidCall,
  token: string | null = TOKEN,
): { url: string; init: RequestInit } {
  let index = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(call.pathArgs[index++]!));
  const search = new URLSearchParams();
  const headers = new Headers();
  for (const p of op.parameters.filter((q) => q.in !== 'path')) {
    const value = call.query?.[p.name];
    if (value === undefined) continue;
    if (p.in === 'header') headers.set(p.wireName, String(value));
    else if (Array.isArray(value)) for (const item of value) search.append(p.wireName, String(item));
    else search.append(p.wireName, String(value));
  }
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (op.success.contentType) headers.set('accept', op.success.contentType);
  let body: BodyInit | undefined;
  if (op.body && call.body !== undefined) {
    if (op.body.kind === 'multipart') {
      const form = new FormData();
      for (const [name, value] of Object.entries(call.body as Record<string, unknown>)) {
        const kind = op.body.parts?.find((part) => part.name === name)?.kind;
        for (const item of Array.isArray(value) && value[0] instanceof Blob ? value : [value]) {
          if (item instanceof Blob) form.append(name, item, `${name}.bin`);
          else if (kind === 'json') form.append(name, new Blob([JSON.stringify(item)], { type: 'application/json' }));
          else form.append(name, String(item));
        }
      }
      body = form;
    } else {
      headers.set('content-type', op.body.contentType);
      body = JSON.stringify(call.body);
    }
  }
  const query = search.toString().replace(/\+/g, '%20');
  const base = op.server === 'scim' ? SCIM_BASE : API_BASE;
  return {
    url: `${base}${path}${query ? `?${query}` : ''}`,
    init: { method: op.method, headers, ...(body !== undefined ? { body } : {}) },
  };
}
