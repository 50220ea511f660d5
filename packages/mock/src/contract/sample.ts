import type { JsonSchema } from './types.js';

/**
 * Builds a value that a JSON Schema accepts, deterministically from a seeded random source: the
 * same schema, seed and key always give the same value. Used for the handlers' response bodies and
 * by tests that need valid requests.
 */

export type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for `key` (an operationId, say) derived from `seed`: FNV-1a over the key, mixed with the seed. */
export function seedFor(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export interface SampleOptions {
  /** Below this depth optional properties are included; deeper, only required ones. */
  readonly optionalDepth?: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class Sampler {
  readonly #definitions: Readonly<Record<string, JsonSchema>>;
  readonly #optionalDepth: number;

  constructor(definitions: Readonly<Record<string, JsonSchema>>, options: SampleOptions = {}) {
    this.#definitions = definitions;
    this.#optionalDepth = options.optionalDepth ?? 3;
  }

  sample(schema: JsonSchema, random: Random, hint?: string): unknown {
    return this.#value(schema, random, hint, 0, []);
  }

  #resolve(ref: string): JsonSchema {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    const target = this.#definitions[name];
    if (!target) throw new Error(`sample: unknown schema reference ${ref}`);
    return target;
  }

  #value(
    schema: JsonSchema,
    random: Random,
    hint: string | undefined,
    depth: number,
    refs: readonly string[],
  ): unknown {
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      // Optional self-references are cut at once (see #cycles); this guards required ones.
      if (refs.filter((r) => r === ref).length >= 2) return {};
      return this.#value(this.#resolve(ref), random, hint, depth, [...refs, ref]);
    }
    if (Array.isArray(schema.enum)) {
      const options = schema.enum.filter((v) => v !== null);
      return options.length ? options[Math.floor(random() * options.length)] : null;
    }
    if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
      const variants = ((schema.anyOf ?? schema.oneOf) as JsonSchema[]).filter((v) => v.type !== 'null');
      if (!variants.length) return null;
      return this.#value(variants[Math.floor(random() * variants.length)]!, random, hint, depth, refs);
    }
    if (Array.isArray(schema.allOf)) {
      const parts = (schema.allOf as JsonSchema[]).map((part) => this.#value(part, random, hint, depth, refs));
      if (parts.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p)))
        return Object.assign({}, ...parts);
      return parts[0];
    }
    const type = Array.isArray(schema.type)
      ? (schema.type as string[]).find((t) => t !== 'null')
      : (schema.type as string | undefined);
    switch (type) {
      case 'string':
        return sampleString(typeof schema.format === 'string' ? schema.format : undefined, random, hint);
      case 'integer':
        return Math.floor(random() * 100) + 1;
      case 'number':
        // `format: int32` / `int64` on a number means a whole one.
        return /^int(32|64)$/.test(String(schema.format))
          ? Math.floor(random() * 100) + 1
          : Math.round(random() * 10_000) / 100;
      case 'boolean':
        return random() < 0.5;
      case 'array': {
        const items = (schema.items ?? {}) as JsonSchema;
        if (this.#cycles(items, refs)) return [];
        const length = depth < this.#optionalDepth ? 1 + Math.floor(random() * 2) : 1;
        return Array.from({ length }, () => this.#value(items, random, singular(hint), depth + 1, refs));
      }
      case 'object':
        return this.#object(schema, random, depth, refs);
      default:
        // `{}`: any value; an object is the least surprising.
        return schema.properties ? this.#object(schema, random, depth, refs) : {};
    }
  }

  #object(schema: JsonSchema, random: Random, depth: number, refs: readonly string[]): Record<string, unknown> {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required ?? []) as string[]);
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const include = required.has(name) || (depth < this.#optionalDepth && !this.#cycles(property, refs));
      if (include) out[name] = this.#value(property, random, name, depth + 1, refs);
    }
    const extra = schema.additionalProperties;
    if (
      Object.keys(properties).length === 0 &&
      typeof extra === 'object' &&
      extra !== null &&
      depth < this.#optionalDepth
    ) {
      out['key1'] = this.#value(extra as JsonSchema, random, 'value', depth + 1, refs);
    }
    return out;
  }

  /** True when the schema refers (directly) to a schema already being built. */
  #cycles(schema: JsonSchema, refs: readonly string[]): boolean {
    const ref =
      typeof schema.$ref === 'string'
        ? schema.$ref
        : typeof (schema.items as JsonSchema | undefined)?.$ref === 'string'
          ? ((schema.items as JsonSchema).$ref as string)
          : undefined;
    return ref !== undefined && refs.includes(ref);
  }
}

function singular(hint: string | undefined): string | undefined {
  return hint?.replace(/ies$/, 'y').replace(/s$/, '');
}

function word(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}

function digits(random: Random, length: number): string {
  let out = String(1 + Math.floor(random() * 9));
  while (out.length < length) out += String(Math.floor(random() * 10));
  return out;
}

function sampleString(format: string | undefined, random: Random, hint: string | undefined): string {
  switch (format) {
    case 'date-time':
      return new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400) * 1000).toISOString();
    case 'date':
      return new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365) * 86_400_000).toISOString().slice(0, 10);
    case 'uuid': {
      const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
    }
    case 'int64':
      return digits(random, 19);
    case 'email':
      return `user.${word(random, 6)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${word(random, 8)}`;
    default:
      if (hint && /(^id$|Id$|_id$)/.test(hint)) return digits(random, 19);
      return `${hint ?? 'text'}-${word(random, 6)}`;
  }
}
