import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Compares two TypeScript types by what the type oracle checks: property names and whether each
 * is required or optional, level by level (objects, array items, union variants), ignoring the
 * leaf types themselves. Each difference names where it is (`data.position.x`, `items[]`,
 * `<variant 2>`).
 */

export type Location = 'path' | 'query' | 'body' | 'response';

export type DifferenceKind =
  /** They have the property, we do not. */
  | 'missing'
  /** We have a property they do not. */
  | 'extra'
  /** They require it, ours is optional. */
  | 'optional'
  /** Ours is required, theirs optional. */
  | 'required'
  /** The number of object variants of a union differs. */
  | 'variants'
  /** One side has the type (a body, a query object, a response), the other none. */
  | 'absent';

export interface Difference {
  readonly operationId: string;
  readonly where: Location;
  /** `data.position.x`; `` for the type itself. */
  readonly at: string;
  readonly kind: DifferenceKind;
  readonly detail: string;
}

/** One comparison's state: where differences go, the type pairs already seen, the top level's renaming. */
interface Walk {
  readonly add: (at: string, kind: DifferenceKind, detail: string) => void;
  readonly seen: Set<string>;
  readonly rename: (name: string) => string;
}

const same = (name: string): string => name;

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A program over `file` with the repository's compiler options. */
export function programFor(file: string): ts.Program {
  const config = ts.readConfigFile(`${REPO_ROOT}tsconfig.base.json`, ts.sys.readFile);
  const parsed = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, REPO_ROOT);
  return ts.createProgram([file], { ...parsed.options, noEmit: true });
}

export class TypeComparer {
  readonly #checker: ts.TypeChecker;
  /** Property pairs compared so far: a comparison that reaches nothing proves nothing. */
  propertiesCompared = 0;

  constructor(checker: ts.TypeChecker) {
    this.#checker = checker;
  }

  /** Differences of `ours` from `theirs` at `where`; `rename` maps our property names to theirs at the top level. */
  compare(
    operationId: string,
    where: Location,
    ours: ts.Type | undefined,
    theirs: ts.Type | undefined,
    rename: (name: string) => string = (name) => name,
  ): Difference[] {
    const out: Difference[] = [];
    const add = (at: string, kind: DifferenceKind, detail: string): void => {
      out.push({ operationId, where, at, kind, detail });
    };
    const ourType = ours && this.#present(ours);
    const theirType = theirs && this.#present(theirs);
    if (!ourType || !theirType) {
      if (ourType && this.#propertiesOf(ourType).length) add('', 'absent', 'we have a type where they have none');
      if (theirType && this.#propertiesOf(theirType).length) add('', 'absent', 'they have a type where we have none');
      return out;
    }
    this.#walk(ourType, theirType, '', { add, seen: new Set(), rename }, 0);
    return out;
  }

  /** The type without `undefined` and `null`; undefined when nothing (never, void) is left. */
  #present(type: ts.Type): ts.Type | undefined {
    const stripped = this.#checker.getNonNullableType(type);
    if (stripped.flags & (ts.TypeFlags.Never | ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return undefined;
    return stripped;
  }

  #elementOf(type: ts.Type): ts.Type | undefined {
    if (!this.#checker.isArrayType(type)) return undefined;
    return this.#checker.getTypeArguments(type as ts.TypeReference)[0];
  }

  /** Object-like: an object or an intersection of them, not an array or a function. */
  #isObject(type: ts.Type): boolean {
    if (this.#checker.isArrayType(type) || type.getCallSignatures().length) return false;
    if (type.isIntersection()) return type.types.every((t) => this.#isObject(t));
    return (type.flags & ts.TypeFlags.Object) !== 0;
  }

  /** Named properties, leaving out those typed `never` (openapi-typescript's way to forbid one). */
  #propertiesOf(type: ts.Type): ts.Symbol[] {
    if (!this.#isObject(type)) return [];
    return this.#checker.getPropertiesOfType(type).filter((symbol) => {
      const propertyType = this.#checker.getTypeOfSymbol(symbol);
      return !(this.#checker.getNonNullableType(propertyType).flags & ts.TypeFlags.Never);
    });
  }

  /** The object variants of a union (or the type itself). */
  #objectVariants(type: ts.Type): ts.Type[] {
    const members = type.isUnion() ? type.types : [type];
    return members.filter((member) => this.#isObject(member));
  }

  #walk(ours: ts.Type, theirs: ts.Type, at: string, walk: Walk, depth: number): void {
    const key = `${(ours as { id?: number }).id}:${(theirs as { id?: number }).id}`;
    if (walk.seen.has(key) || depth > 12) return;
    walk.seen.add(key);
    const ourItem = this.#elementOf(ours);
    const theirItem = this.#elementOf(theirs);
    if (ourItem && theirItem) {
      const [o, t] = [this.#present(ourItem), this.#present(theirItem)];
      if (o && t) this.#walk(o, t, `${at}[]`, { ...walk, rename: same }, depth + 1);
      return;
    }
    const ourVariants = this.#objectVariants(ours);
    const theirVariants = this.#objectVariants(theirs);
    if (!ourVariants.length || !theirVariants.length) return;
    if (ourVariants.length > 1 || theirVariants.length > 1) {
      if (ourVariants.length !== theirVariants.length)
        walk.add(at, 'variants', `${ourVariants.length} object variants, theirs ${theirVariants.length}`);
      for (const [i, [o, t]] of this.#pair(ourVariants, theirVariants).entries())
        this.#compareObjects(o, t, `${at}<variant ${i + 1}>`, walk, depth);
      return;
    }
    this.#compareObjects(ourVariants[0]!, theirVariants[0]!, at, walk, depth);
  }

  #compareObjects(ours: ts.Type, theirs: ts.Type, at: string, walk: Walk, depth: number): void {
    const { add, rename } = walk;
    const child = (name: string): string => (at ? `${at}.${name}` : name);
    const theirProps = new Map(this.#propertiesOf(theirs).map((s) => [s.getName(), s]));
    const ourProps = new Map(this.#propertiesOf(ours).map((s) => [rename(s.getName()), s]));
    for (const [name, symbol] of theirProps) {
      const mine = ourProps.get(name);
      const theirOptional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      if (!mine) {
        add(child(name), 'missing', theirOptional ? 'optional in theirs' : 'required in theirs');
        continue;
      }
      this.propertiesCompared += 1;
      const ourOptional = (mine.flags & ts.SymbolFlags.Optional) !== 0;
      if (ourOptional && !theirOptional) add(child(name), 'optional', 'optional in ours, required in theirs');
      if (!ourOptional && theirOptional) add(child(name), 'required', 'required in ours, optional in theirs');
      const o = this.#present(this.#checker.getTypeOfSymbol(mine));
      const t = this.#present(this.#checker.getTypeOfSymbol(symbol));
      if (o && t) this.#walk(o, t, child(name), { ...walk, rename: same }, depth + 1);
    }
    for (const name of ourProps.keys()) if (!theirProps.has(name)) add(child(name), 'extra', 'not in theirs');
  }

  /** Pairs variants by the most shared property names (greedy), in their order. */
  #pair(ours: ts.Type[], theirs: ts.Type[]): [ts.Type, ts.Type][] {
    const names = (type: ts.Type): Set<string> => new Set(this.#propertiesOf(type).map((s) => s.getName()));
    const left = ours.map((type) => ({ type, names: names(type) }));
    const pairs: [ts.Type, ts.Type][] = [];
    for (const t of theirs) {
      const theirNames = names(t);
      let best = -1;
      let bestScore = -1;
      left.forEach((o, i) => {
        const shared = [...o.names].filter((n) => theirNames.has(n)).length;
        const score = shared / Math.max(1, new Set([...o.names, ...theirNames]).size);
        if (score > bestScore) [best, bestScore] = [i, score];
      });
      if (best < 0) break;
      pairs.push([left[best]!.type, t]);
      left.splice(best, 1);
    }
    return pairs;
  }
}
