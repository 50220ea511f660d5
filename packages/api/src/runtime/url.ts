import type { OperationDescriptor, ParameterDescriptor } from './operation.js';

export interface RequestTarget {
  readonly url: string;
  /** Header parameters of the operation, by wire name. */
  readonly headers: Record<string, string>;
}

/** Builds the full URL (path arguments substituted, query serialized) and the header parameters. */
export function buildTarget(
  op: OperationDescriptor,
  baseUrl: string,
  pathArgs: readonly (string | number)[],
  query: object | undefined,
): RequestTarget {
  const path = substitutePath(op, pathArgs);
  const { search, headers } = serializeParameters(op, query);
  return { url: `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`, headers };
}

function substitutePath(op: OperationDescriptor, pathArgs: readonly (string | number)[]): string {
  const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  if (placeholders.length !== pathArgs.length) {
    throw new TypeError(
      `${op.operationId}: expected ${placeholders.length} path argument(s) (${placeholders.join(', ')}), got ${pathArgs.length}`,
    );
  }
  let index = 0;
  return op.path.replace(/\{([^}]+)\}/g, (_match, wireName: string) => {
    const value = pathArgs[index++];
    const param = op.parameters.find((p) => p.in === 'path' && p.wireName === wireName);
    const label = param ? `${param.name} (${wireName})` : wireName;
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || value === '') {
      throw new TypeError(`${op.operationId}: path parameter ${label} must be a non-empty string, got ${describe(value)}`);
    }
    return encodeURIComponent(String(value));
  });
}

function serializeParameters(
  op: OperationDescriptor,
  query: object | undefined,
): { search: string; headers: Record<string, string> } {
  const values = (query ?? {}) as Record<string, unknown>;
  const pairs: string[] = [];
  const headers: Record<string, string> = {};
  const known = new Set<string>();
  for (const param of op.parameters) {
    known.add(param.name);
    known.add(param.wireName);
    if (param.in === 'path') continue;
    const value = param.name in values ? values[param.name] : values[param.wireName];
    if (value === undefined || value === null) {
      if (param.required) {
        throw new TypeError(`${op.operationId}: ${param.in} parameter ${param.name} (${param.wireName}) is required`);
      }
      continue;
    }
    if (param.in === 'header') headers[param.wireName] = headerValue(value);
    else pairs.push(...serializeQueryParam(param, value));
  }
  // Keys the operation does not declare (e.g. a page parameter the spec omitted) go as plain form fields.
  for (const [name, value] of Object.entries(values)) {
    if (known.has(name) || value === undefined || value === null) continue;
    pairs.push(...serializeQueryParam(looseParam(name, value), value));
  }
  return { search: pairs.join('&'), headers };
}

function looseParam(name: string, value: unknown): ParameterDescriptor {
  const kind = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : 'scalar';
  return { wireName: name, name, in: 'query', required: false, style: 'form', explode: true, kind };
}

/** Serializes one query parameter into encoded `key=value` pairs per its OpenAPI style/explode. */
export function serializeQueryParam(param: ParameterDescriptor, value: unknown): string[] {
  const key = encodeURIComponent(param.wireName);
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null).map(scalar);
    if (items.length === 0) return [];
    const delimiter = { spaceDelimited: '%20', pipeDelimited: '|' }[param.style as string] ?? ',';
    if (param.explode) return items.map((item) => `${key}=${encodeURIComponent(item)}`);
    return [`${key}=${items.map(encodeURIComponent).join(delimiter)}`];
  }
  if (isPlainObject(value)) {
    if (param.style === 'deepObject') return deepObjectPairs(key, value);
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
    if (param.explode) return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(scalar(v))}`);
    if (entries.length === 0) return [];
    return [`${key}=${entries.flatMap(([k, v]) => [encodeURIComponent(k), encodeURIComponent(scalar(v))]).join(',')}`];
  }
  return [`${key}=${encodeURIComponent(scalar(value))}`];
}

function deepObjectPairs(prefix: string, value: Record<string, unknown>): string[] {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const key = `${prefix}[${encodeURIComponent(k)}]`;
    if (isPlainObject(v)) pairs.push(...deepObjectPairs(key, v));
    else if (Array.isArray(v)) pairs.push(...v.map((item) => `${key}=${encodeURIComponent(scalar(item))}`));
    else pairs.push(`${key}=${encodeURIComponent(scalar(v))}`);
  }
  return pairs;
}

function headerValue(value: unknown): string {
  return Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  return value === '' ? 'an empty string' : value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}
