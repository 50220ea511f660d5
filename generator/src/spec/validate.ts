import { validate as validateOpenApi } from '@readme/openapi-parser';
import { SpecError, pointer } from '../errors.js';
import { resolvePointer } from '../ir/refs.js';
import type { JsonObject, JsonValue } from './load.js';

/**
 * Checks the overlaid spec before the IR is built. Our own checks come first because they name the
 * JSON pointer of the defect; then a maintained OpenAPI validator checks everything else.
 */
export async function validateSpec(spec: JsonObject, source: string): Promise<void> {
  if (typeof spec.openapi !== 'string' || !/^3\.0\./.test(spec.openapi)) {
    throw new SpecError(`expected an OpenAPI 3.0 document, "openapi" is ${JSON.stringify(spec.openapi ?? null)}`, '/openapi', source);
  }
  if (spec.paths === null || typeof spec.paths !== 'object' || Array.isArray(spec.paths)) {
    throw new SpecError('the spec has no "paths" object', '/paths', source);
  }
  checkRefs(spec, spec, '', source);
  checkOperationIds(spec, source);
  const result = await validateOpenApi(structuredClone(spec) as never, { validate: { errors: { colorize: false } } });
  if (!result.valid) {
    const first = result.errors[0];
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new SpecError(`OpenAPI validation failed: ${first?.message ?? 'unknown error'}${more}`, '', source);
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation needs an operationId, unique in the spec: it names the client's method. */
function checkOperationIds(spec: JsonObject, source: string): void {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) continue;
      const at = pointer('paths', path, method);
      const id = operation.operationId;
      if (typeof id !== 'string' || id.trim() === '') throw new SpecError('operation has no operationId', at, source);
      const first = seen.get(id);
      if (first) throw new SpecError(`duplicate operationId "${id}" (first at ${first})`, at, source);
      seen.set(id, at);
    }
  }
}

/** Every local `$ref` must resolve; the error names where the reference sits. */
function checkRefs(spec: JsonObject, node: JsonValue, at: string, source: string): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => checkRefs(spec, child, `${at}/${i}`, source));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const childAt = `${at}${pointer(key)}`;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/')) throw new SpecError(`external $ref "${value}" is not supported`, childAt, source);
      if (resolvePointer(spec, value) === undefined) {
        throw new SpecError(`$ref "${value}" resolves to nothing (no overlay defines it)`, childAt, source);
      }
    } else if (key !== 'example' && key !== 'examples') {
      checkRefs(spec, value, childAt, source);
    }
  }
}
