import type { PropertyIR, TypeIR } from '../ir/types.js';
import { TYPE_RULES, type TypeChange } from './rules.js';
import type { ChangeKind, Position, Severity } from './types.js';

/** The named types of both IRs (TypeScript name -> type), for resolving refs by name in each. */
export interface TypeEnv {
  readonly oldTypes: ReadonlyMap<string, TypeIR>;
  readonly newTypes: ReadonlyMap<string, TypeIR>;
}

/** One difference found by comparing two types, before it is attached to an operation or a named type. */
export interface Finding {
  readonly rule: TypeChange;
  readonly kind: ChangeKind;
  readonly severity: Severity;
  /** Path below the compared type: `` for the type itself, `.owner.id`, `[]`, `[key]`. */
  readonly where: string;
  readonly message: string;
  readonly note?: string;
}

type Member = Pick<PropertyIR, 'name' | 'type' | 'required' | 'readOnly' | 'writeOnly' | 'deprecated'>;
type Noun = 'field' | 'parameter';

const UNKNOWN: TypeIR = { kind: 'unknown' };

/**
 * Compares an old type with a new one structurally, in one position (request or response), and
 * reports what a caller would notice. Refs to the same name on both sides are not followed: each
 * named type is compared once, on its own (see schemas.ts). Refs to different names are resolved in
 * their own IR and compared by shape, so a type renamed with the same shape changes nothing here.
 */
export function compareTypes(env: TypeEnv, position: Position, oldType: TypeIR, newType: TypeIR): Finding[] {
  const comparer = new Comparer(env, position);
  comparer.type('', oldType, newType);
  return comparer.findings;
}

/**
 * Compares two lists of members (query/header parameters of an operation, or fields), by name.
 * Used for query parameters, which a caller passes as the fields of one `query` object.
 */
export function compareMembers(
  env: TypeEnv,
  position: Position,
  noun: Noun,
  oldMembers: readonly Member[],
  newMembers: readonly Member[],
): Finding[] {
  const comparer = new Comparer(env, position);
  comparer.members('', noun, oldMembers, newMembers);
  return comparer.findings;
}

/** True when a caller could not tell the two types apart in this position (patch-level differences aside). */
export function sameShape(env: TypeEnv, position: Position, oldType: TypeIR, newType: TypeIR): boolean {
  return compareTypes(env, position, oldType, newType).every((f) => f.severity === 'patch');
}

class Comparer {
  readonly findings: Finding[] = [];
  /** Pairs of differently named refs being compared, so recursive types terminate. */
  private readonly pairs = new Set<string>();

  constructor(
    private readonly env: TypeEnv,
    private readonly position: Position,
  ) {}

  private emit(rule: TypeChange, kind: ChangeKind, where: string, message: string): void {
    const r = TYPE_RULES[rule];
    const note = r.note?.[this.position];
    this.findings.push({ rule, kind, severity: r[this.position], where, message, ...(note ? { note } : {}) });
  }

  type(where: string, a: TypeIR, b: TypeIR): void {
    if (a.kind === 'ref' && b.kind === 'ref' && a.name === b.name) {
      this.nullable(where, a, b);
      return;
    }
    if (a.kind === 'ref' || b.kind === 'ref') {
      const key = `${a.kind === 'ref' ? a.name : ''}\u0000${b.kind === 'ref' ? b.name : ''}`;
      const bothRefs = a.kind === 'ref' && b.kind === 'ref';
      if (bothRefs && this.pairs.has(key)) return;
      if (bothRefs) this.pairs.add(key);
      this.type(where, resolve(this.env.oldTypes, a), resolve(this.env.newTypes, b));
      if (bothRefs) this.pairs.delete(key);
      return;
    }
    this.nullable(where, a, b);
    this.shape(where, a, b);
  }

  private nullable(where: string, a: TypeIR, b: TypeIR): void {
    if (!a.nullable && b.nullable) this.emit('nullable-added', 'nullable-added', where, 'may now be null');
    else if (a.nullable && !b.nullable)
      this.emit('nullable-removed', 'nullable-removed', where, 'is no longer nullable');
  }

  private shape(where: string, a: TypeIR, b: TypeIR): void {
    if (a.kind === b.kind && (a.kind === 'unknown' || a.kind === 'boolean' || a.kind === 'binary')) return;
    if (a.kind === 'string' && b.kind === 'string') {
      if (a.format !== b.format)
        this.emit(
          'format-changed',
          'format-changed',
          where,
          `format ${a.format ?? 'none'} is now ${b.format ?? 'none'}`,
        );
    } else if (a.kind === 'number' && b.kind === 'number') {
      if (a.integer !== b.integer)
        this.emit(
          'format-changed',
          'format-changed',
          where,
          a.integer ? 'integer is now any number' : 'number is now an integer',
        );
    } else if (a.kind === 'enum' && b.kind === 'enum') {
      const added = b.values.filter((v) => !a.values.includes(v));
      const removed = a.values.filter((v) => !b.values.includes(v));
      if (added.length)
        this.emit(
          'enum-value-added',
          'enum-value-added',
          where,
          `${plural(added.length, 'enum value')} ${list(added)} added`,
        );
      if (removed.length)
        this.emit(
          'enum-value-removed',
          'enum-value-removed',
          where,
          `${plural(removed.length, 'enum value')} ${list(removed)} removed`,
        );
    } else if (a.kind === 'array' && b.kind === 'array') {
      this.type(`${where}[]`, a.items, b.items);
    } else if (a.kind === 'object' && b.kind === 'object') {
      this.members(where, 'field', a.properties, b.properties);
      this.map(where, a.additionalProperties, b.additionalProperties);
    } else if (a.kind === 'union' && b.kind === 'union') {
      this.collection(where, 'variant', a.variants, b.variants);
    } else if (a.kind === 'intersection' && b.kind === 'intersection') {
      this.collection(where, 'part', a.parts, b.parts);
    } else if (b.kind === 'unknown' || (a.kind === 'enum' && enumOf(a, b))) {
      this.emit('widened', 'type-widened', where, `widened from ${describe(a)} to ${describe(b)}`);
    } else if (a.kind === 'unknown' || (b.kind === 'enum' && enumOf(b, a))) {
      this.emit('narrowed', 'type-narrowed', where, `narrowed from ${describe(a)} to ${describe(b)}`);
    } else if (a.kind === 'intersection' || b.kind === 'intersection') {
      // allOf added around a type (or dropped): compare as parts.
      this.collection(
        where,
        'part',
        a.kind === 'intersection' ? a.parts : [a],
        b.kind === 'intersection' ? b.parts : [b],
      );
    } else if (a.kind === 'union' || b.kind === 'union') {
      this.collection(where, 'variant', a.kind === 'union' ? a.variants : [a], b.kind === 'union' ? b.variants : [b]);
    } else if (a.kind !== b.kind) {
      this.emit('retyped', 'type-changed', where, `was ${describe(a)}, is now ${describe(b)}`);
    }
  }

  members(where: string, noun: Noun, oldAll: readonly Member[], newAll: readonly Member[]): void {
    const visible = (m: Member): boolean => (this.position === 'request' ? !m.readOnly : !m.writeOnly);
    const oldByName = new Map(oldAll.filter(visible).map((m) => [m.name, m]));
    const newByName = new Map(newAll.filter(visible).map((m) => [m.name, m]));
    const at = (name: string): string => `${where}.${name}`;
    for (const [name, m] of oldByName) {
      if (newByName.has(name)) continue;
      const nowReadOnly = this.position === 'request' && newAll.some((n) => n.name === name && n.readOnly);
      if (nowReadOnly)
        this.emit('member-readonly', `${noun}-removed`, at(name), 'became read-only: it left the request type');
      else
        this.emit(
          'member-removed',
          `${noun}-removed`,
          at(name),
          `${m.required ? 'required' : 'optional'} ${noun} removed`,
        );
    }
    for (const [name, n] of newByName) {
      const m = oldByName.get(name);
      if (!m) {
        if (n.required) this.emit('member-added-required', `${noun}-added`, at(name), `new required ${noun}`);
        else this.emit('member-added-optional', `${noun}-added`, at(name), `new optional ${noun}`);
        continue;
      }
      if (!m.required && n.required)
        this.emit('member-made-required', `${noun}-required`, at(name), `${noun} is now required`);
      if (m.required && !n.required)
        this.emit('member-made-optional', `${noun}-optional`, at(name), `${noun} is now optional`);
      if (!m.deprecated && n.deprecated)
        this.emit('member-deprecated', `${noun}-deprecated`, at(name), `${noun} is deprecated`);
      if (this.position === 'response' && m.readOnly !== n.readOnly) {
        this.emit(
          'member-readonly',
          'field-readonly',
          at(name),
          n.readOnly ? 'became read-only' : 'is no longer read-only',
        );
      }
      this.type(at(name), m.type, n.type);
    }
  }

  private map(where: string, a: TypeIR | true | undefined, b: TypeIR | true | undefined): void {
    if (a === undefined && b !== undefined) this.emit('map-added', 'map-added', where, 'now admits any other keys');
    else if (a !== undefined && b === undefined)
      this.emit('map-removed', 'map-removed', where, 'no longer admits other keys');
    else if (a !== undefined && b !== undefined && !(a === true && b === true)) {
      this.type(`${where}[key]`, a === true ? UNKNOWN : a, b === true ? UNKNOWN : b);
    }
  }

  /** Union variants or intersection parts: matched by ref name or equal shape, the rest added or removed. */
  private collection(
    where: string,
    what: 'variant' | 'part',
    oldItems: readonly TypeIR[],
    newItems: readonly TypeIR[],
  ): void {
    const restOld = [...oldItems];
    const restNew: TypeIR[] = [];
    const pairs: [TypeIR, TypeIR][] = [];
    for (const n of newItems) {
      const key = keyOf(n);
      const i = restOld.findIndex((o) => keyOf(o) === key);
      if (i >= 0) pairs.push([restOld.splice(i, 1)[0]!, n]);
      else restNew.push(n);
    }
    // Same shape under another name, then what is left in the same order.
    for (let j = 0; j < restNew.length; ) {
      const n = restNew[j]!;
      const i = restOld.findIndex((o) => sameShape(this.env, this.position, o, n));
      if (i >= 0) {
        pairs.push([restOld.splice(i, 1)[0]!, n]);
        restNew.splice(j, 1);
      } else j++;
    }
    if (restOld.length === restNew.length) {
      restOld.forEach((o, i) => pairs.push([o, restNew[i]!]));
      restOld.length = 0;
      restNew.length = 0;
    }
    const added = what === 'variant' ? 'variant-added' : 'part-added';
    const removed = what === 'variant' ? 'variant-removed' : 'part-removed';
    for (const o of restOld) this.emit(removed, removed, where, `${what} ${describe(o)} removed`);
    for (const n of restNew) this.emit(added, added, where, `${what} ${describe(n)} added`);
    const single = pairs.length === 1 && !restOld.length && !restNew.length;
    for (const [o, n] of pairs)
      this.type(single ? where : `${where}<${n.kind === 'ref' ? n.name : `#${newItems.indexOf(n) + 1}`}>`, o, n);
  }
}

/** A ref's target in its IR, carrying the ref's nullability; a dangling ref is `unknown`. */
function resolve(types: ReadonlyMap<string, TypeIR>, type: TypeIR): TypeIR {
  const seen = new Set<string>();
  let t = type;
  let nullable = false;
  while (t.kind === 'ref' && !seen.has(t.name)) {
    seen.add(t.name);
    nullable ||= t.nullable === true;
    t = types.get(t.name) ?? UNKNOWN;
  }
  return nullable && !t.nullable ? { ...t, nullable: true } : t;
}

/** True when every value of the enum belongs to the primitive type `base`. */
function enumOf(e: Extract<TypeIR, { kind: 'enum' }>, base: TypeIR): boolean {
  const kind =
    base.kind === 'string'
      ? 'string'
      : base.kind === 'number'
        ? 'number'
        : base.kind === 'boolean'
          ? 'boolean'
          : undefined;
  return kind !== undefined && e.values.every((v) => v === null || typeof v === kind);
}

/** Identity of a union variant or intersection part: its ref name, or its shape without docs. */
function keyOf(type: TypeIR): string {
  return type.kind === 'ref'
    ? `ref:${type.name}`
    : JSON.stringify(type, (key, value: unknown) => (key === 'description' ? undefined : value));
}

/** A short human description of a type, for messages. */
export function describe(type: TypeIR): string {
  const base = ((): string => {
    switch (type.kind) {
      case 'ref':
        return type.name;
      case 'string':
        return type.format ? `string (${type.format})` : 'string';
      case 'number':
        return type.integer ? 'integer' : 'number';
      case 'binary':
        return 'file';
      case 'enum':
        return `enum ${list(type.values)}`;
      case 'array':
        return `${describe(type.items)}[]`;
      case 'object':
        return type.properties.length
          ? `object {${type.properties
              .slice(0, 4)
              .map((p) => p.name)
              .join(', ')}${type.properties.length > 4 ? ', ...' : ''}}`
          : 'object';
      case 'union':
        return type.variants.map(describe).join(' | ');
      case 'intersection':
        return type.parts.map(describe).join(' & ');
      default:
        return type.kind;
    }
  })();
  return type.nullable ? `${base} | null` : base;
}

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((v) => JSON.stringify(v));
  return `${shown.join(', ')}${values.length > 8 ? `, ... (${values.length} in all)` : ''}`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
