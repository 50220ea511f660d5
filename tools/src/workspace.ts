import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** The repository root (this file is tools/src/workspace.ts). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the tooling reads of a package.json. */
export interface Manifest {
  readonly name: string;
  readonly version?: string;
  readonly private?: boolean;
  readonly type?: 'module' | 'commonjs';
  readonly exports?: unknown;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

export interface WorkspacePackage {
  /** The folder, relative to the root: `packages/api`. */
  readonly dir: string;
  readonly manifest: Manifest;
}

/** Every package pnpm-workspace.yaml lists (`dir` and `dir/*` patterns), in the order it lists them. */
export async function workspacePackages(root: string = REPO_ROOT): Promise<WorkspacePackage[]> {
  const { packages } = parseYaml(await readFile(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
  const dirs: string[] = [];
  for (const pattern of packages) {
    if (!pattern.endsWith('/*')) {
      dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) continue;
    for (const entry of (await readdir(join(root, parent), { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    ))
      if (entry.isDirectory()) dirs.push(join(parent, entry.name));
  }
  const found: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (existsSync(file)) found.push({ dir, manifest: JSON.parse(await readFile(file, 'utf8')) as Manifest });
  }
  return found;
}

/** Each package's dependencies, of every kind, on other packages of the same set. */
export function dependencyGraph(manifests: Iterable<Manifest>): Map<string, string[]> {
  const all = [...manifests];
  const names = new Set(all.map((m) => m.name));
  return new Map(
    all.map((m) => {
      const declared = { ...m.dependencies, ...m.devDependencies, ...m.peerDependencies, ...m.optionalDependencies };
      return [m.name, Object.keys(declared).filter((d) => names.has(d) && d !== m.name)];
    }),
  );
}

/** The first dependency cycle, as `a -> b -> a`, or null when there is none. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string | null => {
    const open = path.indexOf(name);
    if (open >= 0) return [...path.slice(open), name].join(' -> ');
    if (done.has(name)) return null;
    path.push(name);
    for (const next of graph.get(name) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(name);
    return null;
  };
  for (const name of [...graph.keys()].sort()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return null;
}
