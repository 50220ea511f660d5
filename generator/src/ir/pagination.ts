import type { PaginationIR, ParameterIR, ResponseIR, TypeIR } from './types.js';

/** Looks up a named schema's type, to see through `$ref`s. */
export type TypeLookup = (name: string) => TypeIR | undefined;

/**
 * An operation is paged when it takes an `offset` or a `cursor` query parameter and answers an
 * object with an array of items (`data`). Miro's spec declares these parameters inline or through
 * `components.parameters`; both count, since the runtime only sees the resolved parameters.
 */
export function paginationOf(
  lookup: TypeLookup,
  parameters: readonly ParameterIR[],
  success: ResponseIR,
): PaginationIR | null {
  const query = parameters.filter((p) => p.in === 'query');
  const kind = query.some((p) => p.wireName === 'cursor')
    ? 'cursor'
    : query.some((p) => p.wireName === 'offset')
      ? 'offset'
      : null;
  if (!kind || !success.type) return null;
  const itemType = itemsOf(lookup, success.type, 'data', new Set());
  if (!itemType) return null;
  return {
    kind,
    itemsField: 'data',
    pageParam: kind,
    limitParam: query.some((p) => p.wireName === 'limit') ? 'limit' : null,
    itemType,
  };
}

/** The item type of the array property `field`, looking through refs, allOf and union variants. */
function itemsOf(lookup: TypeLookup, type: TypeIR, field: string, seen: Set<string>): TypeIR | undefined {
  switch (type.kind) {
    case 'ref': {
      if (seen.has(type.name)) return undefined;
      seen.add(type.name);
      const target = lookup(type.name);
      return target && itemsOf(lookup, target, field, seen);
    }
    case 'object': {
      const prop = type.properties.find((p) => p.name === field);
      if (!prop) return undefined;
      const propType = prop.type.kind === 'ref' ? lookup(prop.type.name) : prop.type;
      return propType?.kind === 'array' ? propType.items : undefined;
    }
    case 'intersection':
      for (const part of type.parts) {
        const found = itemsOf(lookup, part, field, seen);
        if (found) return found;
      }
      return undefined;
    case 'union':
      for (const variant of type.variants) {
        const found = itemsOf(lookup, variant, field, seen);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}
