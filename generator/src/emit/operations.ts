import { VariableDeclarationKind, type SourceFile } from './ts-morph.js';
import type { ApiIR, OperationIR } from '../ir/types.js';

/** The runtime's view of one operation: plain data, no types (see packages/api/src/runtime/operation.ts). */
export function operationDescriptor(op: OperationIR): Record<string, unknown> {
  return {
    operationId: op.operationId,
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
      ...(op.body.parts ? { parts: op.body.parts.map((part) => ({ name: part.name, kind: part.kind, required: part.required })) } : {}),
    },
    successStatus: op.success.status,
    responseKind: op.success.kind,
    rateLimitLevel: op.rateLimitLevel,
    credits: op.credits,
    pagination: op.pagination && {
      kind: op.pagination.kind,
      itemsField: op.pagination.itemsField,
      pageParam: op.pagination.pageParam,
      limitParam: op.pagination.limitParam,
    },
    deprecated: op.deprecated,
  };
}

/** `operations.gen.ts`: the operation table, one entry per method name. */
export function emitOperations(file: SourceFile, ir: ApiIR): void {
  file.addImportDeclaration({ isTypeOnly: true, namedImports: ['OperationDescriptor'], moduleSpecifier: '../runtime/operation.js' });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ['Every operation of the spec: how to call it, what it costs, how it pages.'],
    declarations: [
      {
        name: 'operations',
        initializer: (writer) => {
          writer.write('{').newLine();
          writer.indent(() => {
            for (const op of ir.operations) writer.writeLine(`${op.methodName}: ${JSON.stringify(operationDescriptor(op))},`);
          });
          writer.write('} as const satisfies Record<string, OperationDescriptor>');
        },
      },
    ],
  });
  file.addTypeAlias({ name: 'OperationName', isExported: true, type: 'keyof typeof operations' });
}
