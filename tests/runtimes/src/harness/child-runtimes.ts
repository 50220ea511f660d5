import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ChildRuntime = 'deno' | 'bun';
export type Scenario = 'api' | 'auth';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const RUN_TIMEOUT_MS = 90_000;

/**
 * The runtime's binary, from its npm package (pinned in package.json): `deno` and `bun` ship it in a
 * platform package that `pnpm install` puts in place (their install scripts are allowed in
 * pnpm-workspace.yaml). Nothing is downloaded here.
 */
export function runtimeBinary(runtime: ChildRuntime): string {
  const dir = dirname(require.resolve(`${runtime}/package.json`));
  const binary = runtime === 'deno' ? join(dir, 'deno') : join(dir, 'bin', 'bun.exe');
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} is missing: the ${runtime} npm package's install script did not run (it must be listed in onlyBuiltDependencies; run pnpm install)`,
    );
  }
  return binary;
}

/**
 * Deno runs with network access to the loopback address only, and no other permission unless the
 * scenario needs it: what a Deno user of the package has to grant. Neither runtime may fetch
 * anything (no remote modules, no auto-install, no update check).
 */
function commandLine(runtime: ChildRuntime, scenario: Scenario, extraDenoPermissions: readonly string[]): string[] {
  const entry = join(packageDir, 'src', 'cli.ts');
  if (runtime === 'deno')
    return ['run', '--no-remote', '--no-prompt', '--allow-net=127.0.0.1', ...extraDenoPermissions, entry, scenario];
  return ['run', '--no-install', entry, scenario];
}

export interface ChildRunOptions {
  /** Deno permissions besides `--allow-net=127.0.0.1` (e.g. `--allow-env`). */
  readonly denoPermissions?: readonly string[];
}

/** Runs a scenario in a child process of the runtime and returns its report; rejects with its output when it fails. */
export async function runInChild<Report>(
  runtime: ChildRuntime,
  scenario: Scenario,
  env: object,
  options: ChildRunOptions = {},
): Promise<Report> {
  const home = await mkdtemp(join(tmpdir(), `miro-${runtime}-`));
  try {
    const child = spawn(
      runtimeBinary(runtime),
      [...commandLine(runtime, scenario, options.denoPermissions ?? []), JSON.stringify(env)],
      {
        cwd: packageDir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          DENO_DIR: join(home, 'deno'),
          DENO_NO_UPDATE_CHECK: '1',
          BUN_INSTALL_CACHE_DIR: join(home, 'bun'),
          DO_NOT_TRACK: '1',
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    }).finally(() => clearTimeout(timer));
    const result = /^RESULT (.*)$/m.exec(stdout);
    if (code !== 0 || !result?.[1]) {
      throw new Error(`${runtime} ${scenario} scenario exited ${code}:\n${stdout}${stderr}`);
    }
    return JSON.parse(result[1]) as Report;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
