import { SpecError, pointer } from '../errors.js';
import type { JsonObject, JsonValue } from '../spec/load.js';
import { creditsOf } from '../runtime.js';
import { chargedPerItem, descriptionToDoc, docsUrlOf, rateLimitLevelOf, scopesOf } from './docs.js';
import { methodNameOf, parameterNameOf } from './names.js';
import { paginationOf, type TypeLookup } from './pagination.js';
import { deref } from './refs.js';
import { toTypeIR, type SchemaContext } from './schema.js';
import type {
  HttpMethod,
  MultipartPartIR,
  OperationIR,
  ParameterIR,
  RequestBodyIR,
  ResponseIR,
  TypeIR,
} from './types.js';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: JsonValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export interface OperationSource {
  readonly specPath: string;
  readonly method: (typeof HTTP_METHODS)[number];
  readonly pathItem: JsonObject;
  readonly operation: JsonObject;
}

export function buildOperation(ctx: SchemaContext, source: OperationSource, lookup: TypeLookup): OperationIR {
  const { specPath, method, pathItem, operation } = source;
  const at = pointer('paths', specPath, method);
  const operationId = str(operation.operationId);
  if (!operationId) throw new SpecError('operation has no operationId', at);
  const description = str(operation.description);
  const path = specPath.replace(/\?+$/, '');
  const parameters = parametersOf(ctx, source, path, at);
  const rateLimitLevel = rateLimitLevelOf(description);
  const success = successResponseOf(ctx, operation, at);
  return {
    operationId,
    methodName: methodNameOf(operationId),
    method: method.toUpperCase() as HttpMethod,
    path,
    specPath,
    server: serverOf(pathItem, operation, at),
    summary: str(operation.summary),
    description: descriptionToDoc(description),
    tags: Array.isArray(operation.tags) ? operation.tags.filter((t): t is string => typeof t === 'string') : [],
    deprecated: operation.deprecated === true,
    scopes: scopesOf(description),
    docsUrl: docsUrlOf(operationId),
    rateLimitLevel,
    credits: creditsOf(rateLimitLevel),
    creditsPerItem: rateLimitLevel !== null && chargedPerItem(description),
    parameters,
    body: requestBodyOf(ctx, operation, at),
    success,
    errorStatuses: Object.keys(isObject(operation.responses) ? operation.responses : {})
      .filter((code) => /^[45]\d\d$/.test(code))
      .map(Number)
      .sort((a, b) => a - b),
    pagination: paginationOf(lookup, parameters, success),
  };
}

function serverOf(pathItem: JsonObject, operation: JsonObject, at: string): 'api' | 'scim' {
  const servers = Array.isArray(operation.servers)
    ? operation.servers
    : Array.isArray(pathItem.servers)
      ? pathItem.servers
      : [];
  const first = servers[0];
  const url = isObject(first) ? str(first.url) : undefined;
  if (url === undefined || /^https:\/\/api\.miro\.com\/?$/.test(url)) return 'api';
  if (/\/scim\/?$/.test(url)) return 'scim';
  throw new SpecError(`server "${url}" is neither Miro's REST API nor its SCIM host`, at);
}

function parametersOf(ctx: SchemaContext, source: OperationSource, path: string, at: string): ParameterIR[] {
  const declared = new Map<string, { node: JsonObject; at: string }>();
  const collect = (list: JsonValue | undefined, listAt: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const paramAt = `${listAt}/${index}`;
      const node = deref(ctx.spec, raw, paramAt);
      if (!isObject(node) || typeof node.name !== 'string' || typeof node.in !== 'string') {
        throw new SpecError('parameter needs a `name` and an `in`', paramAt);
      }
      if (node.in === 'cookie') return;
      declared.set(`${node.in}:${node.name}`, { node, at: paramAt });
    });
  };
  collect(source.pathItem.parameters, pointer('paths', source.specPath, 'parameters'));
  collect(source.operation.parameters, `${at}/parameters`);

  const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const name of placeholders) {
    if (!declared.has(`path:${name}`)) throw new SpecError(`path placeholder {${name}} has no path parameter`, at);
  }
  const result: ParameterIR[] = placeholders.map((name) => parameterOf(ctx, declared.get(`path:${name}`)!));
  for (const [key, entry] of declared) {
    if (key.startsWith('path:')) {
      if (!placeholders.includes(entry.node.name as string)) {
        throw new SpecError(
          `path parameter "${String(entry.node.name)}" has no {${String(entry.node.name)}} in the path`,
          entry.at,
        );
      }
      continue;
    }
    result.push(parameterOf(ctx, entry));
  }
  const seen = new Map<string, string>();
  for (const param of result) {
    const other = seen.get(param.name);
    if (other !== undefined) {
      throw new SpecError(`parameters "${other}" and "${param.wireName}" both become "${param.name}"`, at);
    }
    seen.set(param.name, param.wireName);
  }
  return result;
}

function parameterOf(ctx: SchemaContext, { node, at }: { node: JsonObject; at: string }): ParameterIR {
  const location = node.in as 'path' | 'query' | 'header';
  if (!['path', 'query', 'header'].includes(location))
    throw new SpecError(`unknown parameter location "${String(node.in)}"`, at);
  const type = toTypeIR(ctx, node.schema, `${at}/schema`);
  const resolvedSchema = isObject(node.schema) ? deref(ctx.spec, node.schema, `${at}/schema`) : undefined;
  const schemaType = isObject(resolvedSchema) ? resolvedSchema.type : undefined;
  const kind =
    schemaType === 'array'
      ? 'array'
      : schemaType === 'object' || (isObject(resolvedSchema) && resolvedSchema.properties)
        ? 'object'
        : 'scalar';
  const style = (str(node.style) ?? (location === 'query' ? 'form' : 'simple')) as ParameterIR['style'];
  const example = node.example ?? (isObject(resolvedSchema) ? resolvedSchema.example : undefined);
  if (location === 'path' && node.required !== true && node.required !== undefined) {
    throw new SpecError('a path parameter must be required', at);
  }
  return {
    wireName: node.name as string,
    name: parameterNameOf(node.name as string),
    in: location,
    required: location === 'path' || node.required === true,
    type,
    style,
    explode: typeof node.explode === 'boolean' ? node.explode : style === 'form',
    kind,
    description: descriptionToDoc(
      str(node.description) ?? (isObject(resolvedSchema) ? str(resolvedSchema.description) : undefined),
    ),
    deprecated: node.deprecated === true,
    ...(example !== undefined ? { example } : {}),
  };
}

function requestBodyOf(ctx: SchemaContext, operation: JsonObject, at: string): RequestBodyIR | null {
  if (operation.requestBody === undefined) return null;
  const bodyAt = `${at}/requestBody`;
  const body = deref(ctx.spec, operation.requestBody, bodyAt);
  if (!isObject(body) || !isObject(body.content)) throw new SpecError('requestBody has no content', bodyAt);
  const types = Object.keys(body.content);
  const contentType =
    types.find((t) => t === 'application/scim+json') ??
    types.find((t) => t === 'application/json') ??
    types.find((t) => t === 'multipart/form-data') ??
    types.find((t) => /json/.test(t));
  if (!contentType) throw new SpecError(`unsupported request content types: ${types.join(', ')}`, `${bodyAt}/content`);
  const media = body.content[contentType];
  const schemaAt = `${bodyAt}/content/${contentType.replace(/\//g, '~1')}/schema`;
  const schema = isObject(media) ? media.schema : undefined;
  const type = toTypeIR(ctx, schema, schemaAt);
  const kind =
    contentType === 'multipart/form-data' ? 'multipart' : contentType === 'application/scim+json' ? 'scim' : 'json';
  return {
    kind,
    contentType,
    required: body.required === true,
    type,
    ...(kind === 'multipart' ? { parts: multipartPartsOf(ctx, schema, schemaAt) } : {}),
  };
}

function multipartPartsOf(ctx: SchemaContext, schema: JsonValue | undefined, at: string): MultipartPartIR[] {
  const resolved = deref(ctx.spec, schema ?? {}, at);
  if (!isObject(resolved) || !isObject(resolved.properties))
    throw new SpecError('multipart body schema has no properties', at);
  const required = new Set(Array.isArray(resolved.required) ? resolved.required : []);
  return Object.entries(resolved.properties).map(([name, prop]) => {
    const propAt = `${at}/properties/${name}`;
    const target = deref(ctx.spec, prop, propAt);
    const isBinary = (node: JsonValue | undefined): boolean =>
      isObject(node) && node.type === 'string' && node.format === 'binary';
    // A part may be one file or an array of files (the bulk upload's `resources`).
    const isFile =
      isBinary(target) ||
      (isObject(target) && target.type === 'array' && isBinary(deref(ctx.spec, target.items ?? {}, `${propAt}/items`)));
    const isJson =
      isObject(target) && (target.type === 'object' || target.properties !== undefined || target.allOf !== undefined);
    return {
      name,
      kind: isFile ? 'file' : isJson ? 'json' : 'text',
      required: required.has(name),
      type: toTypeIR(ctx, prop, propAt),
    };
  });
}

function successResponseOf(ctx: SchemaContext, operation: JsonObject, at: string): ResponseIR {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const code = Object.keys(responses)
    .filter((c) => /^2\d\d$/.test(c))
    .sort()[0];
  if (!code) return { status: 200, kind: 'empty', contentType: null, type: null };
  const responseAt = `${at}/responses/${code}`;
  const response = deref(ctx.spec, responses[code]!, responseAt);
  const status = Number(code);
  const content = isObject(response) && isObject(response.content) ? response.content : {};
  const contentType = Object.keys(content).find((t) => /json/.test(t)) ?? Object.keys(content)[0];
  if (status === 204 || !contentType) return { status, kind: 'empty', contentType: null, type: null };
  const media = content[contentType];
  const schema = isObject(media) ? media.schema : undefined;
  const example = isObject(media) ? (media.example ?? firstExample(media.examples)) : undefined;
  const type: TypeIR | null =
    schema === undefined
      ? null
      : toTypeIR(ctx, schema, `${responseAt}/content/${contentType.replace(/\//g, '~1')}/schema`);
  return {
    status,
    kind: /json/.test(contentType) ? 'json' : 'text',
    contentType,
    type,
    ...(example !== undefined ? { example } : {}),
  };
}

function firstExample(examples: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  return isObject(first) ? first.value : undefined;
}
