import { HTTP_METHODS, isObject, type Json, type JsonObject } from './document.js';

/**
 * How the oracle reads the document where openapi-backend would read it differently from the
 * OpenAPI rules. Each adaptation keeps the document's meaning:
 *
 * - `application/scim+json` bodies (RFC 7644: JSON) are also listed as `application/json`, the one
 *   JSON media type openapi-backend validates;
 * - `oneOf` is read as `anyOf`: the spec's variants overlap (item data types whose properties are
 *   all optional, so one value fits several), which would make every such value invalid. The
 *   generator reads them the same way; exclusivity is the one thing this gives up;
 * - a reference to a schema that is itself only a reference points at the end of the chain
 *   (openapi-backend's quick mode dereferences one hop: `CreateUserResponse` is a `$ref` to
 *   `UserResource`, and would stay unresolved);
 * - for requests only, an object schema that lists properties and says nothing of others is
 *   closed (`additionalProperties: false`): strict bodies, so that a property name we spell or
 *   convert wrongly is an error instead of an ignored extra. Schemas taking part in an `allOf`
 *   stay open (each part sees only its own properties).
 */

export function adaptForOpenApiBackend(document: JsonObject, mode: 'request' | 'response'): JsonObject {
  const adapted = structuredClone(document);
  forEachContent(adapted, (content) => {
    const scim = content['application/scim+json'];
    if (scim !== undefined && content['application/json'] === undefined) content['application/json'] = scim;
  });
  collapseRefChains(adapted);
  oneOfAsAnyOf(adapted);
  if (mode === 'request') closeObjects(adapted);
  return adapted;
}

/** Every `content` map of request bodies and responses, inline or under components. */
function forEachContent(document: JsonObject, visit: (content: JsonObject) => void): void {
  const holders: Json[] = [];
  const components = isObject(document.components) ? document.components : {};
  for (const group of ['requestBodies', 'responses'] as const) {
    const entries = components[group];
    if (isObject(entries)) holders.push(...Object.values(entries));
  }
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      holders.push(op.requestBody ?? null);
      if (isObject(op.responses)) holders.push(...Object.values(op.responses));
    }
  }
  for (const holder of holders) if (isObject(holder) && isObject(holder.content)) visit(holder.content);
}

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

function closeObjects(document: JsonObject): void {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  // Named schemas that are parts of an allOf somewhere stay open.
  const open = new Set<string>();
  const findAllOfRefs = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(findAllOfRefs);
    else if (isObject(value)) {
      if (Array.isArray(value.allOf)) {
        for (const part of value.allOf) {
          const name = isObject(part) && typeof part.$ref === 'string' ? SCHEMA_REF.exec(part.$ref)?.[1] : undefined;
          if (name) open.add(name);
        }
      }
      for (const [key, child] of Object.entries(value))
        if (key !== 'example' && key !== 'examples') findAllOfRefs(child);
    }
  };
  findAllOfRefs(document);

  const visit = (schema: Json | undefined, closable: boolean): void => {
    if (!isObject(schema) || typeof schema.$ref === 'string') return;
    const properties = schema.properties;
    if (closable && isObject(properties) && Object.keys(properties).length && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
    if (isObject(properties)) for (const child of Object.values(properties)) visit(child, true);
    visit(schema.items, true);
    if (isObject(schema.additionalProperties)) visit(schema.additionalProperties, true);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = schema[key];
      if (Array.isArray(list)) for (const child of list) visit(child, true);
    }
    if (Array.isArray(schema.allOf)) for (const child of schema.allOf) visit(child, false);
    visit(schema.not, true);
  };
  for (const [name, schema] of Object.entries(schemas)) visit(schema, !open.has(name));
  for (const item of Object.values(isObject(document.paths) ? document.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op) || !isObject(op.requestBody) || !isObject(op.requestBody.content)) continue;
      for (const media of Object.values(op.requestBody.content)) if (isObject(media)) visit(media.schema, true);
    }
  }
}

function oneOfAsAnyOf(value: Json): void {
  if (Array.isArray(value)) value.forEach(oneOfAsAnyOf);
  else if (isObject(value)) {
    if (Array.isArray(value.oneOf) && value.anyOf === undefined) {
      value.anyOf = value.oneOf;
      delete value.oneOf;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'example' && key !== 'examples') oneOfAsAnyOf(child);
  }
}

function collapseRefChains(document: JsonObject): void {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  const end = (ref: string, hops = 0): string => {
    const name = SCHEMA_REF.exec(ref)?.[1];
    const target = name === undefined ? undefined : schemas[name];
    return hops < 20 && isObject(target) && typeof target.$ref === 'string' ? end(target.$ref, hops + 1) : ref;
  };
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.$ref === 'string') value.$ref = end(value.$ref);
      for (const [key, child] of Object.entries(value)) if (key !== 'example' && key !== 'examples') visit(child);
    }
  };
  visit(document);
}

/**
 * The document with each operation's parameters, request body and responses given in place of
 * their `$ref`s (openapi-backend reads those objects directly); schemas keep their references.
 */
export function resolveOperationRefs(document: JsonObject): JsonObject {
  const resolved = structuredClone(document);
  const inPlace = (value: Json | undefined): Json | undefined => {
    let current = value;
    for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
      let target: Json | undefined = resolved;
      for (const raw of current.$ref.replace(/^#\//, '').split('/')) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        target = isObject(target) ? target[key] : undefined;
      }
      current = structuredClone(target);
    }
    return current;
  };
  for (const item of Object.values(isObject(resolved.paths) ? resolved.paths : {})) {
    if (!isObject(item)) continue;
    if (Array.isArray(item.parameters)) item.parameters = item.parameters.map((p) => inPlace(p) ?? null);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      if (Array.isArray(op.parameters)) op.parameters = op.parameters.map((p) => inPlace(p) ?? null);
      if (op.requestBody !== undefined) op.requestBody = inPlace(op.requestBody) ?? null;
      if (isObject(op.responses))
        for (const [status, response] of Object.entries(op.responses)) op.responses[status] = inPlace(response) ?? null;
    }
  }
  return resolved;
}

/** Every local `$ref` (`#/components/...`) made absolute under `id`, the document's `$id` in Ajv. */
export function referencesInto(document: JsonObject, id: string): JsonObject {
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (typeof value.$ref === 'string' && value.$ref.startsWith('#/')) value.$ref = `${id}${value.$ref}`;
      for (const [key, child] of Object.entries(value)) if (key !== 'example' && key !== 'examples') visit(child);
    }
  };
  visit(document);
  return document;
}
