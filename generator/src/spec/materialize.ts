import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpecError } from '../errors.js';
import { isUrl, readSource, sha256, type LoadedSource } from './load.js';
import { pinMismatchMessage, readPin, readTestPins, specFileName, type SpecPin } from './pin.js';

/** Where fetched specs are kept, named by their hash (gitignored). */
export function cachePath(root: string, hash: string): string {
  return join(root, '.spec-cache', `${hash}.json`);
}

/** A pinned spec's bytes, and a file that holds exactly them. */
export interface PinnedSource extends LoadedSource {
  readonly file: string;
}

export interface ObtainOptions {
  /** The repository root: `.spec-cache/` lives there, and relative paths in the environment are read from there. */
  readonly root: string;
  /** A path or URL that must hold the pinned bytes (MIRO_SPEC_SOURCE, for the build's pin); when given, the only source. */
  readonly override?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
}

/**
 * A pinned spec, from the first place that has it: the override, when there is one (refused unless
 * its hash is the pin's); else `.spec-cache/` (when intact); else the folder `MIRO_SPEC_DIR` names
 * (its file refused likewise); else the pinned URL. What came from the folder or the URL is kept in
 * `.spec-cache/`, where later runs (and the bench) find it. When none has it: a one-line SpecError
 * naming the file and how to get it.
 */
export async function obtainPinnedSpec(pin: SpecPin, options: ObtainOptions): Promise<PinnedSource> {
  const { root } = options;
  const env = options.env ?? process.env;
  const override = options.override?.trim();
  if (override) {
    const location = isUrl(override) ? override : resolve(root, override);
    const source = await readSource(location, options.fetch);
    if (source.sha256 !== pin.sha256) throw new SpecError(pinMismatchMessage(pin, location, source.sha256), '');
    return { ...source, file: isUrl(location) ? await keep(root, source) : location };
  }

  const missing: string[] = [];
  const cached = cachePath(root, pin.sha256);
  const text = await readFile(cached, 'utf8').catch(() => undefined);
  if (text !== undefined && sha256(text) === pin.sha256)
    return { text, sha256: pin.sha256, location: cached, file: cached };
  missing.push('not in .spec-cache/');

  const dir = env.MIRO_SPEC_DIR?.trim();
  if (dir) {
    const file = join(resolve(root, dir), specFileName(pin));
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const actual = sha256(text);
      if (actual !== pin.sha256)
        throw new SpecError(`has sha256 ${actual}, but the pin of ${pin.published} is ${pin.sha256}`, '', file);
      const source = { text, sha256: actual, location: file };
      return { ...source, file: await keep(root, source) };
    }
    missing.push(`not in MIRO_SPEC_DIR (${file})`);
  } else {
    missing.push('MIRO_SPEC_DIR is not set');
  }

  try {
    const source = await readSource(pin.url, options.fetch);
    if (source.sha256 !== pin.sha256)
      throw new SpecError(`answered bytes with sha256 ${source.sha256}, not the pinned ${pin.sha256}`, '', pin.url);
    return { ...source, file: await keep(root, source) };
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    missing.push(error.message);
  }
  throw new SpecError(
    `${specFileName(pin)} (Miro's spec of ${pin.published}, sha256 ${pin.sha256.slice(0, 12)}…) is not available: ` +
      `${missing.join('; ')}. Run \`pnpm spec:fetch\` with access to raw.githubusercontent.com, ` +
      `or set MIRO_SPEC_DIR to a folder that holds ${specFileName(pin)}.`,
    '',
  );
}

/** Writes the bytes to `.spec-cache/<sha256>.json` (through a temporary name, so a reader never sees half a file). */
async function keep(root: string, source: LoadedSource): Promise<string> {
  const path = cachePath(root, source.sha256);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, source.text);
  await rename(temporary, path);
  return path;
}

/** The build's spec (spec/pin.json): MIRO_SPEC_SOURCE when set, else as `obtainPinnedSpec` finds it. */
export async function readPinnedSpec(root: string, env: NodeJS.ProcessEnv = process.env): Promise<PinnedSource> {
  return obtainPinnedSpec(await readPin(root), { root, override: env.MIRO_SPEC_SOURCE, env });
}

/**
 * A version the tests read (spec/test-specs.json), by its publication date. MIRO_SPEC_SOURCE
 * serves it too when it is the build's pinned version.
 */
export async function readTestSpec(root: string, published: string, env = process.env): Promise<PinnedSource> {
  const pin = (await readTestPins(root)).find((p) => p.published === published);
  if (!pin)
    throw new SpecError(`no spec published on ${published} is pinned`, '', join(root, 'spec', 'test-specs.json'));
  const build = await readPin(root);
  return obtainPinnedSpec(pin, { root, env, override: build.sha256 === pin.sha256 ? env.MIRO_SPEC_SOURCE : undefined });
}

export interface FetchOutcome {
  readonly pin: SpecPin;
  /** The file in `.spec-cache/`, or null when the spec could not be had. */
  readonly cached: string | null;
  /** Where the bytes came from, or why they could not be had. */
  readonly note: string;
}

/**
 * `pnpm spec:fetch`: the build's spec and every spec the tests read, each put in `.spec-cache/`
 * (verified by hash). A spec that cannot be had is reported, and the others are fetched still.
 */
export async function fetchPinnedSpecs(root: string, env: NodeJS.ProcessEnv = process.env): Promise<FetchOutcome[]> {
  const build = await readPin(root);
  const pins = [build, ...(await readTestPins(root)).filter((p) => p.sha256 !== build.sha256)];
  const outcomes: FetchOutcome[] = [];
  for (const pin of pins) {
    try {
      const override = pin.sha256 === build.sha256 ? env.MIRO_SPEC_SOURCE : undefined;
      const source = await obtainPinnedSpec(pin, { root, env, override });
      const cached = source.file === cachePath(root, pin.sha256) ? source.file : await keep(root, source);
      outcomes.push({ pin, cached, note: source.location });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      outcomes.push({ pin, cached: null, note: error.message });
    }
  }
  return outcomes;
}
