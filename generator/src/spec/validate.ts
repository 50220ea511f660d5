import { Worker } from 'node:worker_threads';
import { SpecError, pointer } from '../errors.js';
import { resolvePointer } from '../ir/refs.js';
import type { JsonObject, JsonValue } from './load.js';

/**
 * Checks the overlaid spec. Our own checks run first, synchronously, because they name the JSON
 * pointer of the defect; then a maintained OpenAPI validator (@readme/openapi-parser) checks
 * everything else in a worker thread, so that the caller can build the IR and emit meanwhile
 * (the validator is about 40% of a generation's in-process time). Callers write nothing before
 * the returned promise resolves.
 */
export function validateSpec(spec: JsonObject, source: string): Promise<void> {
  try {
    checkStructure(spec, source);
  } catch (error) {
    return Promise.reject(error);
  }
  return validateWithOpenApiParser(spec, source);
}

function checkStructure(spec: JsonObject, source: string): void {
  if (typeof spec.openapi !== 'string' || !/^3\.0\./.test(spec.openapi)) {
    throw new SpecError(
      `expected an OpenAPI 3.0 document, "openapi" is ${JSON.stringify(spec.openapi ?? null)}`,
      '/openapi',
      source,
    );
  }
  if (spec.paths === null || typeof spec.paths !== 'object' || Array.isArray(spec.paths)) {
    throw new SpecError('the spec has no "paths" object', '/paths', source);
  }
  checkRefs(spec, spec, '', source);
  checkOperationIds(spec, source);
}

/** What the worker posts: the validator's result, or the message of what it threw on this spec. */
type ValidatorVerdict = { readonly valid: boolean; readonly errors: readonly string[] } | { readonly thrown: string };

/**
 * Plain JavaScript run as the worker (no TypeScript loader needed, the same in src/ and in the
 * bundled dist/). The validator mutates what it checks; the worker's copy of the spec is its own.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.parser).then(({ validate }) =>
  validate(workerData.spec, { validate: { errors: { colorize: false } } }).then(
    (result) => parentPort.postMessage({ valid: result.valid, errors: result.valid ? [] : result.errors.map((e) => String(e.message)) }),
    (error) => parentPort.postMessage({ thrown: String(error && error.message ? error.message : error) }),
  ),
);
`;

function validateWithOpenApiParser(spec: JsonObject, source: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { parser: import.meta.resolve('@readme/openapi-parser'), spec },
    });
    let verdict: ValidatorVerdict | undefined;
    worker.once('message', (message: ValidatorVerdict) => (verdict = message));
    worker.once('error', (error) =>
      reject(new Error(`the OpenAPI validator failed: ${error.message}`, { cause: error })),
    );
    worker.once('exit', (code) => {
      if (!verdict) return reject(new Error(`the OpenAPI validator stopped (exit code ${code}) without a verdict`));
      if ('thrown' in verdict)
        return reject(new SpecError(`the OpenAPI validator could not read the spec: ${verdict.thrown}`, '', source));
      if (verdict.valid) return resolve();
      const more = verdict.errors.length > 1 ? ` (and ${verdict.errors.length - 1} more)` : '';
      reject(new SpecError(`OpenAPI validation failed: ${verdict.errors[0] ?? 'unknown error'}${more}`, '', source));
    });
  });
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
      checkAliasCycle(spec, value, childAt, source);
    } else if (key !== 'example' && key !== 'examples') {
      checkRefs(spec, value, childAt, source);
    }
  }
}

/**
 * A chain of references that only point at each other (A is `$ref: B`, B is `$ref: A`) names no
 * schema at all; emitted, it would be a type alias of itself, which TypeScript rejects.
 */
function checkAliasCycle(spec: JsonObject, first: string, at: string, source: string): void {
  const chain = [first];
  let node = resolvePointer(spec, first);
  while (node !== null && typeof node === 'object' && !Array.isArray(node) && typeof node.$ref === 'string') {
    const next = node.$ref;
    if (chain.includes(next)) {
      throw new SpecError(`$ref cycle with no schema in it: ${[...chain, next].join(' -> ')}`, at, source);
    }
    chain.push(next);
    node = resolvePointer(spec, next);
  }
}
