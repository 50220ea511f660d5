/**
 * The shape of one entry of the generated operation table. The generator emits a table of these
 * (`src/generated/operations.gen.ts`) and every client method hands its entry to the runtime, which
 * is the only code that turns an operation into an HTTP request.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Which base URL an operation is served from; the client maps each to a configurable URL. */
export type ServerKey = 'api' | 'scim';

export type ParameterLocation = 'path' | 'query' | 'header';

/** OpenAPI 3.0 serialization styles that appear in Miro's spec (`form` for query, `simple` for path). */
export type ParameterStyle = 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'label' | 'matrix';

export interface ParameterDescriptor {
  /** Name on the wire, as the spec writes it (`board_id_PlatformTags`, `team_id`). */
  readonly wireName: string;
  /** Name in TypeScript (`boardId`, `teamId`). */
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required: boolean;
  readonly style: ParameterStyle;
  readonly explode: boolean;
  /** Coarse value kind; lets the serializer handle arrays and objects without the schema. */
  readonly kind: 'scalar' | 'array' | 'object';
}

/** `json` is application/json, `scim` is application/scim+json, `multipart` is multipart/form-data. */
export type BodyKind = 'json' | 'scim' | 'multipart';

export interface MultipartPartDescriptor {
  readonly name: string;
  /** `file`: binary content; `json`: an object sent as an application/json part; `text`: a string field. */
  readonly kind: 'file' | 'json' | 'text';
  readonly required: boolean;
}

export interface BodyDescriptor {
  readonly kind: BodyKind;
  readonly contentType: string;
  readonly required: boolean;
  /** For multipart bodies: the parts the spec declares. */
  readonly parts?: readonly MultipartPartDescriptor[];
}

export type PaginationKind = 'offset' | 'cursor';

export interface PaginationDescriptor {
  readonly kind: PaginationKind;
  /** Property of the response that holds the page's items (`data`). */
  readonly itemsField: string;
  /** Query parameter that moves to the next page (`offset` or `cursor`, by wire name). */
  readonly pageParam: string;
  readonly limitParam: string | null;
}

export interface OperationDescriptor {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template with wire names: `/v2/boards/{board_id_PlatformTags}/items`. */
  readonly path: string;
  readonly server: ServerKey;
  readonly parameters: readonly ParameterDescriptor[];
  readonly body: BodyDescriptor | null;
  /** Status of the documented success response, and whether it carries a body. */
  readonly successStatus: number;
  readonly responseKind: 'json' | 'empty' | 'text';
  /** Miro's rate-limit level (1-4) from the description, or null when the spec says nothing. */
  readonly rateLimitLevel: 1 | 2 | 3 | 4 | null;
  /** Credits the call costs against Miro's per-minute budget. */
  readonly credits: number;
  readonly pagination: PaginationDescriptor | null;
  readonly deprecated: boolean;
}

/** Credits per rate-limit level, from Miro's rate-limiting documentation. */
export const CREDITS_BY_LEVEL = { 1: 50, 2: 100, 3: 500, 4: 2000 } as const;

/**
 * Operations whose description names no level (OAuth token info and revoke, SCIM) are charged as
 * level 1: they are cheap reads or single writes, and level 1 keeps the budget from stalling on them.
 */
export const DEFAULT_CREDITS = CREDITS_BY_LEVEL[1];
