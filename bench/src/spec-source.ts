import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { BenchSetupError } from './setup-error.js';

/**
 * The pinned spec as a local file, for `miro-generate --spec`: the bench's `--spec`, else
 * `MIRO_SPEC_SOURCE` when it is a path (relative to where pnpm was started, as the README's
 * `export` means it), else the cache `pnpm spec:fetch` fills.
 */
export function resolveSpecFile(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  root = REPO_ROOT,
): string {
  const base = env['INIT_CWD'] ?? process.cwd();
  const candidates: string[] = [];
  for (const value of [explicit, env['MIRO_SPEC_SOURCE']]) {
    const v = value?.trim();
    if (v && !/^https?:\/\//i.test(v)) candidates.push(isAbsolute(v) ? v : resolve(base, v));
  }
  const pin = JSON.parse(readFileSync(join(root, 'spec', 'pin.json'), 'utf8')) as { sha256: string };
  candidates.push(join(root, '.spec-cache', `${pin.sha256}.json`));
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new BenchSetupError(
      `bench: no local copy of the pinned spec (looked at ${candidates.join(', ')}). ` +
        'Set MIRO_SPEC_SOURCE to the spec file (as for `pnpm build`), pass --spec <file>, or run `pnpm spec:fetch`.',
    );
  }
  return found;
}
