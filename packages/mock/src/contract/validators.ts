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
export class Validators {
  readonly #set: SchemaSet;
  readonly #instances = new Map<'strict' | 'coercing', Ajv>();
  readonly #compiled = new Map<'strict' | 'coercing', WeakMap<object, Validate>>();

  constructor(set: SchemaSet) {
    this.#set = set;
  }

  /** A validator for `schema`; the same schema object gives the same compiled function. */
  get(schema: JsonSchema, flavour: 'strict' | 'coercing' = 'strict'): Validate {
    let cache = this.#compiled.get(flavour);
    if (!cache) this.#compiled.set(flavour, (cache = new WeakMap()));
    let validate = cache.get(schema);
    if (!validate) {
      validate = this.#ajv(flavour).compile(schema as object) as Validate;
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
    ajv.addSchema({ $id: this.#set.id, definitions: this.#set.definitions });
    this.#instances.set(flavour, ajv);
    return ajv;
  }
}
