import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpecError } from '../errors.js';
import { readSource, sha256, type LoadedSource } from './load.js';
import { defaultSource, pinMismatchMessage, readPin } from './pin.js';

/** Where `pnpm spec:fetch` keeps the pinned spec, named by its hash (gitignored). */
export function cachePath(root: string, hash: string): string {
  return join(root, '.spec-cache', `${hash}.json`);
}

/**
 * The pinned spec: from MIRO_SPEC_SOURCE when it is set; otherwise from the cache that
 * `pnpm spec:fetch` filled (when intact), else from the pinned URL. Checked against the pin.
 */
export async function readPinnedSpec(root: string): Promise<LoadedSource> {
  const pin = await readPin(root);
  if (!process.env.MIRO_SPEC_SOURCE?.trim()) {
    const cached = cachePath(root, pin.sha256);
    try {
      const text = await readFile(cached, 'utf8');
      if (sha256(text) === pin.sha256) return { text, sha256: pin.sha256, location: cached };
    } catch {
      // Not fetched yet: read the pinned URL below.
    }
  }
  const location = defaultSource(pin);
  const source = await readSource(location);
  if (source.sha256 !== pin.sha256) throw new SpecError(pinMismatchMessage(pin, location, source.sha256), '');
  return source;
}

/** `pnpm spec:fetch`: reads the default source, checks it against the pin, stores it in the cache. */
export async function materializePinnedSpec(root: string): Promise<{ path: string; location: string; sha256: string }> {
  const pin = await readPin(root);
  const location = defaultSource(pin);
  const source = await readSource(location);
  if (source.sha256 !== pin.sha256) throw new SpecError(pinMismatchMessage(pin, location, source.sha256), '');
  const path = cachePath(root, pin.sha256);
  await mkdir(join(root, '.spec-cache'), { recursive: true });
  await writeFile(`${path}.tmp`, source.text);
  await rename(`${path}.tmp`, path);
  return { path, location, sha256: source.sha256 };
}
