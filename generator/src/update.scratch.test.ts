import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEC_DIR } from '../test/real-spec.js';
import { REPO_ROOT } from './pipeline.js';

const run = promisify(execFile);

/**
 * The whole release path on a scratch clone of this repository's HEAD, pinned to Miro's spec of
 * 2026-02-13: `pnpm spec:update` to 2026-04-22, then `pnpm changeset version`, then generate,
 * typecheck @miro/api and run the generator's IR tests there.
 */
const FROM = {
  published: '2026-02-13',
  commit: '5ae658825d05b03b04c1556357d3c07af7cb55cf',
  sha256: 'd4b24e1ae5359dfffd34674dcac29a8b680ae4ddd770029d1cd375d2f2f8ad8f',
};
const TO = {
  published: '2026-04-22',
  commit: '3a2506b647611ee729a55b4d99e5d0dc71cc694c',
  sha256: 'f0e17b5b43c92ff2d85c7fbe9a84301e39df1d3c14e6738cd939a6d7142f44dd',
};
const rawUrl = (commit: string): string =>
  `https://raw.githubusercontent.com/miroapp/api-clients/${commit}/packages/generator/spec.json`;
const specFile = (published: string): string => join(SPEC_DIR, `miro-openapi-${published}.json`);

let scratch: string;

/** The child processes get this environment: no vitest internals, the pinned spec as the default source. */
function env(specSource: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(VITEST|__VITEST|NODE_OPTIONS$|TEST$|FORCE_COLOR$)/.test(k)),
  );
  return { ...clean, MIRO_SPEC_SOURCE: specSource, CI: '1', NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1' };
}

async function sh(cmd: string, args: string[], specSource: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(cmd, args, {
      cwd: scratch,
      env: env(specSource),
      maxBuffer: 64 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${scratch}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

const json = async <T>(path: string): Promise<T> => JSON.parse(await readFile(join(scratch, path), 'utf8')) as T;
type Manifest = { version: string; dependencies?: Record<string, string> };

function bumped(version: string, bump: 'major' | 'minor' | 'patch'): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return bump === 'major'
    ? `${major + 1}.0.0`
    : bump === 'minor'
      ? `${major}.${minor + 1}.0`
      : `${major}.${minor}.${patch + 1}`;
}

describe('spec:update then changeset version, on a scratch clone pinned to 2026-02-13', () => {
  const before: Record<string, Manifest> = {};
  let updateOutput = '';

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'miro-spec-update-scratch-'));
    await run('git', ['clone', '--quiet', '--depth', '1', `file://${REPO_ROOT}`, scratch]);
    await run('git', ['-C', scratch, 'config', 'user.email', 'scratch@example.invalid']);
    await run('git', ['-C', scratch, 'config', 'user.name', 'scratch']);
    try {
      await sh('pnpm', ['install', '--offline', '--frozen-lockfile'], specFile(FROM.published));
    } catch {
      // A store that lacks a tarball: the npm registry fills it in.
      await sh('pnpm', ['install', '--prefer-offline', '--frozen-lockfile'], specFile(FROM.published));
    }
    // Pin the older spec, and only this update's changeset may be pending.
    await writeFile(
      join(scratch, 'spec', 'pin.json'),
      `${JSON.stringify({ published: FROM.published, commit: FROM.commit, url: rawUrl(FROM.commit), sha256: FROM.sha256 }, null, 2)}\n`,
    );
    for (const f of await readdir(join(scratch, '.changeset')))
      if (f.endsWith('.md') && f !== 'README.md') await rm(join(scratch, '.changeset', f));
    const manifest = await json<{ scripts: Record<string, string> }>('package.json');
    // The root script line this repository's package.json carries (added here if the clone predates it).
    manifest.scripts['spec:update'] ??= 'node generator/bin/miro-spec-update.mjs';
    await writeFile(join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const pkg of ['api', 'auth', 'mock']) before[pkg] = await json<Manifest>(`packages/${pkg}/package.json`);
    await run('git', ['-C', scratch, 'commit', '--quiet', '-am', 'pin 2026-02-13']);
    updateOutput = await sh(
      'pnpm',
      ['spec:update', specFile(TO.published), '--url', rawUrl(TO.commit)],
      specFile(FROM.published),
    );
  }, 300_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('reports 7 operations added and a minor bump, and pins 2026-04-22 with the commit taken from the URL', async () => {
    expect(updateOutput).toContain('operations: 7 added, 0 removed, 0 renamed');
    expect(updateOutput).toContain('bump for @miro/api: minor');
    expect(await json('spec/pin.json')).toEqual({
      published: TO.published,
      commit: TO.commit,
      url: rawUrl(TO.commit),
      sha256: TO.sha256,
    });
    const changeset = await readFile(join(scratch, '.changeset', `spec-${TO.published}.md`), 'utf8');
    expect(changeset.startsWith('---\n"@miro/api": minor\n---\n')).toBe(true);
  });

  it('changeset version bumps @miro/api by the changeset and the packages that depend on it at run time', async () => {
    await sh('pnpm', ['changeset', 'version'], specFile(TO.published));
    const after: Record<string, Manifest> = {};
    for (const pkg of ['api', 'auth', 'mock']) after[pkg] = await json<Manifest>(`packages/${pkg}/package.json`);
    expect(after.api!.version).toBe(bumped(before.api!.version, 'minor'));
    // @miro/auth depends on @miro/api; @miro/mock does when it imports it at run time (a
    // devDependency for its tests bumps nothing).
    expect(before.auth!.dependencies?.['@miro/api']).toBeDefined();
    for (const pkg of ['auth', 'mock']) {
      const dependent = before[pkg]!.dependencies?.['@miro/api'] !== undefined;
      expect(after[pkg]!.version, pkg).toBe(dependent ? bumped(before[pkg]!.version, 'patch') : before[pkg]!.version);
      if (dependent) expect(after[pkg]!.dependencies?.['@miro/api']).toBe('workspace:^');
    }
    expect(await readdir(join(scratch, '.changeset'))).not.toContain(`spec-${TO.published}.md`);
    const changelog = await readFile(join(scratch, 'packages', 'api', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${after.api!.version}`);
    expect(changelog).toContain('`createCodeWidgetItem`');
    expect(await readFile(join(scratch, 'packages', 'auth', 'CHANGELOG.md'), 'utf8')).toContain(
      `@miro/api@${after.api!.version}`,
    );
  }, 120_000);

  it('leaves a project that generates from the new pin, typechecks @miro/api and passes the IR tests', async () => {
    // Without --spec, generate checks the default source against the new pin.
    await sh('pnpm', ['--filter', '@miro/api', 'generate'], specFile(TO.published));
    expect(await readFile(join(scratch, 'packages', 'api', 'src', 'generated', 'client.gen.ts'), 'utf8')).toContain(
      `sha256 ${TO.sha256}`,
    );
    await sh('pnpm', ['--filter', '@miro/api', 'typecheck'], specFile(TO.published));
    const ir = await sh(
      'pnpm',
      ['--filter', '@miro/generator', 'exec', 'vitest', 'run', 'src/ir'],
      specFile(TO.published),
    );
    expect(ir).toMatch(/Test Files\s+\d+ passed \(\d+\)\n\s*Tests\s+\d+ passed/);
    expect(ir).not.toMatch(/failed/);
  }, 300_000);
});
