import { seededRandom, seedFor, type Sampler } from './sample.js';
import type { ContractOperation, JsonSchema } from './types.js';

/**
 * Real pages for the paginated operations: each operation serves one collection of
 * `2 * pageSize + 1` sampled items (so a walk takes three pages, the last one short), cut into
 * pages by the request's page-size parameter (`DEFAULT_PAGE_SIZE` without one) and its page
 * parameter. Cursor pages carry the next cursor (and `links.next`) until the last; offset pages
 * carry `offset`, `limit`, `size`, `total` and `links`. Each field is set only where the response
 * schema has it, with the type the schema gives it.
 */

export const DEFAULT_PAGE_SIZE = 10;

type Definitions = Readonly<Record<string, JsonSchema>>;

/**
 * The position the request's page parameter points at: 0 without one. A cursor these handlers did
 * not issue (or an offset that is not a whole number) reads as the first page: the spec allows
 * any string, and a checker of the spec (the simulation's tests run their traffic through these
 * handlers) must not refuse another server's cursors.
 */
export function pagePosition(op: ContractOperation, query: Readonly<Record<string, unknown>>): number {
  const pagination = op.pagination!;
  const raw = query[pagination.pageParam];
  if (raw === undefined || raw === '') return 0;
  if (pagination.kind === 'offset') {
    const offset = Number(raw);
    return Number.isInteger(offset) && offset >= 0 ? offset : 0;
  }
  return decodeCursor(String(raw)) ?? 0;
}

/** The page of `op` at `position`, built on `template` (the documented body: example or sample). */
export function pageAt(
  op: ContractOperation,
  template: unknown,
  query: Readonly<Record<string, unknown>>,
  position: number,
  sampler: Sampler,
  definitions: Definitions,
  seed: number,
): unknown {
  const pagination = op.pagination!;
  const schema = pageSchema(op.success.schema ?? {}, pagination.itemsField, definitions);
  if (!schema) return template;
  // The template may be another variant of a union answer (a plain list): sample the page variant then.
  const page = (
    isPage(template, pagination.itemsField)
      ? template
      : sampler.sample(schema, seededRandom(seedFor(seed, `${op.operationId}#page`)))
  ) as Record<string, unknown>;
  const requested = pagination.limitParam ? Number(query[pagination.limitParam]) : Number.NaN;
  const size = Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_PAGE_SIZE;
  const total = 2 * size + 1;
  const end = Math.min(position + size, total);
  const itemSchema = propertySchema(propertySchema(schema, pagination.itemsField, definitions), 'items', definitions);
  const items: unknown[] = [];
  for (let i = position; i < end; i++)
    items.push(sampler.sample(itemSchema ?? {}, seededRandom(seedFor(seed, `${op.operationId}#${i}`)), 'item'));
  page[pagination.itemsField] = items;

  const field = (name: string): JsonSchema | undefined => propertySchema(schema, name, definitions);
  const set = (name: string, value: number): void => {
    const type = field(name);
    if (type) page[name] = resolvedType(type, definitions) === 'string' ? String(value) : value;
  };
  set('size', items.length);
  set('limit', size);
  set('total', total);
  if (pagination.kind === 'offset') set('offset', position);
  const more = end < total;
  const cursorParam = op.parameters.find((p) => p.wireName === pagination.pageParam);
  const next = more
    ? pagination.kind === 'cursor'
      ? encodeCursor(end, cursorParam ? isUuid(cursorParam.schema, definitions) : false)
      : String(end)
    : undefined;
  if (pagination.kind === 'cursor' && field('cursor')) {
    if (next !== undefined) page.cursor = next;
    else delete page.cursor;
  }
  const links = page.links;
  if (typeof links === 'object' && links !== null && !Array.isArray(links)) {
    const link = (at: string): string => `${op.path}?${pagination.pageParam}=${encodeURIComponent(at)}`;
    const record = links as Record<string, unknown>;
    if (next !== undefined) record.next = link(next);
    else delete record.next;
  }
  return page;
}

/**
 * Cursors name the position of the page they point at. Where the spec types the cursor as a
 * UUID, the position is the UUID's last twelve hex digits; elsewhere it reads `page-<position>`.
 */
const UUID_CURSOR = /^00000000-0000-4000-8000-([0-9a-f]{12})$/;

function encodeCursor(position: number, uuid: boolean): string {
  return uuid ? `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}` : `page-${position}`;
}

function decodeCursor(cursor: string): number | undefined {
  const hex = UUID_CURSOR.exec(cursor)?.[1];
  const text = /^page-(\d+)$/.exec(cursor)?.[1];
  const position = hex !== undefined ? Number.parseInt(hex, 16) : text !== undefined ? Number(text) : Number.NaN;
  return Number.isSafeInteger(position) ? position : undefined;
}

function isPage(value: unknown, itemsField: string): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && itemsField in value;
}

/** The schema of the answer that holds the items: the answer's, or the union variant that has them. */
function pageSchema(schema: JsonSchema, itemsField: string, definitions: Definitions): JsonSchema | undefined {
  const resolved = resolve(schema, definitions);
  if (!resolved) return undefined;
  if ((resolved.properties as Record<string, unknown> | undefined)?.[itemsField] || Array.isArray(resolved.allOf))
    return schema;
  for (const variant of (resolved.anyOf ?? resolved.oneOf ?? []) as JsonSchema[]) {
    const found = pageSchema(variant, itemsField, definitions);
    if (found) return found;
  }
  return undefined;
}

function resolve(schema: JsonSchema | undefined, definitions: Definitions): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++)
    current = definitions[current.$ref.slice(current.$ref.lastIndexOf('/') + 1)];
  return current;
}

/** The schema of `name` in an object schema (through references, `allOf` parts and nullable unions). */
function propertySchema(
  schema: JsonSchema | undefined,
  name: string,
  definitions: Definitions,
): JsonSchema | undefined {
  const resolved = resolve(schema, definitions);
  if (!resolved) return undefined;
  if (name === 'items' && resolved.items) return resolved.items as JsonSchema;
  const own = (resolved.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (own) return own;
  for (const key of ['allOf', 'anyOf'] as const) {
    for (const part of (resolved[key] as JsonSchema[] | undefined) ?? []) {
      const found = propertySchema(part, name, definitions);
      if (found) return found;
    }
  }
  return undefined;
}

function resolvedType(schema: JsonSchema, definitions: Definitions): unknown {
  const type = resolve(schema, definitions)?.type;
  return Array.isArray(type) ? type.find((t) => t !== 'null') : type;
}

function isUuid(schema: JsonSchema, definitions: Definitions): boolean {
  return resolve(schema, definitions)?.format === 'uuid';
}
