import { badRequest } from './errors.js';

export type JsonObject = Record<string, unknown>;

function fail(field: string, message: string): never {
  throw badRequest(`Invalid parameter ${field}: ${message}`, [{ field, message }]);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `obj[key]`, `undefined` when absent; 400 when present but not an object. */
export function optObject(obj: JsonObject, key: string, path = key): JsonObject | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(path, 'must be an object');
  return value;
}

export function reqObject(obj: JsonObject, key: string, path = key): JsonObject {
  const value = optObject(obj, key, path);
  if (value === undefined) fail(path, 'is required');
  return value;
}

export function optString(
  obj: JsonObject,
  key: string,
  path: string,
  limits: { min?: number; max?: number } = {},
): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail(path, 'must be a string');
  if (limits.min !== undefined && value.length < limits.min) fail(path, `must be at least ${limits.min} characters`);
  if (limits.max !== undefined && value.length > limits.max) fail(path, `must be at most ${limits.max} characters`);
  return value;
}

export function reqString(
  obj: JsonObject,
  key: string,
  path: string,
  limits: { min?: number; max?: number } = {},
): string {
  const value = optString(obj, key, path, limits);
  if (value === undefined) fail(path, 'is required');
  return value;
}

export function optNumber(obj: JsonObject, key: string, path: string): number | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
  return value;
}

export function optBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(path, 'must be a boolean');
  return value;
}

export function optEnum<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = optString(obj, key, path);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    fail(path, `must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}

/** Copies the listed string properties of `input` that are present, validating each. */
export function pickStrings(input: JsonObject, keys: readonly string[], prefix: string): JsonObject {
  const out: JsonObject = {};
  for (const key of keys) {
    const value = optString(input, key, `${prefix}.${key}`);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Reads an integer query parameter within [min, max]; 400 names the parameter when it is not. */
export function queryInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badRequest(
      `Invalid query parameter ${name}: must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      [{ field: name, message: `must be an integer from ${min} to ${max}` }],
    );
  }
  return value;
}
