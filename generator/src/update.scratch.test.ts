import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { testSpecFile } from '../test/specs.js';
import { generate, REPO_ROOT } from './pipeline.js';
import { readTestPins, type SpecPin } from './spec/pin.js';

const run = promisify(execFile);

/**
 * The whole release path on a scratch clone of this repository's HEAD, pinned to Miro's spec of
 * 2026-02-13: `pnpm spec:update` to 2026-04-22, then `pnpm changeset version`, then generate
 * from the new pin there.
 */
const pins = await readTestPins(REPO_ROOT);
const pinOf = (published: string): SpecPin => pins.find((p) => p.published === published)!;
const FROM = pinOf('2026-02-13');
const TO = pinOf('2026-04-22');

let scratch: string;
/** Clone, install, pin and update: the first test pays for it. */
const SETUP_MS = 300_000;

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
  const specs = { from: '', to: '' };
  const specFile = (published: string): string => (published === FROM.published ? specs.from : specs.to);

  /** The clone, pinned to FROM, then updated to TO: once, inside the first test (so a missing spec fails the tests, one line each). */
  let setup: Promise<void> | undefined;
  const ready = (): Promise<void> => (setup ??= prepare());
  async function prepare(): Promise<void> {
    specs.from = await testSpecFile(FROM.published);
    specs.to = await testSpecFile(TO.published);
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
    await writeFile(join(scratch, 'spec', 'pin.json'), `${JSON.stringify(FROM, null, 2)}\n`);
    for (const f of await readdir(join(scratch, '.changeset')))
      if (f.endsWith('.md') && f !== 'README.md') await rm(join(scratch, '.changeset', f));
    const manifest = await json<{ scripts: Record<string, string> }>('package.json');
    // The root script line this repository's package.json carries (added here if the clone predates it).
    manifest.scripts['spec:update'] ??= 'node generator/bin/miro-spec-update.mjs';
    await writeFile(join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const pkg of ['api', 'auth', 'mock']) before[pkg] = await json<Manifest>(`packages/${pkg}/package.json`);
    await run('git', ['-C', scratch, 'commit', '--quiet', '-am', 'pin 2026-02-13']);
    updateOutput = await sh('pnpm', ['spec:update', specFile(TO.published), '--url', TO.url], specFile(FROM.published));
  }

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(
    'reports 7 operations added and a minor bump, and pins 2026-04-22 with the commit taken from the URL',
    async () => {
      await ready();
      expect(updateOutput).toContain('operations: 7 added, 0 removed, 0 renamed');
      expect(updateOutput).toContain('bump for @miro/api: minor');
      expect(await json('spec/pin.json')).toEqual({
        published: TO.published,
        commit: TO.commit,
        url: TO.url,
        sha256: TO.sha256,
      });
      const changeset = await readFile(join(scratch, '.changeset', `spec-${TO.published}.md`), 'utf8');
      expect(changeset.startsWith('---\n"@miro/api": minor\n---\n')).toBe(true);
    },
    SETUP_MS,
  );

  it(
    'changeset version bumps @miro/api by the changeset and its dependents @miro/auth and @miro/mock',
    async () => {
      await ready();
      await sh('pnpm', ['changeset', 'version'], specFile(TO.published));
      const after: Record<string, Manifest> = {};
      for (const pkg of ['api', 'auth', 'mock']) after[pkg] = await json<Manifest>(`packages/${pkg}/package.json`);
      expect(after.api!.version).toBe(bumped(before.api!.version, 'minor'));
      expect(after.auth!.version).toBe(bumped(before.auth!.version, 'patch'));
      expect(after.mock!.version).toBe(bumped(before.mock!.version, 'patch'));
      expect(after.auth!.dependencies?.['@miro/api']).toBe('workspace:^');
      expect(after.mock!.dependencies?.['@miro/api']).toBe('workspace:^');
      expect(await readdir(join(scratch, '.changeset'))).not.toContain(`spec-${TO.published}.md`);
      const changelog = await readFile(join(scratch, 'packages', 'api', 'CHANGELOG.md'), 'utf8');
      expect(changelog).toContain(`## ${after.api!.version}`);
      expect(changelog).toContain('`createCodeWidgetItem`');
      expect(await readFile(join(scratch, 'packages', 'auth', 'CHANGELOG.md'), 'utf8')).toContain(
        `@miro/api@${after.api!.version}`,
      );
    },
    SETUP_MS + 120_000,
  );

  it(
    'leaves a project that generates from the new pin what the generator makes of that spec',
    async () => {
      await ready();
      // Without --spec, generate checks the default source against the new pin.
      await sh('pnpm', ['--filter', '@miro/api', 'generate'], specFile(TO.published));
      // Byte for byte what this generator writes for the spec: the all-specs typecheck compiles exactly
      // that output with the runtime, so the scratch project needs no compiler run of its own.
      const expected = await mkdtemp(join(tmpdir(), 'miro-spec-update-expected-'));
      await generate({ spec: specFile(TO.published), targets: ['api'], out: { api: expected } });
      const generated = join(scratch, 'packages', 'api', 'src', 'generated');
      const names = (await readdir(expected)).sort();
      expect((await readdir(generated)).sort()).toEqual(names);
      for (const name of names)
        expect(await readFile(join(generated, name), 'utf8'), name).toBe(await readFile(join(expected, name), 'utf8'));
      expect(await readFile(join(generated, 'client.gen.ts'), 'utf8')).toContain(`sha256 ${TO.sha256}`);
      await rm(expected, { recursive: true, force: true });
    },
    SETUP_MS + 120_000,
  );
});
