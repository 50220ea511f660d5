import type { ApiIR, MultipartPartIR, OperationIR, TypeIR } from '../ir/types.js';
import { toJsonSchema, type ModeVariants } from './json-schema.js';
import { operationDescriptor } from './operations.js';

/**
 * The mock's view of one operation (see packages/mock/src/contract/types.ts, `ContractOperation`):
 * what to check in a request and what to answer, with every type already a JSON Schema.
 */
export function contractOperation(op: OperationIR, ir: ApiIR, variants: ModeVariants): Record<string, unknown> {
  const request = (type: TypeIR) => toJsonSchema(type, 'request', variants);
  // The runtime's descriptor, with a JSON Schema beside each parameter, body and part.
  const runtime = operationDescriptor(op);
  return {
    operationId: op.operationId,
    methodName: op.methodName,
    method: op.method,
    path: op.path,
    server: op.server,
    parameters: op.parameters.map((p, i) => ({
      ...runtime.parameters[i],
      schema: request(p.type),
      ...(p.example !== undefined ? { example: p.example } : {}),
    })),
    body: op.body && {
      kind: op.body.kind,
      contentType: op.body.contentType,
      required: op.body.required,
      schema: request(op.body.type),
      ...(op.body.parts
        ? {
            parts: op.body.parts.map((part) => ({
              name: part.name,
              kind: part.kind,
              required: part.required,
              files: fileCount(part, ir),
              schema: request(part.type),
            })),
          }
        : {}),
    },
    success: {
      status: op.success.status,
      kind: op.success.kind,
      contentType: op.success.contentType,
      schema:
        op.success.type && op.success.kind !== 'empty' ? toJsonSchema(op.success.type, 'response', variants) : null,
      ...(op.success.example !== undefined ? { example: op.success.example } : {}),
    },
    pagination: runtime.pagination,
  };
}

/**
 * Whether a multipart part carries one file, several (an array of binaries, sent as repeated parts)
 * or none. Decided by the part's type, not its kind: the spec calls some file arrays "text".
 */
function fileCount(part: MultipartPartIR, ir: ApiIR): 'one' | 'many' | null {
  const resolve = (type: TypeIR, seen = new Set<string>()): TypeIR => {
    if (type.kind !== 'ref' || seen.has(type.name)) return type;
    seen.add(type.name);
    const target = ir.schemas.find((s) => s.name === type.name);
    return target ? resolve(target.type, seen) : type;
  };
  const type = resolve(part.type);
  if (type.kind === 'binary' || part.kind === 'file') return type.kind === 'array' ? 'many' : 'one';
  if (type.kind === 'array' && resolve(type.items).kind === 'binary') return 'many';
  return null;
}
