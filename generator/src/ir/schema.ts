import { SpecError } from '../errors.js';
import type { JsonObject, JsonValue } from '../spec/load.js';
import { resolvePointer, schemaRefName } from './refs.js';
import type { DiscriminatorIR, PropertyIR, TypeIR } from './types.js';

/** What converting a schema needs: the spec (for non-component refs) and component name -> type name. */
export interface SchemaContext {
  readonly spec: JsonObject;
  readonly typeNames: ReadonlyMap<string, string>;
}

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Converts one OpenAPI 3.0 schema object to the IR; `at` is its JSON pointer, for errors. */
export function toTypeIR(ctx: SchemaContext, schema: JsonValue | undefined, at: string, depth = 0): TypeIR {
  if (depth > 64) throw new SpecError('schema nests deeper than 64 levels (an inline cycle?)', at);
  if (!isObject(schema)) return { kind: 'unknown' };
  const nullable = schema.nullable === true ? { nullable: true } : {};

  if (typeof schema.$ref === 'string') {
    const name = schemaRefName(schema.$ref);
    if (name !== undefined) {
      const typeName = ctx.typeNames.get(name);
      if (!typeName) throw new SpecError(`$ref "${schema.$ref}" names a schema that does not exist`, at);
      return { kind: 'ref', name: typeName, ...nullable };
    }
    const target = resolvePointer(ctx.spec, schema.$ref);
    if (target === undefined) throw new SpecError(`$ref "${schema.$ref}" resolves to nothing`, at);
    return toTypeIR(ctx, target, schema.$ref.slice(1), depth + 1);
  }

  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v): v is string | number | boolean | null => !isObject(v) && !Array.isArray(v));
    return { kind: 'enum', values, ...nullable };
  }

  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const variants = schema[combinator];
    if (Array.isArray(variants)) {
      const ir = variants.map((v, i) => toTypeIR(ctx, v, `${at}/${combinator}/${i}`, depth + 1));
      const discriminator = discriminatorOf(ctx, schema, variants);
      const union: TypeIR = {
        kind: 'union',
        combinator,
        variants: ir,
        ...(discriminator ? { discriminator } : {}),
        ...nullable,
      };
      // A schema with both properties and oneOf is the properties AND one of the variants.
      if (schema.properties)
        return { kind: 'intersection', parts: [objectOf(ctx, schema, at, depth), union], ...nullable };
      return union;
    }
  }

  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((p, i) => toTypeIR(ctx, p, `${at}/allOf/${i}`, depth + 1));
    if (schema.properties) parts.push(objectOf(ctx, schema, at, depth));
    return parts.length === 1 ? { ...parts[0]!, ...nullable } : { kind: 'intersection', parts, ...nullable };
  }

  switch (schema.type) {
    case 'string':
      if (schema.format === 'binary') return { kind: 'binary', ...nullable };
      return { kind: 'string', ...(typeof schema.format === 'string' ? { format: schema.format } : {}), ...nullable };
    case 'integer':
    case 'number':
      // `type: number, format: int64` (Miro's picture ids) is a whole number too.
      return {
        kind: 'number',
        integer: schema.type === 'integer' || schema.format === 'int32' || schema.format === 'int64',
        ...nullable,
      };
    case 'boolean':
      return { kind: 'boolean', ...nullable };
    case 'array':
      return { kind: 'array', items: toTypeIR(ctx, schema.items, `${at}/items`, depth + 1), ...nullable };
    case 'object':
      return objectOf(ctx, schema, at, depth);
    case undefined:
      if (schema.properties || schema.additionalProperties !== undefined) return objectOf(ctx, schema, at, depth);
      return { kind: 'unknown', ...nullable };
    default:
      throw new SpecError(`unknown schema type "${String(schema.type)}"`, at);
  }
}

function objectOf(ctx: SchemaContext, schema: JsonObject, at: string, depth: number): TypeIR {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
  const properties: PropertyIR[] = [];
  if (isObject(schema.properties)) {
    for (const [name, prop] of Object.entries(schema.properties)) {
      const propAt = `${at}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const resolved = isObject(prop) ? prop : {};
      properties.push({
        name,
        type: toTypeIR(ctx, prop, propAt, depth + 1),
        required: required.has(name),
        readOnly: resolved.readOnly === true,
        writeOnly: resolved.writeOnly === true,
        deprecated: resolved.deprecated === true,
        description: text(resolved.description),
      });
    }
  }
  const extra = schema.additionalProperties;
  const additionalProperties =
    extra === true || (isObject(extra) && Object.keys(extra).length === 0)
      ? (true as const)
      : isObject(extra)
        ? toTypeIR(ctx, extra, `${at}/additionalProperties`, depth + 1)
        : undefined;
  // `type: object` with neither properties nor additionalProperties: any JSON object.
  const open = properties.length === 0 && extra === undefined ? (true as const) : additionalProperties;
  return {
    kind: 'object',
    properties,
    ...(open !== undefined ? { additionalProperties: open } : {}),
    ...(schema.nullable === true ? { nullable: true } : {}),
  };
}

function discriminatorOf(ctx: SchemaContext, schema: JsonObject, variants: JsonValue[]): DiscriminatorIR | undefined {
  const d = schema.discriminator;
  if (!isObject(d) || typeof d.propertyName !== 'string') return undefined;
  const mapping: Record<string, string> = {};
  if (isObject(d.mapping)) {
    for (const [value, ref] of Object.entries(d.mapping)) {
      const name = typeof ref === 'string' ? schemaRefName(ref) : undefined;
      const typeName = name && ctx.typeNames.get(name);
      if (typeName) mapping[value] = typeName;
    }
  } else {
    // Without a mapping, OpenAPI uses each variant's schema name as its discriminator value.
    for (const variant of variants) {
      const name = isObject(variant) && typeof variant.$ref === 'string' ? schemaRefName(variant.$ref) : undefined;
      const typeName = name && ctx.typeNames.get(name);
      if (name && typeName) mapping[name] = typeName;
    }
  }
  return { propertyName: d.propertyName, mapping };
}
