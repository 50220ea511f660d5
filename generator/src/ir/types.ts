/**
 * The intermediate representation: plain, JSON-serializable data that every emitter walks.
 * Emitters never read the raw spec; the spec diff (`spec:update`) compares two of these. An
 * operation's descriptor fields are the runtime's own types (`../runtime.js`).
 */
import type {
  MultipartPartDescriptor,
  ResolvedBody,
  ResolvedOperation,
  ResolvedPagination,
  ResolvedParameter,
  ResponseKind,
} from '../runtime.js';

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

export type { HttpMethod } from '../runtime.js';

/** A parameter as the runtime resolves it, with its type and docs. */
export interface ParameterIR extends ResolvedParameter {
  readonly type: TypeIR;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  /** An example value from the spec, when it has one. */
  readonly example?: unknown;
}

export interface MultipartPartIR extends MultipartPartDescriptor {
  readonly type: TypeIR;
}

export interface RequestBodyIR extends Omit<ResolvedBody, 'parts'> {
  readonly type: TypeIR;
  readonly parts?: readonly MultipartPartIR[];
}

export interface ResponseIR {
  readonly status: number;
  readonly kind: ResponseKind;
  readonly contentType: string | null;
  readonly type: TypeIR | null;
  /** The spec's example of the body, when it has one. */
  readonly example?: unknown;
}

export interface PaginationIR extends ResolvedPagination {
  /** The type of one item of a page. */
  readonly itemType: TypeIR;
}

/**
 * An operation: the runtime's descriptor fields (method, path, server, rate-limit level, credits, ...)
 * with types, docs and names beside them.
 */
export interface OperationIR
  extends Pick<
    ResolvedOperation,
    'operationId' | 'method' | 'server' | 'deprecated' | 'rateLimitLevel' | 'credits' | 'creditsPerItem'
  > {
  /** camelCase operationId: the client method's name. */
  readonly methodName: string;
  /** Path template with wire names, normalized (a trailing `?` that some specs use to dodge duplicates is dropped). */
  readonly path: string;
  /** The path as the spec writes it (the key of `paths`). */
  readonly specPath: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly scopes: readonly string[];
  readonly docsUrl: string | undefined;
  /** Path parameters in the order of their placeholders, then query, then header parameters. */
  readonly parameters: readonly ParameterIR[];
  readonly body: RequestBodyIR | null;
  readonly success: ResponseIR;
  /** Documented error statuses. */
  readonly errorStatuses: readonly number[];
  readonly pagination: PaginationIR | null;
}
