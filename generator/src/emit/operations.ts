import { VariableDeclarationKind, type SourceFile } from './ts-morph.js';
import { CREDITS_BY_LEVEL, DEFAULT_CREDITS } from '../ir/docs.js';
import type { ApiIR, OperationIR } from '../ir/types.js';

/**
 * The runtime's view of one operation with every field spelled out: plain data, no types (see
 * `ResolvedOperation` in packages/api/src/runtime/operation.ts). The mock's data builds on it.
 */
export function operationDescriptor(op: OperationIR): Record<string, unknown> {
  return {
    operationId: op.operationId,
    methodName: op.methodName,
    method: op.method,
    path: op.path,
    server: op.server,
    parameters: op.parameters.map((p) => ({
      wireName: p.wireName,
      name: p.name,
      in: p.in,
      required: p.required,
      style: p.style,
      explode: p.explode,
      kind: p.kind,
    })),
    body: op.body && {
      kind: op.body.kind,
      contentType: op.body.contentType,
      required: op.body.required,
      ...(op.body.parts
        ? { parts: op.body.parts.map((part) => ({ name: part.name, kind: part.kind, required: part.required })) }
        : {}),
    },
    successStatus: op.success.status,
    responseKind: op.success.kind,
    rateLimitLevel: op.rateLimitLevel,
    credits: op.credits,
    creditsPerItem: op.creditsPerItem,
    pagination: op.pagination && {
      kind: op.pagination.kind,
      itemsField: op.pagination.itemsField,
      pageParam: op.pagination.pageParam,
      limitParam: op.pagination.limitParam,
    },
    deprecated: op.deprecated,
  };
}

/** Media type of a body of each kind when the descriptor names none (runtime: `DEFAULT_CONTENT_TYPES`). */
const DEFAULT_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json',
  scim: 'application/scim+json',
  multipart: 'multipart/form-data',
};

/** Credits of a level (runtime: `creditsOf`). */
function creditsOf(level: 1 | 2 | 3 | 4 | null): number {
  return level ? CREDITS_BY_LEVEL[level] : DEFAULT_CREDITS;
}

/** The runtime's default name of a parameter (runtime: `defaultParameterName`). */
function defaultParameterName(wireName: string): string {
  return wireName.replace(/[-_](.)/g, (_, c: string) => c.toUpperCase());
}

/**
 * The descriptor as the operation table holds it: `operationDescriptor` without the fields that
 * equal the defaults documented on `OperationDescriptor` (packages/api/src/runtime/operation.ts),
 * whose `resolveOperation` puts them back. Same information, a third of the bytes.
 */
export function compactOperationDescriptor(op: OperationIR): Record<string, unknown> {
  const out: Record<string, unknown> = { operationId: op.operationId };
  if (op.method !== 'GET') out['method'] = op.method;
  out['path'] = op.path;
  if (op.server !== 'api') out['server'] = op.server;
  if (op.parameters.length > 0) {
    out['parameters'] = op.parameters.map((p) => {
      const param: Record<string, unknown> = { wireName: p.wireName };
      if (p.name !== defaultParameterName(p.wireName)) param['name'] = p.name;
      if (p.in !== (op.path.includes(`{${p.wireName}}`) ? 'path' : 'query')) param['in'] = p.in;
      if (p.required !== (p.in === 'path')) param['required'] = p.required;
      if (p.style !== (p.in === 'query' ? 'form' : 'simple')) param['style'] = p.style;
      if (p.explode !== (p.style === 'form')) param['explode'] = p.explode;
      if (p.kind !== 'scalar') param['kind'] = p.kind;
      return param;
    });
  }
  if (op.body) {
    const body: Record<string, unknown> = { kind: op.body.kind };
    if (op.body.contentType !== DEFAULT_CONTENT_TYPES[op.body.kind]) body['contentType'] = op.body.contentType;
    if (!op.body.required) body['required'] = false;
    if (op.body.parts)
      body['parts'] = op.body.parts.map((part) => ({ name: part.name, kind: part.kind, required: part.required }));
    out['body'] = body;
  }
  if (op.success.status !== 200) out['successStatus'] = op.success.status;
  if (op.success.kind !== 'json') out['responseKind'] = op.success.kind;
  if (op.rateLimitLevel !== null) out['rateLimitLevel'] = op.rateLimitLevel;
  if (op.credits !== creditsOf(op.rateLimitLevel)) out['credits'] = op.credits;
  if (op.creditsPerItem) out['creditsPerItem'] = true;
  if (op.pagination) {
    const { kind, itemsField, pageParam, limitParam } = op.pagination;
    out['pagination'] = {
      kind,
      ...(itemsField !== 'data' && { itemsField }),
      ...(pageParam !== kind && { pageParam }),
      ...(limitParam !== 'limit' && { limitParam }),
    };
  }
  if (op.deprecated) out['deprecated'] = true;
  return out;
}

/**
 * `operations.gen.ts`: the operation table, one entry per method name, each entry compact (see
 * `compactOperationDescriptor`) and handed to the runtime's `operationTable`, which resolves it.
 */
export function emitOperations(file: SourceFile, ir: ApiIR): void {
  file.addImportDeclaration({ namedImports: ['operationTable'], moduleSpecifier: '../runtime/operation.js' });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Every operation of the spec: how to call it, what it costs, how it pages.'],
    declarations: [
      {
        name: 'operations',
        initializer: (writer) => {
          writer.write('operationTable({').newLine();
          writer.indent(() => {
            for (const op of ir.operations) writer.writeLine(`${op.methodName}: ${JSON.stringify(tableEntry(op))},`);
          });
          writer.write('})');
        },
      },
    ],
  });
  file.addTypeAlias({ name: 'OperationName', isExported: true, type: 'keyof typeof operations' });
}

/** The compact descriptor without the operationId when the table key gives it (runtime: `defaultOperationId`). */
export function tableEntry(op: OperationIR): Record<string, unknown> {
  const { operationId, ...rest } = compactOperationDescriptor(op);
  return operationId === defaultOperationId(op.methodName) ? rest : { operationId, ...rest };
}

function defaultOperationId(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
