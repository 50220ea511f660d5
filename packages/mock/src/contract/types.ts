/**
 * The shape of the generated contract data (`src/generated/*.gen.ts`, written by
 * generator/src/emit/mock.ts): one `ContractOperation` per operation of the spec, every type a JSON
 * Schema whose references point into the generated definitions document. The descriptor fields are
 * @miro/api's operation descriptor types, declared once there.
 */
import type {
  MultipartPartDescriptor,
  ResolvedBody,
  ResolvedOperation,
  ResolvedPagination,
  ResolvedParameter,
  ResponseKind,
} from '@miro/api';

export type JsonSchema = { readonly [keyword: string]: unknown };

/** A parameter as the runtime's descriptor resolves it, with the JSON Schema of its value. */
export interface ContractParameter extends ResolvedParameter {
  readonly schema: JsonSchema;
  /** The spec's example value, when it has one. */
  readonly example?: unknown;
}

export interface ContractPart extends MultipartPartDescriptor {
  /** `one`: a single file; `many`: the part repeats, one file each; null: not a file. */
  readonly files: 'one' | 'many' | null;
  readonly schema: JsonSchema;
}

export interface ContractBody extends Omit<ResolvedBody, 'parts'> {
  readonly schema: JsonSchema;
  readonly parts?: readonly ContractPart[];
}

export interface ContractResponse {
  readonly status: number;
  readonly kind: ResponseKind;
  readonly contentType: string | null;
  readonly schema: JsonSchema | null;
  readonly example?: unknown;
}

export type ContractPagination = ResolvedPagination;

export interface ContractOperation extends Pick<ResolvedOperation, 'operationId' | 'method' | 'server'> {
  /** The `MiroApi` method that calls this operation. */
  readonly methodName: string;
  /** Path template with wire names: `/v2/boards/{board_id}/items`. */
  readonly path: string;
  /** Path parameters in placeholder order, then query, then header parameters. */
  readonly parameters: readonly ContractParameter[];
  readonly body: ContractBody | null;
  readonly success: ContractResponse;
  readonly pagination: ContractPagination | null;
}
