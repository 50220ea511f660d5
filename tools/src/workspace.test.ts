import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dependencyGraph, findCycle, REPO_ROOT, workspacePackages, type Manifest } from './workspace.js';

describe('the workspace', () => {
  it('has no package that depends on another in a cycle (dependencies of every kind)', async () => {
    const packages = await workspacePackages();
    expect(packages.map((p) => p.manifest.name)).toEqual(
      expect.arrayContaining(['@miro/generator', '@miro/api', '@miro/auth', '@miro/mock', '@miro/tools']),
    );
    expect(findCycle(dependencyGraph(packages.map((p) => p.manifest)))).toBeNull();
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
