/**
 * The shape of the generated contract data (`src/generated/*.gen.ts`, written by
 * generator/src/emit/mock.ts): one `ContractOperation` per operation of the spec, every type a JSON
 * Schema whose references point into the generated definitions document.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export type ServerKey = 'api' | 'scim';

export interface ContractParameter {
  readonly wireName: string;
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly style: 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'label' | 'matrix';
  readonly explode: boolean;
  readonly kind: 'scalar' | 'array' | 'object';
  readonly schema: JsonSchema;
  /** The spec's example value, when it has one. */
  readonly example?: unknown;
}

export interface ContractPart {
  readonly name: string;
  readonly kind: 'file' | 'json' | 'text';
  readonly required: boolean;
  /** `one`: a single file; `many`: the part repeats, one file each; null: not a file. */
  readonly files: 'one' | 'many' | null;
  readonly schema: JsonSchema;
}

export interface ContractBody {
  readonly kind: 'json' | 'scim' | 'multipart';
  readonly contentType: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly parts?: readonly ContractPart[];
}

export interface ContractResponse {
  readonly status: number;
  readonly kind: 'json' | 'empty' | 'text';
  readonly contentType: string | null;
  readonly schema: JsonSchema | null;
  readonly example?: unknown;
}

export interface ContractPagination {
  readonly kind: 'offset' | 'cursor';
  readonly itemsField: string;
  readonly pageParam: string;
  readonly limitParam: string | null;
}

export interface ContractOperation {
  readonly operationId: string;
  /** The `MiroApi` method that calls this operation. */
  readonly methodName: string;
  readonly method: HttpMethod;
  /** Path template with wire names: `/v2/boards/{board_id}/items`. */
  readonly path: string;
  readonly server: ServerKey;
  /** Path parameters in placeholder order, then query, then header parameters. */
  readonly parameters: readonly ContractParameter[];
  readonly body: ContractBody | null;
  readonly success: ContractResponse;
  readonly pagination: ContractPagination | null;
}
