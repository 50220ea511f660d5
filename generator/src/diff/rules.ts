import type { ChangeKind, Position, Severity } from './types.js';

/**
 * How `spec:update` classifies an API change for a TypeScript caller of `@miro/api`.
 * A request type is what a caller writes (query parameters, request bodies): it may accept more,
 * never less. A response type is what a caller reads: it may promise more, never less. Removing
 * anything a caller can name is breaking in both positions, since their code stops compiling.
 * The bump of an update is the highest severity of its changes (patch when none is visible).
 *
 * | change | in a request | in a response |
 * |---|---|---|
 * | optional field or query parameter added | minor | minor |
 * | required field or query parameter added | major | minor |
 * | field or query parameter removed | major | major |
 * | field or query parameter made required | major | minor |
 * | field or query parameter made optional | minor | major |
 * | field or parameter deprecated | patch | patch |
 * | field became read-only | major (it leaves the request type) | patch |
 * | enum value added | minor | minor, noted: exhaustive `switch`es must handle it |
 * | enum value removed | major | major |
 * | union variant added | minor | minor, noted: narrowing code must handle it |
 * | union variant removed | major | major |
 * | intersection part added | major | minor |
 * | intersection part removed | major | major |
 * | became nullable | minor | major |
 * | no longer nullable | major | minor |
 * | widened (to `unknown`, enum to its base type) | minor | major |
 * | narrowed (`unknown` to a type, base type to an enum) | major | minor |
 * | retyped otherwise (string to number, object to array, ...) | major | major |
 * | map entries allowed (`additionalProperties` added) | minor | minor |
 * | map entries no longer allowed | major | major |
 * | format or integer-ness changed (same TypeScript type) | patch | patch |
 *
 * | operation-level change | bump |
 * |---|---|
 * | operation added | minor |
 * | operation removed | major |
 * | operation renamed (same method and path, new operationId, so a new method name) | major |
 * | operationId changed, same method name | patch |
 * | operation moved (same operationId, new method, path or server) | patch |
 * | path parameter added or removed (a positional argument) | major |
 * | path parameter `number` became `string` | major |
 * | path parameter `string` became `number` (the method takes `string \| number`) | minor |
 * | path parameter renamed | patch |
 * | first query parameter of an operation (a new positional `query` argument before `options`) | major |
 * | request body added (a new positional argument) | major |
 * | request body removed | major |
 * | request body made required | major |
 * | request body made optional | minor |
 * | request content type changed, same type | patch |
 * | response body removed (now `void`) | major |
 * | response body added (was `void`) | minor |
 * | response kind changed (JSON, text) | major |
 * | success status changed | patch |
 * | pagination removed | major |
 * | pagination added (`PagedPromise` extends `ApiPromise`) | minor |
 * | pagination kind changed (offset, cursor) | patch |
 * | deprecated, scopes, rate-limit level, error statuses changed | patch |
 *
 * | exported type change | bump |
 * |---|---|
 * | named type added | minor |
 * | named type removed | major |
 * | named type renamed: same shape, new TypeScript name (`import type { Old }` breaks) | major |
 * | schema key renamed, same TypeScript name | none |
 * | request variant (`FooWrite`) added | minor |
 * | request variant (`FooWrite`) removed | major |
 * | named type changed | as above, in every position the type is used in (unused types: both) |
 */
export interface TypeRule {
  readonly request: Severity;
  readonly response: Severity;
  readonly note?: Partial<Record<Position, string>>;
}

export type TypeChange =
  | 'member-added-optional'
  | 'member-added-required'
  | 'member-removed'
  | 'member-made-required'
  | 'member-made-optional'
  | 'member-deprecated'
  | 'member-readonly'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'part-added'
  | 'part-removed'
  | 'nullable-added'
  | 'nullable-removed'
  | 'widened'
  | 'narrowed'
  | 'retyped'
  | 'map-added'
  | 'map-removed'
  | 'format-changed';

export const TYPE_RULES: Readonly<Record<TypeChange, TypeRule>> = {
  'member-added-optional': { request: 'minor', response: 'minor' },
  'member-added-required': { request: 'major', response: 'minor' },
  'member-removed': { request: 'major', response: 'major' },
  'member-made-required': { request: 'major', response: 'minor' },
  'member-made-optional': { request: 'minor', response: 'major' },
  'member-deprecated': { request: 'patch', response: 'patch' },
  'member-readonly': { request: 'major', response: 'patch' },
  'enum-value-added': { request: 'minor', response: 'minor', note: { response: 'code that handles every value (an exhaustive switch) must handle it' } },
  'enum-value-removed': { request: 'major', response: 'major' },
  'variant-added': { request: 'minor', response: 'minor', note: { response: 'code that narrows the union must handle the new variant' } },
  'variant-removed': { request: 'major', response: 'major' },
  'part-added': { request: 'major', response: 'minor' },
  'part-removed': { request: 'major', response: 'major' },
  'nullable-added': { request: 'minor', response: 'major' },
  'nullable-removed': { request: 'major', response: 'minor' },
  widened: { request: 'minor', response: 'major' },
  narrowed: { request: 'major', response: 'minor' },
  retyped: { request: 'major', response: 'major' },
  'map-added': { request: 'minor', response: 'minor' },
  'map-removed': { request: 'major', response: 'major' },
  'format-changed': { request: 'patch', response: 'patch' },
};

/** Operation- and export-level rules (see the tables above). */
export const OPERATION_RULES = {
  'operation-added': 'minor',
  'operation-removed': 'major',
  'operation-renamed': 'major',
  'operation-id-changed': 'patch',
  'operation-moved': 'patch',
  'path-parameter-added': 'major',
  'path-parameter-removed': 'major',
  'path-parameter-to-string': 'major',
  'path-parameter-to-number': 'minor',
  'path-parameter-renamed': 'patch',
  'query-argument-added': 'major',
  'body-added': 'major',
  'body-removed': 'major',
  'body-required': 'major',
  'body-optional': 'minor',
  'body-content-type': 'patch',
  'response-body-removed': 'major',
  'response-body-added': 'minor',
  'response-kind': 'major',
  'response-status': 'patch',
  'pagination-removed': 'major',
  'pagination-added': 'minor',
  'pagination-kind': 'patch',
  'operation-deprecated': 'patch',
  'operation-metadata': 'patch',
  'schema-added': 'minor',
  'schema-removed': 'major',
  'schema-renamed': 'major',
  'write-variant-added': 'minor',
  'write-variant-removed': 'major',
} as const satisfies Record<string, Severity>;

export type OperationRule = keyof typeof OPERATION_RULES;

const ORDER: Readonly<Record<Severity, number>> = { patch: 0, minor: 1, major: 2 };

export function maxSeverity(a: Severity, b: Severity): Severity {
  return ORDER[a] >= ORDER[b] ? a : b;
}

export function bumpOf(changes: readonly { readonly severity: Severity }[]): Severity {
  return changes.reduce<Severity>((bump, c) => maxSeverity(bump, c.severity), 'patch');
}

/** The member-level change kinds, by noun: query/header parameters or object fields. */
export function memberKind(noun: 'parameter' | 'field', change: 'added' | 'removed' | 'required' | 'optional' | 'deprecated'): ChangeKind {
  return `${noun}-${change}`;
}
