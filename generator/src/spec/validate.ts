import { createHash } from 'node:crypto';
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
export function validateSpec(spec: JsonObject, source: string, thread?: ValidatorThread): Promise<void> {
  try {
    checkStructure(spec, source);
  } catch (error) {
    return Promise.reject(error);
  }
  return validateWithOpenApiParser(spec, source, thread);
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

/** The validator's result, or the message of what it threw on this spec. */
type ValidatorVerdict = { readonly valid: boolean; readonly errors: readonly string[] } | { readonly thrown: string };

/**
 * Plain JavaScript run as the worker (no TypeScript loader needed, the same in src/ and in the
 * bundled dist/). It loads the validator once and answers each `{ id, spec }` with `{ id, verdict }`.
 * The validator mutates what it checks; the worker's copy of the spec is its own.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const parser = import(workerData.parser);
parentPort.on('message', ({ id, spec }) =>
  parser
    .then(({ validate }) => validate(spec, { validate: { errors: { colorize: false } } }))
    .then(
      (result) => ({ valid: result.valid, errors: result.valid ? [] : result.errors.map((e) => String(e.message)) }),
      (error) => ({ thrown: String(error && error.message ? error.message : error) }),
    )
    .then((verdict) => parentPort.postMessage({ id, verdict })),
);
`;

/**
 * One worker thread running @readme/openapi-parser, started on first use and kept for the next
 * validation: starting a worker and loading the validator cost about 0.1 s, which a fresh worker
 * per spec paid every time. The validator itself compiles the OpenAPI schema on every call (about
 * 0.15 s), so a verdict is kept per spec content: `spec:update` checks the new spec before it
 * generates from it, and the tests check the same small specs many times. The thread keeps the
 * process alive only while a validation is under way. If it dies, the validations in flight fail
 * and the next one starts a new thread.
 */
export class ValidatorThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (v: ValidatorVerdict) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Verdicts by the hash of the spec's JSON, oldest first (a verdict in the making too, so twins wait for one). */
  private readonly verdicts = new Map<string, Promise<ValidatorVerdict>>();
  /** How many verdicts are kept: enough for a test run's specs; each is a hash and a few strings. */
  private static readonly KEPT = 256;

  /** The running thread's id, or undefined before the first validation and after it stopped. */
  get threadId(): number | undefined {
    return this.worker?.threadId;
  }

  check(spec: JsonObject): Promise<ValidatorVerdict> {
    const key = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
    const known = this.verdicts.get(key);
    if (known) return known;
    const verdict = this.send(spec);
    this.verdicts.set(key, verdict);
    // A validation that could not finish (the thread died) is not a verdict: the next check retries.
    verdict.catch(() => this.verdicts.delete(key));
    if (this.verdicts.size > ValidatorThread.KEPT) this.verdicts.delete(this.verdicts.keys().next().value!);
    return verdict;
  }

  private send(spec: JsonObject): Promise<ValidatorVerdict> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<ValidatorVerdict>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, spec });
    });
  }

  /** Stops the thread; validations in flight fail. */
  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { parser: import.meta.resolve('@readme/openapi-parser') },
    });
    worker.on('message', ({ id, verdict }: { id: number; verdict: ValidatorVerdict }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(verdict);
    });
    worker.on('error', (error) =>
      this.stopped(worker, new Error(`the OpenAPI validator failed: ${error.message}`, { cause: error })),
    );
    worker.on('exit', (code) =>
      this.stopped(worker, new Error(`the OpenAPI validator stopped (exit code ${code}) without a verdict`)),
    );
    this.worker = worker;
    return worker;
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

const validatorThread = new ValidatorThread();

async function validateWithOpenApiParser(spec: JsonObject, source: string, thread = validatorThread): Promise<void> {
  const verdict = await thread.check(spec);
  if ('thrown' in verdict)
    throw new SpecError(`the OpenAPI validator could not read the spec: ${verdict.thrown}`, '', source);
  if (verdict.valid) return;
  const more = verdict.errors.length > 1 ? ` (and ${verdict.errors.length - 1} more)` : '';
  throw new SpecError(`OpenAPI validation failed: ${verdict.errors[0] ?? 'unknown error'}${more}`, '', source);
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
