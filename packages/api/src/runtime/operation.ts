/**
 * The operation descriptor, declared here once: the shape of one entry of the generated operation
 * table, its defaults, and Miro's credits per rate-limit level. The generator emits a table of these
 * (`src/generated/operations.gen.ts`) and every client method hands its entry to the runtime, which
 * is the only code that turns an operation into an HTTP request. The generator and @miro/mock use
 * these types and values too; the generator imports this file by path and bundles it, so it must
 * import nothing.
 *
 * To keep the table (and so every bundle) small, the generator leaves out each field that equals
 * its documented default below; `resolveOperation` fills the defaults in, once per descriptor, and
 * `operationTable` hands the client resolved operations only.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** Which base URL an operation is served from; the client maps each to a configurable URL. */
export type ServerKey = 'api' | 'scim';

export type ParameterLocation = 'path' | 'query' | 'header';

/** OpenAPI 3.0 serialization styles that appear in Miro's spec (`form` for query, `simple` for path). */
export type ParameterStyle = 'simple' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject' | 'label' | 'matrix';

export type ParameterKind = 'scalar' | 'array' | 'object';

export interface ParameterDescriptor {
  /** Name on the wire, as the spec writes it (`board_id_PlatformTags`, `team_id`). */
  readonly wireName: string;
  /** Name in TypeScript (`boardId`, `teamId`). Default: `defaultParameterName(wireName)`. */
  readonly name?: string;
  /** Default: `path` when the operation's path has a `{wireName}` placeholder, else `query`. */
  readonly in?: ParameterLocation;
  /** Default: true for a path parameter (OpenAPI requires it), else false. */
  readonly required?: boolean;
  /** Default: OpenAPI's for the location, `simple` for path and header, `form` for query. */
  readonly style?: ParameterStyle;
  /** Default: OpenAPI's for the style, true for `form`, else false. */
  readonly explode?: boolean;
  /** Coarse value kind; lets the serializer handle arrays and objects without the schema. Default `scalar`. */
  readonly kind?: ParameterKind;
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
  /** Default (also for an empty string): the kind's media type (`DEFAULT_CONTENT_TYPES`). */
  readonly contentType?: string;
  /** Default true: most operations that take a body require it. */
  readonly required?: boolean;
  /** For multipart bodies: the parts the spec declares. */
  readonly parts?: readonly MultipartPartDescriptor[];
}

export type PaginationKind = 'offset' | 'cursor';

export interface PaginationDescriptor {
  readonly kind: PaginationKind;
  /** Property of the response that holds the page's items. Default `data`. */
  readonly itemsField?: string;
  /** Query parameter that moves to the next page, by wire name. Default: the kind (`offset` or `cursor`). */
  readonly pageParam?: string;
  /** Query parameter that sets the page size, by wire name; null when there is none. Default `limit`. */
  readonly limitParam?: string | null;
}

export type RateLimitLevel = 1 | 2 | 3 | 4;

/** What the success response carries: a JSON body, nothing, or text. */
export type ResponseKind = 'json' | 'empty' | 'text';

export interface OperationDescriptor {
  readonly operationId: string;
  /**
   * The client method that calls it, as errors name the call (`getSpecificBoard`). Default: the
   * operationId in camelCase (`defaultMethodName`); the generated table's key.
   */
  readonly methodName?: string;
  /** Default `GET`. */
  readonly method?: HttpMethod;
  /** Path template with wire names: `/v2/boards/{board_id_PlatformTags}/items`. */
  readonly path: string;
  /** Default `api`. */
  readonly server?: ServerKey;
  /** Default none. */
  readonly parameters?: readonly ParameterDescriptor[];
  /** Default null: the operation takes no body. */
  readonly body?: BodyDescriptor | null;
  /** Status of the documented success response. Default 200. */
  readonly successStatus?: number;
  /** Whether the success response carries a body, and what kind. Default `json`. */
  readonly responseKind?: ResponseKind;
  /** Miro's rate-limit level (1-4) from the description; null (the default) when the spec says nothing. */
  readonly rateLimitLevel?: RateLimitLevel | null;
  /** Credits the call costs against Miro's per-minute budget. Default: `creditsOf(rateLimitLevel)`. */
  readonly credits?: number;
  /** `credits` is charged per item of the body (see `itemsInBody`), not per call. Default false. */
  readonly creditsPerItem?: boolean;
  /** Default null: not paginated. */
  readonly pagination?: PaginationDescriptor | null;
  /** Default false. */
  readonly deprecated?: boolean;
}

/** A parameter with every default applied. */
export type ResolvedParameter = Required<ParameterDescriptor>;

export interface ResolvedBody extends Required<Omit<BodyDescriptor, 'parts'>> {
  readonly parts?: readonly MultipartPartDescriptor[];
}

export type ResolvedPagination = Required<PaginationDescriptor>;

/** An operation with every default applied: what the runtime works with. */
export interface ResolvedOperation extends Required<Omit<OperationDescriptor, 'parameters' | 'body' | 'pagination'>> {
  readonly parameters: readonly ResolvedParameter[];
  readonly body: ResolvedBody | null;
  readonly pagination: ResolvedPagination | null;
}

/** Credits per rate-limit level, from Miro's rate-limiting documentation. */
export const CREDITS_BY_LEVEL = { 1: 50, 2: 100, 3: 500, 4: 2000 } as const;

/**
 * Operations whose description names no level (OAuth token info and revoke, SCIM) are charged as
 * level 1: they are cheap reads or single writes, and level 1 keeps the budget from stalling on them.
 */
export const DEFAULT_CREDITS = CREDITS_BY_LEVEL[1];

/**
 * How many items a call priced per item carries: an array body's length, else the summed lengths
 * of the body's array fields (`resources` of a bulk upload, `membersToAdd` + `membersToRemove`);
 * at least 1, since Miro charges a call that creates nothing too.
 */
export function itemsInBody(body: unknown): number {
  if (Array.isArray(body)) return Math.max(1, body.length);
  if (body === null || typeof body !== 'object') return 1;
  let items = 0;
  for (const value of Object.values(body)) if (Array.isArray(value)) items += value.length;
  return Math.max(1, items);
}

/** Media type of a body of each kind, when its descriptor names none. */
export const DEFAULT_CONTENT_TYPES: Readonly<Record<BodyKind, string>> = {
  json: 'application/json',
  scim: 'application/scim+json',
  multipart: 'multipart/form-data',
};

/** The default credits of an operation: its level's, else `DEFAULT_CREDITS`. */
export function creditsOf(level: RateLimitLevel | null | undefined): number {
  return level ? CREDITS_BY_LEVEL[level] : DEFAULT_CREDITS;
}

/** The default TypeScript name of a parameter: `_`/`-` dropped, the next character upper-cased (`board_id` -> `boardId`). */
export function defaultParameterName(wireName: string): string {
  return wireName.replace(/[-_](.)/g, (_, c: string) => c.toUpperCase());
}

/** The default method name of an operation: its operationId in camelCase (`get-specific-board` -> `getSpecificBoard`). */
export function defaultMethodName(operationId: string): string {
  return defaultParameterName(operationId);
}

/** An entry of the generated table: a descriptor whose `operationId` defaults to its key in kebab-case. */
export type OperationEntry = Omit<OperationDescriptor, 'operationId'> & { readonly operationId?: string };

/** The default operationId of a table entry: its key in kebab-case (`getBoards` -> `get-boards`). */
export function defaultOperationId(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The operation table the generated client reads: one resolved operation per key. Each entry is
 * resolved on first access, so importing the table costs next to nothing.
 */
export function operationTable<K extends string>(
  entries: Record<K, OperationEntry>,
): Readonly<Record<K, ResolvedOperation>> {
  const table = {} as Record<K, ResolvedOperation>;
  for (const key of Object.keys(entries) as K[]) {
    Object.defineProperty(table, key, {
      enumerable: true,
      configurable: true,
      get() {
        const entry = entries[key];
        const value = resolveOperation({
          ...entry,
          operationId: entry.operationId ?? defaultOperationId(key),
          methodName: key,
        });
        Object.defineProperty(table, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return table;
}

const resolved = new WeakMap<OperationDescriptor, ResolvedOperation>();

/**
 * The descriptor with every omitted field set to its default. Computed once per descriptor object
 * and cached, so a call pays one WeakMap lookup; resolving a resolved operation returns it as is.
 */
export function resolveOperation(op: OperationDescriptor): ResolvedOperation {
  let full = resolved.get(op);
  if (!full) {
    const level = op.rateLimitLevel ?? null;
    const body = op.body;
    const pagination = op.pagination;
    full = {
      operationId: op.operationId,
      methodName: op.methodName ?? defaultMethodName(op.operationId),
      method: op.method ?? 'GET',
      path: op.path,
      server: op.server ?? 'api',
      parameters: (op.parameters ?? []).map((param) => resolveParameter(param, op.path)),
      body: body
        ? {
            kind: body.kind,
            contentType: body.contentType || DEFAULT_CONTENT_TYPES[body.kind],
            required: body.required ?? true,
            ...(body.parts && { parts: body.parts }),
          }
        : null,
      successStatus: op.successStatus ?? 200,
      responseKind: op.responseKind ?? 'json',
      rateLimitLevel: level,
      credits: op.credits ?? creditsOf(level),
      creditsPerItem: op.creditsPerItem ?? false,
      pagination: pagination
        ? {
            kind: pagination.kind,
            itemsField: pagination.itemsField ?? 'data',
            pageParam: pagination.pageParam ?? pagination.kind,
            limitParam: pagination.limitParam === undefined ? 'limit' : pagination.limitParam,
          }
        : null,
      deprecated: op.deprecated ?? false,
    };
    resolved.set(op, full);
    resolved.set(full, full);
  }
  return full;
}

function resolveParameter(param: ParameterDescriptor, path: string): ResolvedParameter {
  const location = param.in ?? (path.includes(`{${param.wireName}}`) ? 'path' : 'query');
  const style = param.style ?? (location === 'query' ? 'form' : 'simple');
  return {
    wireName: param.wireName,
    name: param.name ?? defaultParameterName(param.wireName),
    in: location,
    required: param.required ?? location === 'path',
    style,
    explode: param.explode ?? style === 'form',
    kind: param.kind ?? 'scalar',
  };
}
