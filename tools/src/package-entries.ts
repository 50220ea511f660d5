import type { Manifest } from './workspace.js';

/** One entry point a published package offers, read from its `exports` map. */
export interface PackageEntry {
  /** The subpath in `exports`: `.`, `./msw`, `./storage/sqlite`. */
  readonly subpath: string;
  /** What an application writes: `@miro/auth/storage/sqlite`. */
  readonly specifier: string;
  /** `import` finds a file for it (an ES module, or CommonJS that Node's `import` loads too). */
  readonly esm: boolean;
  /** `require` finds a CommonJS file for it. */
  readonly cjs: boolean;
}

/** A target of `exports` with the conditions that lead to it. */
interface Target {
  readonly conditions: readonly string[];
  readonly file: string;
}

function targetsOf(value: unknown, conditions: readonly string[] = []): Target[] {
  if (typeof value === 'string') return [{ conditions, file: value }];
  if (Array.isArray(value)) return value.flatMap((v) => targetsOf(v, conditions));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([condition, v]) => targetsOf(v, [...conditions, condition]));
}

/** Whether Node loads the file as CommonJS. */
function isCommonJs(file: string, manifest: Manifest): boolean {
  if (file.endsWith('.cjs')) return true;
  if (file.endsWith('.mjs')) return false;
  return file.endsWith('.js') && manifest.type !== 'module';
}

/** The code a target under these conditions serves to Node: not types, not a browser or bundler build. */
function servesNode(target: Target): boolean {
  return target.conditions.every((c) => ['import', 'require', 'node', 'default'].includes(c));
}

/**
 * Every entry point of a package, from its `exports` (its `main` when it has none), and whether an
 * ES module and a CommonJS module can load it, as Node resolves them: so a check built on this
 * covers whatever entries and formats the package declares, and nothing it does not.
 */
export function entriesOf(manifest: Manifest & { readonly main?: string }): PackageEntry[] {
  const exported = manifest.exports ?? (manifest.main ? { '.': manifest.main } : {});
  const bySubpath: Record<string, unknown> =
    typeof exported === 'string' ||
    Array.isArray(exported) ||
    Object.keys(exported as object).every((k) => !k.startsWith('.'))
      ? { '.': exported }
      : (exported as Record<string, unknown>);
  return Object.entries(bySubpath)
    .filter(([subpath]) => !subpath.endsWith('.json') && !subpath.includes('*'))
    .map(([subpath, value]) => {
      const targets = targetsOf(value).filter(servesNode);
      const underImport = targets.filter((t) => !t.conditions.includes('require'));
      const underRequire = targets.filter((t) => !t.conditions.includes('import'));
      return {
        subpath,
        specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
        esm: underImport.length > 0,
        cjs: underRequire.some((t) => isCommonJs(t.file, manifest)),
      };
    });
}
