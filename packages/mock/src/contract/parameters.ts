import { fieldPath, problem, problemsFromErrors, type ContractProblem } from './problems.js';
import type { ContractOperation, ContractParameter, JsonSchema } from './types.js';
import type { Validators } from './validators.js';

/** Parameter values as the handler read them: decoded, split per style, coerced to their types. */
export interface ParameterValues {
  readonly path: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly header: Record<string, unknown>;
}

/** A path segment as RFC 3986 allows it: unreserved, sub-delims, `:`, `@` and %XX escapes. */
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;

const LABEL = { path: 'path parameter', query: 'query parameter', header: 'header' } as const;

export function parameterLabel(p: Pick<ContractParameter, 'in' | 'wireName'>): string {
  return `${LABEL[p.in]} ${p.wireName}`;
}

/** Query names an operation answers to: its declared parameters and its page/limit parameters. */
export function knownQueryNames(op: ContractOperation): Set<string> {
  const names = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.wireName));
  if (op.pagination) {
    names.add(op.pagination.pageParam);
    if (op.pagination.limitParam) names.add(op.pagination.limitParam);
  }
  return names;
}

/**
 * Reads and checks every parameter: path values must be non-empty, percent-encoded segments;
 * query names must be declared, scalars given once, arrays serialized per style/explode; then
 * every value is checked against its schema (strings coerced: `limit=abc` is not an integer).
 */
export function readParameters(
  op: ContractOperation,
  rawPath: ReadonlyMap<string, string>,
  search: URLSearchParams,
  headers: Headers,
  validators: Validators,
): { values: ParameterValues; problems: ContractProblem[] } {
  const problems: ContractProblem[] = [];
  const values: ParameterValues = { path: {}, query: {}, header: {} };

  for (const p of op.parameters.filter((q) => q.in === 'path')) {
    const raw = rawPath.get(p.wireName) ?? '';
    const label = parameterLabel(p);
    if (raw === '') {
      problems.push(problem(label, `is empty; ${op.path} needs a value for {${p.wireName}}`));
      continue;
    }
    if (!SEGMENT.test(raw)) {
      const bad = [...raw].find((ch) => !/[A-Za-z0-9\-._~!$&'()*+,;=:@%]/.test(ch)) ?? '%';
      const hint =
        bad === '%' ? 'a "%" must start a %XX escape' : `"${bad}" must be sent as ${encodeURIComponent(bad)}`;
      problems.push(problem(label, `is not percent-encoded (got ${JSON.stringify(raw)}): ${hint}`));
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      problems.push(problem(label, `is not valid percent-encoding (got ${JSON.stringify(raw)})`));
      continue;
    }
    values.path[p.wireName] = p.kind === 'array' ? decoded.split(',') : decoded;
  }

  const given = new Map<string, string[]>();
  for (const [name, value] of search) given.set(name, [...(given.get(name) ?? []), value]);
  const known = knownQueryNames(op);
  const deep = op.parameters.filter((p) => p.in === 'query' && p.style === 'deepObject').map((p) => p.wireName);
  for (const name of given.keys()) {
    if (known.has(name) || deep.some((d) => name.startsWith(`${d}[`))) continue;
    const takes = [...known];
    problems.push(
      problem(
        `query parameter ${name}`,
        `is not a parameter of ${op.operationId}; ${takes.length ? `it takes ${takes.join(', ')}` : 'it takes no query parameters'}`,
      ),
    );
  }

  const hints = new Map<string, string>();
  for (const p of op.parameters.filter((q) => q.in === 'query')) {
    const label = parameterLabel(p);
    const read = readQueryValue(p, given);
    if (read === undefined) {
      if (p.required)
        problems.push(
          problem(
            label,
            `is required${p.example !== undefined ? ` (for example ${p.wireName}=${String(p.example)})` : ''}`,
          ),
        );
      continue;
    }
    if (typeof read === 'object' && 'problem' in read) {
      problems.push(problem(label, read.problem));
      continue;
    }
    values.query[p.wireName] = read.value;
    if (read.hint) hints.set(label, read.hint);
  }

  for (const p of op.parameters.filter((q) => q.in === 'header')) {
    const raw = headers.get(p.wireName);
    if (raw === null) {
      if (p.required) problems.push(problem(parameterLabel(p), 'is required'));
      continue;
    }
    values.header[p.wireName] = p.kind === 'array' ? raw.split(',').map((s) => s.trim()) : raw;
  }

  const validate = validators.get(parametersSchema(op), 'coercing');
  if (!validate(values)) {
    const named = problemsFromErrors(validate.errors ?? [], (path) => parameterField(path), validators);
    for (const p of named) {
      const hint = [...hints].find(([label]) => p.field === label || p.field.startsWith(`${label}[`))?.[1];
      problems.push(hint ? { field: p.field, message: `${p.message} (${hint})` } : p);
    }
  }
  return { values, problems };
}

/** `/query/limit/0` -> `query parameter limit[0]`. */
function parameterField(instancePath: string): string {
  const [, where, name = '', ...rest] = instancePath.split('/');
  const label = `${LABEL[where as keyof typeof LABEL] ?? where} ${name.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  return fieldPath(label, rest.length ? `/${rest.join('/')}` : '');
}

type QueryRead = { value: unknown; hint?: string } | { problem: string } | undefined;

/** One query parameter's value per its style and explode flag; undefined when absent. */
function readQueryValue(p: ContractParameter, given: ReadonlyMap<string, string[]>): QueryRead {
  if (p.kind === 'object') {
    if (p.style === 'deepObject') {
      const entries = [...given].filter(([name]) => name.startsWith(`${p.wireName}[`) && name.endsWith(']'));
      if (!entries.length) return undefined;
      return {
        value: Object.fromEntries(entries.map(([name, list]) => [name.slice(p.wireName.length + 1, -1), list.at(-1)])),
      };
    }
    const list = given.get(p.wireName);
    if (!list) return undefined;
    if (list.length > 1) return { problem: `given ${list.length} times; expected one value (style ${p.style})` };
    const parts = list[0]!.split(',');
    if (parts.length % 2)
      return {
        problem: `expected comma-separated key,value pairs (style ${p.style}, explode false), got ${JSON.stringify(list[0])}`,
      };
    const value: Record<string, string> = {};
    for (let i = 0; i < parts.length; i += 2) value[parts[i]!] = parts[i + 1]!;
    return { value };
  }
  const list = given.get(p.wireName);
  if (!list) return undefined;
  if (p.kind === 'array') {
    const delimiter = p.style === 'spaceDelimited' ? ' ' : p.style === 'pipeDelimited' ? '|' : ',';
    if (p.explode && p.style === 'form') {
      const hint =
        list.length === 1 && list[0]!.includes(',')
          ? `style form with explode=true repeats the parameter per item: ${p.wireName}=a&${p.wireName}=b, not ${p.wireName}=a,b`
          : undefined;
      return hint ? { value: [...list], hint } : { value: [...list] };
    }
    if (list.length > 1) {
      return {
        problem: `given ${list.length} times; style ${p.style} with explode=false sends one ${JSON.stringify(delimiter)}-separated value (${p.wireName}=a${delimiter}b)`,
      };
    }
    return { value: list[0] === '' ? [] : list[0]!.split(delimiter) };
  }
  if (list.length > 1)
    return {
      problem: `given ${list.length} times (${list.map((v) => JSON.stringify(v)).join(', ')}); expected one value`,
    };
  return { value: list[0] };
}

const schemas = new WeakMap<ContractOperation, JsonSchema>();

/** One object schema for all of an operation's parameters: `{ path: {...}, query: {...}, header: {...} }`. */
function parametersSchema(op: ContractOperation): JsonSchema {
  let schema = schemas.get(op);
  if (!schema) {
    const group = (where: ContractParameter['in']): JsonSchema => ({
      type: 'object',
      properties: Object.fromEntries(op.parameters.filter((p) => p.in === where).map((p) => [p.wireName, p.schema])),
    });
    schema = { type: 'object', properties: { path: group('path'), query: group('query'), header: group('header') } };
    schemas.set(op, schema);
  }
  return schema;
}
