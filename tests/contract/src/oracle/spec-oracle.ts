import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { OpenAPIRouter, OpenAPIValidator, ValidationContext, type Document, type Operation } from 'openapi-backend';
import { adaptForOpenApiBackend, referencesInto, resolveOperationRefs } from './adapt.js';
import {
  documentOperations,
  isObject,
  resolveRef,
  responseFor,
  successOf,
  type DocumentOperation,
  type Json,
  type JsonObject,
} from './document.js';
import { acceptsMediaType, mediaTypeOf } from './media.js';

/**
 * The independent oracle: checks a request as it went over the wire, and the answer to it, against
 * the overlaid spec document with openapi-backend (routing by method and path, parameters with
 * their serialization, the body against its schema, responses against the documented schema).
 *
 * Why openapi-backend 5: it is maintained, runs on Node 20 (swagger-parser 13 needs Node 22),
 * works from the document itself (no code generation, so nothing of ours in between), routes
 * like a server, and validates parameters, bodies and responses with Ajv. What it does not check
 * (media types, `Accept`, multipart part encodings, auth) is checked here, from the document too.
 */

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: Uint8Array<ArrayBuffer> | null;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface RequestVerdict {
  /** Empty when the request keeps the spec. */
  readonly problems: string[];
  /** Query parameter names sent (wire names, `a[b]` read as `a`). */
  readonly queryNames: string[];
}

// ajv-formats is CommonJS: an ESM default import is `module.exports`, whose `.default` is the plugin.
const addFormats = formatsModule.default;

/** JSON Schema's formats (date-time, uuid, uri, ...) checked; a format nobody defines (Miro's own) accepted. */
function withFormats(ajv: Ajv, formats: ReadonlySet<string>): Ajv {
  addFormats(ajv);
  for (const format of formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
  return ajv;
}

/** openapi-backend's router and validators over some of the operations served from one base URL. */
interface Served {
  readonly base: URL;
  readonly router: OpenAPIRouter;
  /** Over the closed (strict) document, for requests. */
  readonly requests: OpenAPIValidator;
  /** Over the document as written, for responses. */
  readonly responses: OpenAPIValidator;
  readonly operations: readonly DocumentOperation[];
}

/** The `$id` under which the document's schemas are known to the Ajv instances. */
const SPEC_ID = 'oracle-spec';

export class SpecOracle {
  readonly #document: JsonObject;
  readonly #served: readonly Served[];
  readonly #byId: ReadonlyMap<string, DocumentOperation>;
  readonly #parameterValidators = new Map<string, ValidateFunction>();
  readonly #parameterAjv: Ajv;

  private constructor(document: JsonObject, served: Served[], parameterAjv: Ajv) {
    this.#document = document;
    this.#parameterAjv = parameterAjv;
    this.#served = served;
    this.#byId = new Map(served.flatMap((s) => s.operations.map((op) => [op.operationId, op] as const)));
  }

  static create(document: JsonObject): SpecOracle {
    const operations = documentOperations(document);
    const formats = formatsOf(document);
    const prepare = (mode: 'request' | 'response'): JsonObject =>
      referencesInto(resolveOperationRefs(adaptForOpenApiBackend(document, mode)), SPEC_ID);
    const requestDoc = prepare('request');
    const responseDoc = prepare('response');
    // One Ajv per kind of check, each knowing the whole document: a schema referenced by many
    // operations is compiled once (openapi-backend's own setup inlines every reference into
    // every operation's schema, which compiles ~40 times slower on this spec).
    const ajv = (doc: JsonObject, coerceTypes: boolean): Ajv => {
      const instance = withFormats(
        new Ajv({ strict: false, validateSchema: false, allErrors: true, coerceTypes }),
        formats,
      );
      instance.addSchema(doc as object, SPEC_ID);
      return instance;
    };
    const params = ajv(requestDoc, true);
    const bodies = ajv(requestDoc, false);
    const answers = ajv(responseDoc, false);
    const served = layers(operations).map((here) => {
      const router = new OpenAPIRouter({ definition: onlyPaths(requestDoc, here) as unknown as Document });
      const validator = (doc: JsonObject, pick: (context: ValidationContext) => Ajv): OpenAPIValidator =>
        new OpenAPIValidator({
          definition: onlyPaths(doc, here) as unknown as Document,
          router,
          lazyCompileValidators: true,
          customizeAjv: (_fresh, _options, context) => pick(context),
        });
      return {
        base: new URL(here[0]!.server),
        router,
        requests: validator(requestDoc, (context) => (context === ValidationContext.Params ? params : bodies)),
        responses: validator(responseDoc, () => answers),
        operations: here,
      };
    });
    return new SpecOracle(document, served, params);
  }

  /** Every operation of the document. */
  get operations(): readonly DocumentOperation[] {
    return [...this.#byId.values()];
  }

  operation(operationId: string): DocumentOperation | undefined {
    return this.#byId.get(operationId);
  }

  /**
   * Whether the document's schema of a parameter admits `value` (a string as it would arrive):
   * the patterns, ranges and formats the contract data does not carry.
   */
  parameterAccepts(operationId: string, location: string, name: string, value: unknown): boolean {
    const key = `${operationId} ${location} ${name}`;
    let validate = this.#parameterValidators.get(key);
    if (!validate) {
      const op = this.#byId.get(operationId);
      const served = this.#served.find((s) => op && s.operations.includes(op));
      const operation = served?.router.getOperation(operationId) as Operation | undefined;
      const parameter = (operation?.parameters ?? []).find((p) => 'in' in p && p.in === location && p.name === name) as
        | { schema?: object }
        | undefined;
      // Under a holder object, so that Ajv may coerce the string to the schema's type.
      validate = this.#parameterAjv.compile({ type: 'object', properties: { value: parameter?.schema ?? {} } });
      this.#parameterValidators.set(key, validate);
    }
    return validate({ value: String(value) });
  }

  /** Checks `request`, sent to call the operation `operationId`, against the document. */
  async checkRequest(request: WireRequest, operationId: string): Promise<RequestVerdict> {
    const problems: string[] = [];
    const url = new URL(request.url);
    const queryNames = [...new Set([...url.searchParams.keys()].map((name) => name.replace(/\[.*$/, '')))];
    const op = this.#byId.get(operationId);
    if (!op) return { problems: [`the spec has no operation ${operationId}`], queryNames };
    const here = this.#served.filter((s) => below(url, s.base) !== undefined);
    if (!here.length) return { problems: [`${url.origin}${url.pathname} is under no server of the spec`], queryNames };
    const path = below(url, here[0]!.base)!;
    const candidates = here
      .flatMap((s) => s.operations)
      .filter((o) => o.method === request.method && templateMatches(o.specPath, path));
    if (!candidates.includes(op)) {
      const answer = candidates.length ? candidates.map((o) => o.operationId).join(' or ') : 'no operation';
      problems.push(
        `${request.method} ${path} is ${answer} in the spec, not ${operationId} (${op.method} ${op.specPath} on ${op.server})`,
      );
      return { problems, queryNames };
    }

    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = await this.#readBody(op, request, problems);
    const served = here.find((s) => s.operations.includes(op))!;
    const operation = served.router.getOperation(operationId) as Operation;
    const result = served.requests.validateRequest(
      { method: request.method.toLowerCase(), path, query: url.search.slice(1), headers, body } as never,
      operation,
    );
    for (const error of result.errors ?? []) problems.push(describe(error));
    this.#checkAccept(op, request.headers, problems);
    checkAuthorization(request.headers, problems);
    return { problems, queryNames };
  }

  /** Checks the answer to a call of `operationId` against the response the document gives for its status. */
  checkResponse(operationId: string, response: WireResponse): string[] {
    const op = this.#byId.get(operationId);
    if (!op) return [`the spec has no operation ${operationId}`];
    const documented = responseFor(this.#document, op, response.status);
    if (!documented) return [`${operationId} documents no ${response.status} response`];
    const content = isObject(documented.content) ? documented.content : {};
    const media = Object.keys(content);
    // A 204 has no content whatever the spec lists for it (RFC 9110 section 15.3.5).
    if (media.length === 0 || response.status === 204) {
      return response.text === '' ? [] : [`the ${response.status} response of ${operationId} has no body in the spec`];
    }
    const type = mediaTypeOf(response.headers.get('content-type'));
    if (!type || !media.includes(type))
      return [
        `the ${response.status} response of ${operationId} is ${type ?? 'untyped'}; the spec has ${media.join(', ')}`,
      ];
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`the ${response.status} response of ${operationId} is not JSON`];
    }
    const served = this.#served.find((s) => s.operations.includes(op))!;
    const result = served.responses.validateResponse(body, operationId, response.status);
    return (result.errors ?? []).map((error) => `response ${describe(error, 'body')}`);
  }

  /**
   * The body as openapi-backend validates it: parsed JSON, or for multipart an object of the
   * parts (JSON parts parsed, files as their text). The media type and the parts' encodings are
   * checked here.
   */
  async #readBody(op: DocumentOperation, request: WireRequest, problems: string[]): Promise<unknown> {
    const requestBody = resolveRef(this.#document, op.operation.requestBody);
    const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content : undefined;
    const bytes = request.body;
    if (!bytes || bytes.length === 0) {
      if (isObject(requestBody) && requestBody.required === true)
        problems.push('body: required by the spec, none sent');
      return undefined;
    }
    if (!content) {
      problems.push(`body: ${op.operationId} takes none in the spec, got ${bytes.length} bytes`);
      return undefined;
    }
    const contentType = request.headers.get('content-type');
    const type = mediaTypeOf(contentType);
    if (!type || !(type in content)) {
      problems.push(`header Content-Type: ${type ?? 'none'}; the spec has ${Object.keys(content).join(', ')}`);
      return undefined;
    }
    if (type === 'multipart/form-data') {
      const media = content[type];
      return readMultipart(this.#document, isObject(media) ? media : {}, bytes, contentType!, problems);
    }
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      problems.push('body: not valid JSON');
      return undefined;
    }
  }

  #checkAccept(op: DocumentOperation, headers: Headers, problems: string[]): void {
    const { mediaTypes } = successOf(this.#document, op);
    if (mediaTypes.length === 0) return;
    const accept = headers.get('accept');
    if (accept === null) problems.push(`header Accept: missing; the success response is ${mediaTypes.join(', ')}`);
    else if (!mediaTypes.some((type) => acceptsMediaType(accept, type)))
      problems.push(`header Accept: ${JSON.stringify(accept)} admits none of ${mediaTypes.join(', ')}`);
  }
}

/**
 * The operations split so that openapi-backend can route each layer: one server per layer, and no
 * two path keys that read the same once a trailing `?` is dropped (Miro's spec writes
 * `/groups/{group_id}?` to give a second DELETE to `/groups/{group_id}`; `?` can never be part
 * of a request path, so such a key could not match as written).
 */
function layers(operations: readonly DocumentOperation[]): DocumentOperation[][] {
  const out: { server: string; keys: Map<string, string>; ops: DocumentOperation[] }[] = [];
  for (const op of operations) {
    const key = trimmed(op.specPath);
    let layer = out.find((l) => l.server === op.server && (l.keys.get(key) ?? op.specPath) === op.specPath);
    if (!layer) out.push((layer = { server: op.server, keys: new Map(), ops: [] }));
    layer.keys.set(key, op.specPath);
    layer.ops.push(op);
  }
  return out.map((l) => l.ops);
}

const trimmed = (specPath: string): string => specPath.replace(/\?$/, '');

/** The document with only the path items of `operations`, under their trimmed keys. */
function onlyPaths(document: JsonObject, operations: readonly DocumentOperation[]): JsonObject {
  const paths = isObject(document.paths) ? document.paths : {};
  const keep: JsonObject = {};
  for (const op of operations) {
    const item = paths[op.specPath];
    if (isObject(item)) keep[trimmed(op.specPath)] = item;
  }
  return { ...document, paths: keep };
}

function below(url: URL, base: URL): string | undefined {
  if (url.origin !== base.origin) return undefined;
  const root = base.pathname.replace(/\/+$/, '');
  if (root === '') return url.pathname;
  if (url.pathname !== root && !url.pathname.startsWith(`${root}/`)) return undefined;
  return url.pathname.slice(root.length) || '/';
}

function templateMatches(specPath: string, path: string): boolean {
  const pattern = trimmed(specPath)
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(path);
}

function describe(error: { instancePath?: string; message?: string; params?: unknown }, root = 'request'): string {
  const where = (error.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || root;
  const params = error.params && typeof error.params === 'object' ? JSON.stringify(error.params) : '';
  return `${where}: ${error.message ?? 'is invalid'}${params && params !== '{}' ? ` ${params}` : ''}`;
}

/** The spec's only security scheme is OAuth 2.0, whose access token travels as a bearer token (RFC 6750). */
function checkAuthorization(headers: Headers, problems: string[]): void {
  const value = headers.get('authorization');
  if (!value || !/^Bearer \S+$/.test(value)) problems.push('header Authorization: expected "Bearer <access token>"');
}

/**
 * The parts of a multipart body, checked against the body's schema: every part is a property of
 * it; a binary property (`format: binary`) arrives as a file; any other part as its encoding's
 * content type (the `encoding` map, else OpenAPI's default: `application/json` for objects and
 * arrays, `text/plain` for the rest), JSON parsed. Files are given to the validator as their text.
 */
async function readMultipart(
  document: JsonObject,
  media: JsonObject,
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
  problems: string[],
): Promise<Record<string, unknown> | undefined> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    problems.push(`body: not valid multipart/form-data (${(error as Error).message})`);
    return undefined;
  }
  const schema = resolveRef(document, media.schema);
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const encoding = isObject(media.encoding) ? media.encoding : {};
  const out: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    const property = resolveRef(document, properties[name]);
    if (!isObject(property)) {
      problems.push(`part ${name}: not a property of the body's schema`);
      continue;
    }
    const array = property.type === 'array';
    const element = array ? resolveRef(document, property.items) : property;
    const binary = isObject(element) && element.format === 'binary';
    const values: unknown[] = [];
    for (const entry of form.getAll(name)) {
      if (binary) {
        if (typeof entry === 'string') problems.push(`part ${name}: a file (format binary), got a text field`);
        else values.push(await entry.text());
        continue;
      }
      const expected = partContentType(encoding[name], element);
      const text = typeof entry === 'string' ? entry : await entry.text();
      const got = typeof entry === 'string' ? 'text/plain' : (mediaTypeOf(entry.type) ?? 'text/plain');
      if (got !== expected) problems.push(`part ${name}: sent as ${got}; its encoding is ${expected}`);
      if (expected === 'application/json') {
        try {
          values.push(JSON.parse(text));
        } catch {
          problems.push(`part ${name}: not valid JSON`);
        }
      } else values.push(text);
    }
    out[name] = array && binary ? values : values[0];
    if (!array && values.length > 1) problems.push(`part ${name}: sent ${values.length} times, the schema has one`);
  }
  return out;
}

function partContentType(encoding: Json | undefined, schema: Json | undefined): string {
  if (isObject(encoding) && typeof encoding.contentType === 'string') return encoding.contentType;
  const type = isObject(schema) ? schema.type : undefined;
  return type === 'object' || type === 'array' || (isObject(schema) && isObject(schema.properties))
    ? 'application/json'
    : 'text/plain';
}

function formatsOf(document: JsonObject): Set<string> {
  const found = new Set<string>();
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.format === 'string') found.add(value.format);
      for (const [key, child] of Object.entries(value)) if (key !== 'example' && key !== 'examples') visit(child);
    }
  };
  visit(document);
  return found;
}
