/**
 * The intermediate representation: plain, JSON-serializable data that every emitter walks.
 * Emitters never read the raw spec; the spec diff (`spec:update`) compares two of these.
 */

export interface ApiIR {
  readonly title: string;
  readonly version: string;
  /** Named schemas, sorted by name; `name` is the TypeScript type name. */
  readonly schemas: readonly NamedSchema[];
  /** Operations sorted by method name. */
  readonly operations: readonly OperationIR[];
}

export interface NamedSchema {
  /** The key in `components.schemas`. */
  readonly specName: string;
  /** A valid, unique TypeScript identifier. */
  readonly name: string;
  readonly type: TypeIR;
  readonly description: string | undefined;
  /** True when the schema (or a schema it reaches) has read-only properties: a request variant is emitted. */
  readonly hasReadOnly: boolean;
}

export type TypeIR =
  | { readonly kind: 'ref'; readonly name: string; readonly nullable?: boolean }
  | { readonly kind: 'string'; readonly format?: string; readonly nullable?: boolean }
  | { readonly kind: 'number'; readonly integer: boolean; readonly nullable?: boolean }
  | { readonly kind: 'boolean'; readonly nullable?: boolean }
  | { readonly kind: 'binary'; readonly nullable?: boolean }
  | { readonly kind: 'unknown'; readonly nullable?: boolean }
  | {
      readonly kind: 'enum';
      readonly values: readonly (string | number | boolean | null)[];
      readonly nullable?: boolean;
    }
  | { readonly kind: 'array'; readonly items: TypeIR; readonly nullable?: boolean }
  | ObjectTypeIR
  | {
      readonly kind: 'union';
      /** oneOf is exclusive, anyOf is not; both map to a TypeScript union. */
      readonly combinator: 'oneOf' | 'anyOf';
      readonly variants: readonly TypeIR[];
      readonly discriminator?: DiscriminatorIR;
      readonly nullable?: boolean;
    }
  | { readonly kind: 'intersection'; readonly parts: readonly TypeIR[]; readonly nullable?: boolean };

export interface ObjectTypeIR {
  readonly kind: 'object';
  readonly properties: readonly PropertyIR[];
  /** `true` for any value, a type for typed maps, `false` or absent for none. */
  readonly additionalProperties?: TypeIR | true;
  readonly nullable?: boolean;
}

export interface PropertyIR {
  readonly name: string;
  readonly type: TypeIR;
  readonly required: boolean;
  readonly readOnly: boolean;
  readonly writeOnly: boolean;
  readonly deprecated: boolean;
  readonly description: string | undefined;
}

export interface DiscriminatorIR {
  readonly propertyName: string;
  /** Discriminator value -> type name. */
  readonly mapping: Readonly<Record<string, string>>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface ParameterIR {
  readonly wireName: string;
  /** camelCase, cleaned (`board_id_PlatformTags` -> `boardId`). */
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly type: TypeIR;
  readonly style: 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'label' | 'matrix';
  readonly explode: boolean;
  readonly kind: 'scalar' | 'array' | 'object';
  readonly description: string | undefined;
  readonly deprecated: boolean;
  /** An example value from the spec, when it has one. */
  readonly example?: unknown;
}

export interface MultipartPartIR {
  readonly name: string;
  readonly kind: 'file' | 'json' | 'text';
  readonly required: boolean;
  readonly type: TypeIR;
}

export interface RequestBodyIR {
  readonly kind: 'json' | 'scim' | 'multipart';
  readonly contentType: string;
  readonly required: boolean;
  readonly type: TypeIR;
  readonly parts?: readonly MultipartPartIR[];
}

export interface ResponseIR {
  readonly status: number;
  readonly kind: 'json' | 'empty' | 'text';
  readonly contentType: string | null;
  readonly type: TypeIR | null;
  /** The spec's example of the body, when it has one. */
  readonly example?: unknown;
}

export interface PaginationIR {
  readonly kind: 'offset' | 'cursor';
  readonly itemsField: string;
  readonly pageParam: string;
  readonly limitParam: string | null;
  /** The type of one item of a page. */
  readonly itemType: TypeIR;
}

export interface OperationIR {
  readonly operationId: string;
  /** camelCase operationId: the client method's name. */
  readonly methodName: string;
  readonly method: HttpMethod;
  /** Path template with wire names, normalized (a trailing `?` that some specs use to dodge duplicates is dropped). */
  readonly path: string;
  /** The path as the spec writes it (the key of `paths`). */
  readonly specPath: string;
  readonly server: 'api' | 'scim';
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly scopes: readonly string[];
  readonly docsUrl: string | undefined;
  readonly rateLimitLevel: 1 | 2 | 3 | 4 | null;
  readonly credits: number;
  /** `credits` is charged per item of the request body (bulk operations), not per call. */
  readonly creditsPerItem: boolean;
  /** Path parameters in the order of their placeholders, then query, then header parameters. */
  readonly parameters: readonly ParameterIR[];
  readonly body: RequestBodyIR | null;
  readonly success: ResponseIR;
  /** Documented error statuses. */
  readonly errorStatuses: readonly number[];
  readonly pagination: PaginationIR | null;
}
