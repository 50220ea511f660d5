import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../src/pipeline.js';

/** Rules about the repository as a whole (the generator's tests hold them: it is the build tooling). */

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** Every package pnpm-workspace.yaml lists (`dir` or `dir/*` patterns), by folder. */
async function workspaceManifests(root: string): Promise<Map<string, Manifest>> {
  const { packages } = parseYaml(await readFile(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
  const dirs: string[] = [];
  for (const pattern of packages) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2);
      if (!existsSync(join(root, parent))) continue;
      for (const entry of await readdir(join(root, parent), { withFileTypes: true }))
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
    } else {
      dirs.push(pattern);
    }
  }
  const manifests = new Map<string, Manifest>();
  for (const dir of dirs) {
    const file = join(root, dir, 'package.json');
    if (existsSync(file)) manifests.set(dir, JSON.parse(await readFile(file, 'utf8')) as Manifest);
  }
  return manifests;
}

/** Each workspace package's dependencies on other workspace packages, of every kind. */
function dependencyGraph(manifests: Iterable<Manifest>): Map<string, string[]> {
  const all = [...manifests];
  const names = new Set(all.map((m) => m.name));
  return new Map(
    all.map((m) => {
      const declared = {
        ...m.dependencies,
        ...m.devDependencies,
        ...m.peerDependencies,
        ...m.optionalDependencies,
      };
      return [m.name, Object.keys(declared).filter((d) => names.has(d) && d !== m.name)];
    }),
  );
}

/** The first cycle found, as `a -> b -> a`, or null. */
function findCycle(graph: Map<string, string[]>): string | null {
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

describe('the workspace', () => {
  it('has no package that depends on another in a cycle (dependencies of every kind)', async () => {
    const manifests = await workspaceManifests(REPO_ROOT);
    expect([...manifests.values()].map((m) => m.name)).toEqual(
      expect.arrayContaining(['@miro/generator', '@miro/api', '@miro/auth', '@miro/mock']),
    );
    expect(findCycle(dependencyGraph(manifests.values()))).toBeNull();
  });

  it('finds a cycle where there is one, however long', () => {
    const pkg = (name: string, deps: string[], kind: keyof Manifest = 'dependencies'): Manifest => ({
      name,
      [kind]: Object.fromEntries(deps.map((d) => [d, 'workspace:*'])),
    });
    expect(findCycle(dependencyGraph([pkg('a', ['b']), pkg('b', ['a'], 'devDependencies')]))).toBe('a -> b -> a');
    expect(findCycle(dependencyGraph([pkg('a', ['b']), pkg('b', ['c']), pkg('c', ['a'], 'peerDependencies')]))).toBe(
      'a -> b -> c -> a',
    );
    expect(findCycle(dependencyGraph([pkg('a', ['b', 'c']), pkg('b', ['c']), pkg('c', ['left-pad'])]))).toBeNull();
  });

  it('has no code that reads the ../shared folder (a clone has none: specs come through the pins)', async () => {
    const { stdout } = await promisify(execFile)(
      'git',
      ['grep', '-nE', '[\'"`/]shared[\'"`/]', '--', '*.ts', '*.mts', '*.cts', '*.js', '*.mjs', '*.cjs'],
      { cwd: REPO_ROOT },
    ).catch((error: { code?: number; stdout?: string }) => {
      // git grep exits 1 when nothing matches.
      if (error.code === 1) return { stdout: '' };
      throw error;
    });
    expect(stdout).toBe('');
  });
});
