/**
 * `pnpm release:check`: what a release would publish, checked on a scratch copy of the working
 * tree (this checkout is left as it is): `changeset version` (versions and CHANGELOGs from the
 * pending changesets), `pnpm build`, `pnpm pack` of every public package, publint and
 * arethetypeswrong on each tarball, then a scratch npm project that installs the tarballs and
 * loads every entry point each package's `exports` declares, with `import` and, where the package
 * offers it, `require`. Prints one line per check and exits non-zero if any fails.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { entriesOf, type PackageEntry } from './package-entries.js';
import { REPO_ROOT, workspacePackages, type Manifest, type WorkspacePackage } from './workspace.js';

const run = promisify(execFile);

/** Runs a command in `cwd`; on failure, throws with its output. */
async function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env, maxBuffer: 256 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

let failures = 0;
function report(ok: boolean, line: string, detail = ''): void {
  if (!ok) failures++;
  process.stdout.write(
    `${ok ? 'ok  ' : 'FAIL'} ${line}\n${detail ? `${detail.trimEnd().replace(/^/gm, '     ')}\n` : ''}`,
  );
}

/** The working tree as git sees it (tracked files and new ones not ignored), plus the spec cache. */
async function copyWorkingTree(to: string): Promise<void> {
  const listed = await sh(REPO_ROOT, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted, not yet staged
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(REPO_ROOT, file), join(to, file), { verbatimSymlinks: true });
  }
  if (existsSync(join(REPO_ROOT, '.spec-cache')))
    await cp(join(REPO_ROOT, '.spec-cache'), join(to, '.spec-cache'), { recursive: true });
}

/** The environment of the scratch copy: spec locations made absolute (they are read from the root). */
function scratchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', TURBO_TELEMETRY_DISABLED: '1' };
  for (const name of ['MIRO_SPEC_SOURCE', 'MIRO_SPEC_DIR']) {
    const value = env[name]?.trim();
    if (value && !/^https?:\/\//i.test(value) && !isAbsolute(value)) env[name] = resolve(REPO_ROOT, value);
  }
  return env;
}

async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** `changeset version`, then: each package whose version moved has a CHANGELOG entry for it. */
async function versionPackages(scratch: string, env: NodeJS.ProcessEnv, published: WorkspacePackage[]): Promise<void> {
  const pending = (await readdir(join(scratch, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md');
  await sh(scratch, 'pnpm', ['changeset', 'version'], env);
  for (const { dir, manifest } of published) {
    const after = await readManifest(join(scratch, dir));
    if (after.version === manifest.version) {
      report(true, `${manifest.name}: ${manifest.version}, no pending change`);
      continue;
    }
    const changelog = join(scratch, dir, 'CHANGELOG.md');
    const text = existsSync(changelog) ? await readFile(changelog, 'utf8') : '';
    report(
      text.includes(`## ${after.version}\n`),
      `${manifest.name}: ${manifest.version} -> ${after.version} with its CHANGELOG.md entry (${pending.length} changesets)`,
    );
  }
}

/** publint on the tarball: errors and warnings fail, suggestions are shown. */
async function lintTarball(name: string, tarball: string): Promise<void> {
  const bytes = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer },
    level: 'suggestion',
  });
  const serious = messages.filter((m) => m.type !== 'suggestion');
  const text = messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`).join('\n');
  report(serious.length === 0, `${name}: publint (${messages.length - serious.length} suggestions)`, text);
}

/**
 * arethetypeswrong on the tarball, under the profile the package's formats call for: `esm-only`
 * when no entry offers CommonJS; `node16` when it has subpaths (`moduleResolution: node10` cannot
 * see those at all); else `strict`, every resolution mode.
 */
async function checkTypes(name: string, tarball: string, entries: readonly PackageEntry[]): Promise<void> {
  const profile = entries.every((e) => !e.cjs) ? 'esm-only' : entries.length > 1 ? 'node16' : 'strict';
  const attw = join(REPO_ROOT, 'tools', 'node_modules', '.bin', 'attw');
  // attw exits non-zero when it finds a problem the profile counts; its table says which.
  const outcome = await run(attw, [tarball, '--profile', profile, '--format', 'ascii', '--no-color'], {
    maxBuffer: 256 * 1024 * 1024,
  }).then(
    () => '',
    (e: { stdout?: string; stderr?: string; message: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message,
  );
  report(outcome === '', `${name}: arethetypeswrong, profile ${profile}`, outcome);
}

/** Loads each entry in the consumer project: `import()` from an ES module, `require()` from CommonJS. */
async function loadEntries(consumer: string, name: string, entries: readonly PackageEntry[]): Promise<void> {
  for (const entry of entries) {
    if (!entry.esm && !entry.cjs) {
      report(true, `${entry.specifier}: types only, nothing to load`);
      continue;
    }
    const tries: [string, string[]][] = [];
    if (entry.esm)
      tries.push([
        'import',
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(entry.specifier)}); if (!Object.keys(m).length) throw new Error('no exports');`,
        ],
      ]);
    if (entry.cjs)
      tries.push([
        'require',
        [
          '--input-type=commonjs',
          '-e',
          `const m = require(${JSON.stringify(entry.specifier)}); if (!Object.keys(m).length) throw new Error('no exports');`,
        ],
      ]);
    for (const [how, args] of tries) {
      const outcome = await sh(consumer, process.execPath, args).then(
        () => '',
        (error: Error) => error.message,
      );
      report(outcome === '', `${entry.specifier}: ${how}`, outcome);
    }
    if (!entry.cjs) report(true, `${entry.specifier}: require not offered (${name} declares no CommonJS entry)`);
  }
}

async function main(): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), 'miro-release-check-'));
  const env = scratchEnv();
  process.stdout.write(`release:check in ${scratch}\n`);
  try {
    await copyWorkingTree(scratch);
    await sh(scratch, 'pnpm', ['install', '--offline', '--frozen-lockfile'], env).catch(() =>
      sh(scratch, 'pnpm', ['install', '--prefer-offline', '--frozen-lockfile'], env),
    );
    const published = (await workspacePackages(scratch)).filter((p) => !p.manifest.private);
    await versionPackages(scratch, env, published);
    await sh(scratch, 'pnpm', ['build'], env);
    report(true, 'pnpm build');

    const tarballs = join(scratch, '.release', 'tarballs');
    await mkdir(tarballs, { recursive: true });
    const packed: { name: string; tarball: string; entries: PackageEntry[] }[] = [];
    for (const { dir } of published) {
      const manifest = await readManifest(join(scratch, dir));
      const before = new Set(await readdir(tarballs));
      await sh(join(scratch, dir), 'pnpm', ['pack', '--pack-destination', tarballs], env);
      const tarball = (await readdir(tarballs)).find((f) => !before.has(f));
      if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
      packed.push({ name: manifest.name, tarball: join(tarballs, tarball), entries: entriesOf(manifest) });
      report(true, `${manifest.name}@${manifest.version}: packed ${tarball}`);
    }
    for (const { name, tarball, entries } of packed) {
      await lintTarball(name, tarball);
      await checkTypes(name, tarball, entries);
    }

    const consumer = join(scratch, '.release', 'consumer');
    await mkdir(consumer, { recursive: true });
    await writeFile(join(consumer, 'package.json'), '{ "name": "release-check-consumer", "private": true }\n');
    await sh(consumer, 'npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      ...packed.map((p) => p.tarball),
    ]);
    report(true, `npm install of ${packed.length} tarballs in a scratch project`);
    for (const { name, entries } of packed) await loadEntries(consumer, name, entries);
  } catch (error) {
    report(false, (error as Error).message.split('\n')[0]!, (error as Error).message.split('\n').slice(1).join('\n'));
  }
  if (failures === 0) {
    await rm(scratch, { recursive: true, force: true });
    process.stdout.write('release:check: every check passed\n');
    return 0;
  }
  process.stdout.write(`release:check: ${failures} failed (the scratch copy is kept: ${scratch})\n`);
  return 1;
}

process.exitCode = await main();
