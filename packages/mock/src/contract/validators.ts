import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { JsonSchema } from './types.js';

// ajv-formats is CommonJS: an ESM default import is `module.exports`, whose `.default` is the plugin.
const addFormats = formatsModule.default;

export interface SchemaSet {
  /** `$id` of the definitions document (`miro`). */
  readonly id: string;
  readonly definitions: Readonly<Record<string, JsonSchema>>;
  /** Every format the schemas use; those Ajv does not know are accepted as any string. */
  readonly formats: readonly string[];
}

export type Validate = ValidateFunction & { errors?: ErrorObject[] | null };

/**
 * Two Ajv instances over the same definitions: `strict` for JSON bodies and `coercing` for
 * parameters, whose values arrive as strings (`limit=10` is checked as the integer 10).
 * Each instance is built on first use and each schema compiled on first use, so that creating
 * handlers costs nothing until a request arrives.
 */
export interface ValidatorOptions {
  /**
   * Bodies (the `strict` flavour) refuse properties a schema does not list, unless it declares
   * `additionalProperties`; schemas that are parts of an `allOf` stay open. Default false.
   */
  readonly closedBodies?: boolean;
}

export class Validators {
  readonly #set: SchemaSet;
  readonly #closedBodies: boolean;
  readonly #instances = new Map<'strict' | 'coercing', Ajv>();
  readonly #compiled = new Map<'strict' | 'coercing', WeakMap<object, Validate>>();

  constructor(set: SchemaSet, options: ValidatorOptions = {}) {
    this.#set = set;
    this.#closedBodies = options.closedBodies ?? false;
  }

  /** A validator for `schema`; the same schema object gives the same compiled function. */
  get(schema: JsonSchema, flavour: 'strict' | 'coercing' = 'strict'): Validate {
    let cache = this.#compiled.get(flavour);
    if (!cache) this.#compiled.set(flavour, (cache = new WeakMap()));
    let validate = cache.get(schema);
    if (!validate) {
      const compiled = flavour === 'strict' && this.#closedBodies ? close(schema, true) : schema;
      validate = this.#ajv(flavour).compile(compiled as object) as Validate;
      cache.set(schema, validate);
    }
    return validate;
  }

  #ajv(flavour: 'strict' | 'coercing'): Ajv {
    let ajv = this.#instances.get(flavour);
    if (ajv) return ajv;
    ajv = new Ajv({
      allErrors: true,
      // `verbose` puts the failing value and the union's branches on each error, for the messages.
      verbose: true,
      strict: false,
      // The definitions are generated, and checked against the meta-schema by the generator's tests.
      validateSchema: false,
      coerceTypes: flavour === 'coercing',
    });
    addFormats(ajv);
    for (const format of this.#set.formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
    const definitions =
      flavour === 'strict' && this.#closedBodies ? closedDefinitions(this.#set.definitions) : this.#set.definitions;
    ajv.addSchema({ $id: this.#set.id, definitions });
    this.#instances.set(flavour, ajv);
    return ajv;
  }
}

/** Copies of the definitions with every object schema closed (see `ValidatorOptions.closedBodies`). */
function closedDefinitions(definitions: Readonly<Record<string, JsonSchema>>): Record<string, JsonSchema> {
  const open = new Set<string>();
  const findAllOfParts = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(findAllOfParts);
    else if (typeof value === 'object' && value !== null) {
      const schema = value as JsonSchema;
      for (const part of Array.isArray(schema.allOf) ? (schema.allOf as JsonSchema[]) : []) {
        if (typeof part.$ref === 'string') open.add(part.$ref.slice(part.$ref.lastIndexOf('/') + 1));
      }
      Object.values(schema).forEach(findAllOfParts);
    }
  };
  findAllOfParts(definitions);
  return Object.fromEntries(
    Object.entries(definitions).map(([name, schema]) => [name, close(schema, !open.has(name))]),
  );
}

/** `schema` with `additionalProperties: false` on each object schema that lists properties and says nothing of others. */
function close(schema: JsonSchema, closable: boolean): JsonSchema {
  if (typeof schema.$ref === 'string') return schema;
  const out: Record<string, unknown> = { ...schema };
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    out.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, close(child, true)]));
    if (closable && Object.keys(properties).length && schema.additionalProperties === undefined)
      out.additionalProperties = false;
  }
  if (schema.items) out.items = close(schema.items as JsonSchema, true);
  if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
    out.additionalProperties = close(schema.additionalProperties as JsonSchema, true);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key]))
      out[key] = (schema[key] as JsonSchema[]).map((part) => close(part, key !== 'allOf'));
  }
  return out;
}
