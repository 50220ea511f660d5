import type { PropertyIR, TypeIR } from '../ir/types.js';

/**
 * `response` types describe what Miro sends (read-only fields kept, marked `readonly`);
 * `request` types describe what a caller sends (read-only fields absent, via the `*Write` variants).
 */
export type TypeMode = 'response' | 'request';

export interface TypeTextContext {
  readonly mode: TypeMode;
  /** Schemas with read-only fields somewhere inside: in request mode their `Write` variant is used. */
  readonly writeVariants: ReadonlyMap<string, string>;
  /** Prefix for named types (`T.` where the types are imported as a namespace). */
  readonly prefix: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

export function jsDoc(lines: readonly (string | undefined)[], indent = ''): string {
  const body = lines
    .filter((l): l is string => l !== undefined)
    .join('\n')
    .replace(/\*\//g, '*\\/')
    .trim();
  if (!body) return '';
  const rows = body.split('\n');
  if (rows.length === 1) return `${indent}/** ${rows[0]} */\n`;
  return `${indent}/**\n${rows.map((r) => `${indent} *${r ? ` ${r}` : ''}`).join('\n')}\n${indent} */\n`;
}

export function propertyDoc(prop: PropertyIR): string[] {
  const lines: string[] = [];
  if (prop.description) lines.push(prop.description);
  if (prop.type.kind === 'string' && prop.type.format === 'date-time') lines.push('ISO 8601 date-time.');
  if (prop.deprecated) lines.push('@deprecated');
  return lines;
}

/** The TypeScript type expression for `type`; `indent` is the indentation of the line it starts on. */
export function typeText(type: TypeIR, ctx: TypeTextContext, indent = ''): string {
  const text = baseText(type, ctx, indent);
  return type.nullable ? `${wrap(type, text)} | null` : text;
}

function wrap(type: TypeIR, text: string): string {
  return (type.kind === 'union' || type.kind === 'intersection' || type.kind === 'enum') && /[|&]/.test(text)
    ? `(${text})`
    : text;
}

function baseText(type: TypeIR, ctx: TypeTextContext, indent: string): string {
  switch (type.kind) {
    case 'ref': {
      const name = ctx.mode === 'request' ? (ctx.writeVariants.get(type.name) ?? type.name) : type.name;
      return `${ctx.prefix}${name}`;
    }
    case 'string':
      return type.format === 'date-time' ? `${ctx.prefix}DateTimeString` : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'binary':
      return 'Uploadable';
    case 'unknown':
      return 'unknown';
    case 'enum':
      return type.values.length === 0 ? 'never' : type.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'array': {
      const items = typeText(type.items, ctx, indent);
      return /[|&\s]/.test(items) && !/^\{[\s\S]*\}$/.test(items) ? `Array<${items}>` : `${items}[]`;
    }
    case 'union':
      return unique(type.variants.map((v) => wrapMember(v, typeText(v, ctx, indent)))).join(' | ') || 'never';
    case 'intersection':
      return unique(type.parts.map((p) => wrapMember(p, typeText(p, ctx, indent)))).join(' & ') || 'unknown';
    case 'object':
      return objectText(type, ctx, indent);
  }
}

function wrapMember(type: TypeIR, text: string): string {
  return type.kind === 'union' || type.kind === 'intersection' || type.nullable ? `(${text})` : text;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function objectText(type: Extract<TypeIR, { kind: 'object' }>, ctx: TypeTextContext, indent: string): string {
  const props = type.properties.filter(
    (p) => !(ctx.mode === 'request' && p.readOnly) && !(ctx.mode === 'response' && p.writeOnly),
  );
  const extra = type.additionalProperties;
  if (props.length === 0) {
    if (extra === undefined) return 'Record<string, never>';
    return `Record<string, ${extra === true ? 'unknown' : typeText(extra, ctx, indent)}>`;
  }
  const inner = `${indent}  `;
  const lines = props.map((p) => {
    const readonly = ctx.mode === 'response' && p.readOnly ? 'readonly ' : '';
    return `${jsDoc(propertyDoc(p), inner)}${inner}${readonly}${propertyKey(p.name)}${p.required ? '' : '?'}: ${typeText(p.type, ctx, inner)};`;
  });
  // A typed map with declared properties: the index signature must admit every property's type.
  if (extra !== undefined) lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export interface MemberText {
  readonly name: string;
  /** The member's type, from `typeText(..., '  ')`: nested lines already carry the member indent. */
  readonly type: string;
  readonly optional: boolean;
  readonly readonly?: boolean;
  readonly docs: readonly (string | undefined)[];
}

/**
 * An exported interface as source text, for the same reason as `typeAliasText`: ts-morph's
 * structure printer indents the continuation lines of a multi-line member type once more.
 */
export function interfaceText(
  name: string,
  members: readonly MemberText[],
  options: { docs?: readonly string[]; indexSignature?: boolean } = {},
): string {
  const lines = members.map(
    (m) => `${jsDoc(m.docs, '  ')}  ${m.readonly ? 'readonly ' : ''}${m.name}${m.optional ? '?' : ''}: ${m.type};`,
  );
  if (options.indexSignature) lines.push('  [key: string]: unknown;');
  return `\n${jsDoc(options.docs ?? [])}export interface ${name} {\n${lines.join('\n')}\n}`;
}

/**
 * An exported type alias as source text. ts-morph's structure printer gives a multi-line alias a
 * hanging indent, so aliases are written as text, which ts-morph inserts as it is.
 */
export function typeAliasText(name: string, type: string, docs: readonly string[] = []): string {
  // The leading newline keeps a blank line between declarations, as ts-morph does for structures.
  return `\n${jsDoc(docs)}export type ${name} = ${type};`;
}
