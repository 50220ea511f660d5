import {
  resolveOperation,
  type OperationDescriptor,
  type ResolvedOperation,
  type ResolvedParameter,
} from './operation.js';

export interface RequestTarget {
  readonly url: string;
  /** Header parameters of the operation, by wire name. */
  readonly headers: Record<string, string>;
}

/** What every call of one operation reuses: the path template split once, the parameters sorted. */
interface Plan {
  /** Literal text around the placeholders: one more entry than `placeholders`. */
  readonly literals: readonly string[];
  /** Wire names of the placeholders, in template order. */
  readonly placeholders: readonly string[];
  /** `name (wireName)` of each placeholder, for errors. */
  readonly labels: readonly string[];
  /** Query and header parameters. */
  readonly others: readonly ResolvedParameter[];
  /** Every declared name and wire name: other query keys go out as plain form fields. */
  readonly known: ReadonlySet<string>;
}

const plans = new WeakMap<ResolvedOperation, Plan>();

function planOf(op: ResolvedOperation): Plan {
  let plan = plans.get(op);
  if (!plan) {
    // split() with a capturing group alternates literal text and placeholder names.
    const pieces = op.path.split(/\{([^}]+)\}/);
    const placeholders = pieces.filter((_, i) => i % 2 === 1);
    const labels = placeholders.map((wireName) => {
      const param = op.parameters.find((p) => p.in === 'path' && p.wireName === wireName);
      return param ? `${param.name} (${wireName})` : wireName;
    });
    plan = {
      literals: pieces.filter((_, i) => i % 2 === 0),
      placeholders,
      labels,
      others: op.parameters.filter((p) => p.in !== 'path'),
      known: new Set(op.parameters.flatMap((p) => [p.name, p.wireName])),
    };
    plans.set(op, plan);
  }
  return plan;
}

/** Builds the full URL (path arguments substituted, query serialized) and the header parameters. */
export function buildTarget(
  descriptor: OperationDescriptor,
  baseUrl: string,
  pathArgs: readonly (string | number)[],
  query: object | undefined,
): RequestTarget {
  const op = resolveOperation(descriptor);
  const plan = planOf(op);
  const path = substitutePath(op, plan, pathArgs);
  const headers: Record<string, string> = {};
  const search = serializeParameters(op, plan, query, headers);
  const base = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  return { url: `${base}${path}${search ? `?${search}` : ''}`, headers };
}

function substitutePath(op: ResolvedOperation, plan: Plan, pathArgs: readonly (string | number)[]): string {
  const { literals, placeholders } = plan;
  if (placeholders.length !== pathArgs.length) {
    throw new TypeError(
      `${op.methodName}: expected ${placeholders.length} path argument(s) (${placeholders.join(', ')}), got ${pathArgs.length}`,
    );
  }
  let path = literals[0] ?? '';
  for (let i = 0; i < placeholders.length; i++) {
    const value = pathArgs[i];
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || value === '') {
      throw new TypeError(
        `${op.methodName}: path parameter ${plan.labels[i]} must be a non-empty string, got ${describe(value)}`,
      );
    }
    path += encodeURIComponent(value as string | number) + literals[i + 1];
  }
  return path;
}

/** The encoded query string; header parameters go into `headers`. */
function serializeParameters(
  op: ResolvedOperation,
  plan: Plan,
  query: object | undefined,
  headers: Record<string, string>,
): string {
  const values = (query ?? {}) as Record<string, unknown>;
  const pairs: string[] = [];
  for (const param of plan.others) {
    const value = param.name in values ? values[param.name] : values[param.wireName];
    if (value === undefined || value === null) {
      if (param.required) {
        throw new TypeError(`${op.methodName}: ${param.in} parameter ${param.name} (${param.wireName}) is required`);
      }
      continue;
    }
    if (param.in === 'header') headers[param.wireName] = headerValue(value);
    else pairs.push(...serializeQueryParam(param, value));
  }
  // Keys the operation does not declare (e.g. a page parameter the spec omitted) go as plain form fields.
  if (query) {
    for (const [name, value] of Object.entries(values)) {
      if (plan.known.has(name) || value === undefined || value === null) continue;
      pairs.push(...serializeQueryParam(looseParam(name, value), value));
    }
  }
  return pairs.join('&');
}

function looseParam(name: string, value: unknown): ResolvedParameter {
  const kind = Array.isArray(value) ? 'array' : isPlainObject(value) ? 'object' : 'scalar';
  return { wireName: name, name, in: 'query', required: false, style: 'form', explode: true, kind };
}

/** Serializes one query parameter into encoded `key=value` pairs per its OpenAPI style/explode. */
export function serializeQueryParam(param: ResolvedParameter, value: unknown): string[] {
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
  return value === ''
    ? 'an empty string'
    : value === undefined
      ? 'undefined'
      : (JSON.stringify(value) ?? String(value));
}
