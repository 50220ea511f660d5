import type { ApiIR, TypeIR } from '../ir/types.js';

/**
 * TypeIR -> JSON Schema (draft-07 keywords that Ajv 8 understands), computed at generation time so
 * that the mock ships its schemas as data.
 *
 * Named schemas become entries of one definitions document (`$id: DEFINITIONS_ID`); every reference
 * is absolute (`miro#/definitions/Name`) so a schema means the same wherever it is compiled.
 * Descriptions are left out: the schemas exist to validate and to sample, and stay small.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

/** The `$id` of the definitions document. */
export const DEFINITIONS_ID = 'miro';

/**
 * `request`: read-only properties are left out (clients do not send them).
 * `response`: write-only properties are not required (servers do not send them).
 */
export type SchemaMode = 'request' | 'response';

/** Which named schemas read differently in each mode, so that each mode refers to its own variant. */
export interface ModeVariants {
  readonly request: ReadonlySet<string>;
  readonly response: ReadonlySet<string>;
}

export function definitionKey(name: string, mode: SchemaMode, variants: ModeVariants): string {
  return variants[mode].has(name) ? `${name}.${mode}` : name;
}

export function refTo(name: string, mode: SchemaMode, variants: ModeVariants): JsonSchema {
  return { $ref: `${DEFINITIONS_ID}#/definitions/${definitionKey(name, mode, variants)}` };
}

/** Names that reach a read-only (request) or write-only (response) property, directly or through refs. */
export function modeVariants(ir: ApiIR): ModeVariants {
  // Per schema: the names it refers to, and whether its own tree has the flag; then walk the
  // reverse reference graph from the flagged ones (cycles need no special care).
  const refsOf = new Map<string, Set<string>>();
  const flagged = { readOnly: new Set<string>(), writeOnly: new Set<string>() };
  for (const s of ir.schemas) {
    const refs = new Set<string>();
    const visit = (type: TypeIR): void => {
      switch (type.kind) {
        case 'ref':
          refs.add(type.name);
          break;
        case 'array':
          visit(type.items);
          break;
        case 'object':
          for (const p of type.properties) {
            if (p.readOnly) flagged.readOnly.add(s.name);
            if (p.writeOnly) flagged.writeOnly.add(s.name);
            visit(p.type);
          }
          if (typeof type.additionalProperties === 'object') visit(type.additionalProperties);
          break;
        case 'union':
          type.variants.forEach(visit);
          break;
        case 'intersection':
          type.parts.forEach(visit);
          break;
      }
    };
    visit(s.type);
    refsOf.set(s.name, refs);
  }
  const referrers = new Map<string, string[]>();
  for (const [name, refs] of refsOf)
    for (const target of refs) referrers.set(target, [...(referrers.get(target) ?? []), name]);
  const reaching = (start: ReadonlySet<string>): Set<string> => {
    const found = new Set(start);
    const queue = [...start];
    for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
      for (const referrer of referrers.get(name) ?? []) {
        if (!found.has(referrer)) {
          found.add(referrer);
          queue.push(referrer);
        }
      }
    }
    return found;
  };
  return { request: reaching(flagged.readOnly), response: reaching(flagged.writeOnly) };
}

/** Adds `null` to what a schema accepts. */
function orNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum))
    return schema.enum.includes(null) ? schema : { ...schema, enum: [...schema.enum, null] };
  return { anyOf: [schema, { type: 'null' }] };
}

export function toJsonSchema(type: TypeIR, mode: SchemaMode, variants: ModeVariants): JsonSchema {
  const schema = convert(type, mode, variants);
  return type.nullable ? orNull(schema) : schema;
}

function convert(type: TypeIR, mode: SchemaMode, variants: ModeVariants): JsonSchema {
  switch (type.kind) {
    case 'ref':
      return refTo(type.name, mode, variants);
    case 'string':
      return type.format ? { type: 'string', format: type.format } : { type: 'string' };
    case 'number':
      return { type: type.integer ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'binary':
      return { type: 'string', format: 'binary' };
    case 'unknown':
      return {};
    case 'enum':
      return { enum: [...type.values] };
    case 'array':
      return { type: 'array', items: toJsonSchema(type.items, mode, variants) };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const p of type.properties) {
        if (mode === 'request' && p.readOnly) continue;
        properties[p.name] = toJsonSchema(p.type, mode, variants);
        if (p.required && !(mode === 'response' && p.writeOnly)) required.push(p.name);
      }
      const schema: Record<string, unknown> = { type: 'object', properties };
      if (required.length) schema.required = required;
      const extra = type.additionalProperties;
      if (extra !== undefined)
        schema.additionalProperties = extra === true ? true : toJsonSchema(extra, mode, variants);
      return schema;
    }
    case 'union':
      // oneOf becomes anyOf: the spec's variants overlap (objects whose properties are all
      // optional), so "exactly one" would reject valid bodies.
      return { anyOf: type.variants.map((v) => toJsonSchema(v, mode, variants)) };
    case 'intersection':
      return { allOf: type.parts.map((p) => toJsonSchema(p, mode, variants)) };
  }
}

/**
 * Every named schema, keyed by name; a schema that reads differently per mode gets `Name.request`
 * and/or `Name.response` entries, and the plain `Name` only when some mode uses it unchanged.
 */
export function definitionsOf(ir: ApiIR, variants: ModeVariants = modeVariants(ir)): Record<string, JsonSchema> {
  const definitions: Record<string, JsonSchema> = {};
  for (const s of ir.schemas) {
    const plainMode: SchemaMode | undefined = !variants.request.has(s.name)
      ? 'request'
      : !variants.response.has(s.name)
        ? 'response'
        : undefined;
    if (plainMode) definitions[s.name] = toJsonSchema(s.type, plainMode, variants);
    for (const mode of ['request', 'response'] as const) {
      if (variants[mode].has(s.name)) definitions[`${s.name}.${mode}`] = toJsonSchema(s.type, mode, variants);
    }
  }
  return definitions;
}

/** Every `format` the schemas use, sorted (the mock registers the ones its validator does not know). */
export function formatsOf(schemas: Iterable<unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'format' && typeof child === 'string') found.add(child);
        else visit(child);
      }
    }
  };
  for (const schema of schemas) visit(schema);
  return [...found].sort();
}
