import { VariableDeclarationKind, type SourceFile } from './ts-morph.js';
import type { ApiIR, OperationIR } from '../ir/types.js';
import { compactEntry, type OperationEntry, type ResolvedOperation } from '../runtime.js';

/** The runtime's view of one operation, every field spelled out (`ResolvedOperation`). The mock's data builds on it. */
export function operationDescriptor(op: OperationIR): ResolvedOperation {
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
      ...(op.body.parts && {
        parts: op.body.parts.map((part) => ({ name: part.name, kind: part.kind, required: part.required })),
      }),
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

/**
 * `operations.gen.ts`: the operation table, one entry per method name, each entry compact (see
 * `tableEntry`) and handed to the runtime's `operationTable`, which resolves it.
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

/** The table entry under the method name: compact, without the operationId the key gives back. */
export function tableEntry(op: OperationIR): OperationEntry {
  return compactEntry(op.methodName, operationDescriptor(op));
}
