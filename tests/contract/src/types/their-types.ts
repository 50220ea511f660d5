import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { ARTIFACTS } from '../harness/coverage.js';
import { documentOperations, isObject, resolveRef, successOf, type JsonObject } from '../oracle/document.js';

/**
 * The independent generator's types: openapi-typescript 7 run on the overlaid spec, with its
 * read/write markers (so that its `Writable<>` request and `Readable<>` response types leave out
 * read-only and write-only properties, as ours do) and `required` read as the spec writes it,
 * written to `.artifacts/type-oracle/`, and a
 * probe module beside it that names, per operation, their path, query, request body and response
 * types next to our `MiroApi`, for one TypeScript program to compare.
 */

export const TYPE_ORACLE_DIR = `${ARTIFACTS}type-oracle/`;
export const PROBE_FILE = `${TYPE_ORACLE_DIR}probe.ts`;
const API_ENTRY = fileURLToPath(new URL('../../../../packages/api/src/index.ts', import.meta.url));

/** Per operationId: which media type of the request body and which response the probe names. */
export interface TheirOperation {
  readonly operationId: string;
  readonly bodyMedia: string | undefined;
  readonly successStatus: number;
  readonly responseMedia: string | undefined;
}

export async function writeTheirTypes(document: JsonObject): Promise<TheirOperation[]> {
  // defaultNonNullable off: a property with a `default` is required only where the spec says so
  // (openapi-typescript's default makes it required; the spec's `required` lists are the contract).
  const ast = await openapiTS(document as never, { readWriteMarkers: true, defaultNonNullable: false, silent: true });
  mkdirSync(TYPE_ORACLE_DIR, { recursive: true });
  writeFileSync(`${TYPE_ORACLE_DIR}openapi-typescript.ts`, astToString(ast));

  const ops = documentOperations(document).map((op): TheirOperation => {
    const body = resolveRef(document, op.operation.requestBody);
    const content = isObject(body) && isObject(body.content) ? Object.keys(body.content) : [];
    const success = successOf(document, op);
    return {
      operationId: op.operationId,
      bodyMedia: content[0],
      successStatus: success.status,
      responseMedia: success.status === 204 ? undefined : success.mediaTypes[0],
    };
  });
  const key = (text: string): string => JSON.stringify(text);
  const entry = (op: TheirOperation): string => {
    const o = `operations[${key(op.operationId)}]`;
    const body = op.bodyMedia ? `Writable<NonNullable<${o}['requestBody']>['content'][${key(op.bodyMedia)}]>` : 'never';
    const response = op.responseMedia
      ? `Readable<${o}['responses'][${op.successStatus}]['content'][${key(op.responseMedia)}]>`
      : 'never';
    return [
      `  ${key(op.operationId)}: {`,
      `    path: NonNullable<${o}['parameters']['path']>;`,
      `    query: NonNullable<${o}['parameters']['query']>;`,
      `    body: ${body};`,
      `    response: ${response};`,
      '  };',
    ].join('\n');
  };
  const apiImport = relative(TYPE_ORACLE_DIR, API_ENTRY).replace(/\.ts$/, '.js');
  writeFileSync(
    PROBE_FILE,
    [
      "// Written by tests/contract (the type oracle): our client beside the independent generator's types.",
      `import type { MiroApi } from ${key(apiImport)};`,
      "import type { operations, Readable, Writable } from './openapi-typescript.js';",
      '',
      'export type Ours = MiroApi;',
      '',
      'export interface Theirs {',
      ...ops.map(entry),
      '}',
      '',
    ].join('\n'),
  );
  return ops;
}
