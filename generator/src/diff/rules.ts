import type { ChangeKind, Position, Severity } from './types.js';

/**
 * How `spec:update` classifies an API change for a TypeScript caller of `@miro/api`.
 * A request type is what a caller writes (query parameters, request bodies): it may accept more,
 * never less. A response type is what a caller reads: it may promise more, never less. Removing
 * anything a caller can name is breaking in both positions, since their code stops compiling.
 * Path parameters, the request body, `query` and `options` are positional arguments of the method,
 * so adding one shifts the others. Exported named types are public API: removing or renaming one
 * breaks `import type`. The bump of an update is the highest severity of its changes (patch when
 * nothing a caller can see changed). `rulesMarkdown()` renders these tables (a test keeps them equal).
 *
 * | change | in a request | in a response |
 * |---|---|---|
 * | optional field or query parameter added | minor | minor |
 * | required field or query parameter added | major | minor |
 * | field or query parameter removed | major | major |
 * | field or query parameter made required | major | minor |
 * | field or query parameter made optional | minor | major |
 * | field or query parameter deprecated | patch | patch |
 * | field became read-only (in a request: it leaves the request type) | major | patch |
 * | enum value added | minor | minor, noted: code that handles every value (an exhaustive switch) must handle it |
 * | enum value removed | major | major |
 * | union variant added | minor | minor, noted: code that narrows the union must handle the new variant |
 * | union variant removed | major | major |
 * | intersection part (`allOf`) added | major | minor |
 * | intersection part (`allOf`) removed | major | major |
 * | became nullable | minor | major |
 * | no longer nullable | major | minor |
 * | widened (to `unknown`, enum to its base type) | minor | major |
 * | narrowed (`unknown` to a type, base type to an enum) | major | minor |
 * | retyped otherwise (string to number, object to array, ...) | major | major |
 * | other keys allowed (`additionalProperties` added) | minor | minor |
 * | other keys no longer allowed | major | major |
 * | format or integer-ness changed (same TypeScript type) | patch | patch |
 *
 * | operation change | bump |
 * |---|---|
 * | operation added | minor |
 * | operation removed | major |
 * | operation renamed: same method and path, new operationId and so a new method name | major |
 * | operationId changed, same method name | patch |
 * | operation moved: same operationId, new method, path or server | patch |
 * | path parameter added (a positional argument) | major |
 * | path parameter removed | major |
 * | path parameter `number` became `string` | major |
 * | path parameter `string` became `number` (the method takes `string \| number`) | minor |
 * | path parameter renamed (same position) | patch |
 * | first query parameter of an operation: a new positional `query` argument before `options` | major |
 * | request body added (a new positional argument) | major |
 * | request body removed | major |
 * | request body made required | major |
 * | request body made optional | minor |
 * | request content type changed | patch |
 * | response body removed (the method now resolves to `void`) | major |
 * | response body added (was `void`) | minor |
 * | response kind changed (JSON, text) | major |
 * | success status changed | patch |
 * | pagination removed | major |
 * | pagination added (`PagedPromise` extends `ApiPromise`) | minor |
 * | pagination kind changed (offset, cursor) | patch |
 * | operation deprecated | patch |
 * | scopes, rate-limit level or documented error statuses changed | patch |
 *
 * | exported type change | bump |
 * |---|---|
 * | named type added | minor |
 * | named type removed | major |
 * | named type renamed: same shape, new TypeScript name (`import type { Old }` breaks) | major |
 * | request variant (`FooWrite`) added | minor |
 * | request variant (`FooWrite`) removed | major |
 * | schema key renamed, same TypeScript name | none |
 * | named type changed | as the first table, in every position the type is used in (by no operation: both) |
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
  'enum-value-added': {
    request: 'minor',
    response: 'minor',
    note: { response: 'code that handles every value (an exhaustive switch) must handle it' },
  },
  'enum-value-removed': { request: 'major', response: 'major' },
  'variant-added': {
    request: 'minor',
    response: 'minor',
    note: { response: 'code that narrows the union must handle the new variant' },
  },
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
export function memberKind(
  noun: 'parameter' | 'field',
  change: 'added' | 'removed' | 'required' | 'optional' | 'deprecated',
): ChangeKind {
  return `${noun}-${change}`;
}

/** Row labels of the tables, in table order. */
const TYPE_LABELS: Readonly<Record<TypeChange, string>> = {
  'member-added-optional': 'optional field or query parameter added',
  'member-added-required': 'required field or query parameter added',
  'member-removed': 'field or query parameter removed',
  'member-made-required': 'field or query parameter made required',
  'member-made-optional': 'field or query parameter made optional',
  'member-deprecated': 'field or query parameter deprecated',
  'member-readonly': 'field became read-only (in a request: it leaves the request type)',
  'enum-value-added': 'enum value added',
  'enum-value-removed': 'enum value removed',
  'variant-added': 'union variant added',
  'variant-removed': 'union variant removed',
  'part-added': 'intersection part (`allOf`) added',
  'part-removed': 'intersection part (`allOf`) removed',
  'nullable-added': 'became nullable',
  'nullable-removed': 'no longer nullable',
  widened: 'widened (to `unknown`, enum to its base type)',
  narrowed: 'narrowed (`unknown` to a type, base type to an enum)',
  retyped: 'retyped otherwise (string to number, object to array, ...)',
  'map-added': 'other keys allowed (`additionalProperties` added)',
  'map-removed': 'other keys no longer allowed',
  'format-changed': 'format or integer-ness changed (same TypeScript type)',
};

const OPERATION_LABELS: Readonly<Partial<Record<OperationRule, string>>> = {
  'operation-added': 'operation added',
  'operation-removed': 'operation removed',
  'operation-renamed': 'operation renamed: same method and path, new operationId and so a new method name',
  'operation-id-changed': 'operationId changed, same method name',
  'operation-moved': 'operation moved: same operationId, new method, path or server',
  'path-parameter-added': 'path parameter added (a positional argument)',
  'path-parameter-removed': 'path parameter removed',
  'path-parameter-to-string': 'path parameter `number` became `string`',
  'path-parameter-to-number': 'path parameter `string` became `number` (the method takes `string | number`)',
  'path-parameter-renamed': 'path parameter renamed (same position)',
  'query-argument-added': 'first query parameter of an operation: a new positional `query` argument before `options`',
  'body-added': 'request body added (a new positional argument)',
  'body-removed': 'request body removed',
  'body-required': 'request body made required',
  'body-optional': 'request body made optional',
  'body-content-type': 'request content type changed',
  'response-body-removed': 'response body removed (the method now resolves to `void`)',
  'response-body-added': 'response body added (was `void`)',
  'response-kind': 'response kind changed (JSON, text)',
  'response-status': 'success status changed',
  'pagination-removed': 'pagination removed',
  'pagination-added': 'pagination added (`PagedPromise` extends `ApiPromise`)',
  'pagination-kind': 'pagination kind changed (offset, cursor)',
  'operation-deprecated': 'operation deprecated',
  'operation-metadata': 'scopes, rate-limit level or documented error statuses changed',
};

const EXPORT_LABELS: Readonly<Partial<Record<OperationRule, string>>> = {
  'schema-added': 'named type added',
  'schema-removed': 'named type removed',
  'schema-renamed': 'named type renamed: same shape, new TypeScript name (`import type { Old }` breaks)',
  'write-variant-added': 'request variant (`FooWrite`) added',
  'write-variant-removed': 'request variant (`FooWrite`) removed',
};

/** The rules as Markdown tables: the doc comment above and the README show exactly this. */
export function rulesMarkdown(): string {
  const cell = (rule: TypeRule, position: Position): string =>
    `${rule[position]}${rule.note?.[position] ? `, noted: ${rule.note[position]}` : ''}`;
  const escapePipes = (text: string): string => text.replace(/\|/g, '\\|');
  return [
    '| change | in a request | in a response |',
    '|---|---|---|',
    ...Object.entries(TYPE_LABELS).map(
      ([rule, label]) =>
        `| ${escapePipes(label)} | ${cell(TYPE_RULES[rule as TypeChange], 'request')} | ${cell(TYPE_RULES[rule as TypeChange], 'response')} |`,
    ),
    '',
    '| operation change | bump |',
    '|---|---|',
    ...Object.entries(OPERATION_LABELS).map(
      ([rule, label]) => `| ${escapePipes(label!)} | ${OPERATION_RULES[rule as OperationRule]} |`,
    ),
    '',
    '| exported type change | bump |',
    '|---|---|',
    ...Object.entries(EXPORT_LABELS).map(
      ([rule, label]) => `| ${escapePipes(label!)} | ${OPERATION_RULES[rule as OperationRule]} |`,
    ),
    '| schema key renamed, same TypeScript name | none |',
    '| named type changed | as the first table, in every position the type is used in (by no operation: both) |',
  ].join('\n');
}
