import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitApiFiles, type GeneratedFiles } from './emit/index.js';
import { emitMockFiles } from './emit/mock.js';
import { buildIR } from './ir/build.js';
import type { ApiIR } from './ir/types.js';
import { parseSpecText, readSource, type JsonObject } from './spec/load.js';
import { applyOverlays, loadOverlays, type OverlayActionResult } from './spec/overlay.js';
import { readPinnedSpec } from './spec/materialize.js';
import { validateSpec } from './spec/validate.js';
import { writeGenerated } from './write.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Target = 'api' | 'mock';
export const TARGETS: readonly Target[] = ['api', 'mock'];

export const DEFAULT_OUT: Record<Target, string> = {
  api: join(REPO_ROOT, 'packages', 'api', 'src', 'generated'),
  mock: join(REPO_ROOT, 'packages', 'mock', 'src', 'generated'),
};

export interface LoadedSpec {
  readonly spec: JsonObject;
  readonly location: string;
  readonly sha256: string;
  readonly overlays: readonly OverlayActionResult[];
}

export type StageTimer = (stage: string, ms: number) => void;

async function timed<T>(stage: string, onStage: StageTimer | undefined, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await run();
  onStage?.(stage, performance.now() - start);
  return result;
}

/**
 * Load stage: read the spec (explicit source, or the default one checked against the pin),
 * parse it, apply the overlays in `spec/overlays`, validate.
 */
export async function loadSpec(options: { spec?: string; root?: string; onStage?: StageTimer }): Promise<LoadedSpec> {
  const { validation, ...loaded } = await startLoadingSpec(options);
  await validation;
  return loaded;
}

/**
 * Reads, parses and overlays the spec, and starts validating it: `validation` settles later (the
 * OpenAPI validator runs in a worker thread), so the caller can build and emit meanwhile and must
 * await it before writing anything.
 */
async function startLoadingSpec(options: {
  spec?: string;
  root?: string;
  onStage?: StageTimer;
}): Promise<LoadedSpec & { validation: Promise<void> }> {
  const root = options.root ?? REPO_ROOT;
  const explicit = options.spec;
  const source = await timed('read', options.onStage, () => (explicit ? readSource(explicit) : readPinnedSpec(root)));
  const location = source.location;
  const spec = await timed('parse', options.onStage, () => parseSpecText(source.text, location));
  const overlays = await timed('overlay', options.onStage, async () =>
    applyOverlays(spec, await loadOverlays(join(root, 'spec', 'overlays'))),
  );
  const validation = timed('validate', options.onStage, () => validateSpec(spec, location));
  // Awaited later; without this, a rejection that arrives while the IR is being built would be reported as unhandled.
  validation.catch(() => undefined);
  return { spec, location, sha256: source.sha256, overlays, validation };
}

export function filesFor(target: Target, ir: ApiIR, loaded: LoadedSpec): GeneratedFiles {
  const meta = { source: loaded.location, sha256: loaded.sha256 };
  return target === 'api' ? emitApiFiles(ir, meta) : emitMockFiles(ir, meta);
}

export interface GenerateOptions {
  readonly spec?: string;
  readonly targets?: readonly Target[];
  /** Output folder per target; defaults to the packages' `src/generated`. */
  readonly out?: Partial<Record<Target, string>>;
  readonly root?: string;
  readonly onStage?: StageTimer;
}

export interface GenerateResult {
  readonly ir: ApiIR;
  readonly loaded: LoadedSpec;
  readonly written: Record<string, string[]>;
}

/**
 * The whole pipeline: load -> validate -> IR -> emit -> write (all or nothing per target folder).
 * Validation runs alongside IR and emit; its verdict comes first, also when the IR fails on a
 * spec the validator rejects, and nothing is written before it.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { validation, ...loaded } = await startLoadingSpec(options);
  const targets = options.targets ?? TARGETS;
  let built: { ir: ApiIR; rendered: (readonly [Target, GeneratedFiles])[] };
  try {
    const ir = await timed('ir', options.onStage, () => buildIR(loaded.spec));
    const rendered = await timed('emit', options.onStage, () =>
      targets.map((t) => [t, filesFor(t, ir, loaded)] as const),
    );
    built = { ir, rendered };
  } catch (error) {
    await validation;
    throw error;
  }
  await timed('validate-wait', options.onStage, () => validation);
  const written: Record<string, string[]> = {};
  await timed('write', options.onStage, async () => {
    for (const [target, files] of built.rendered) {
      const dir = options.out?.[target] ?? DEFAULT_OUT[target];
      await writeGenerated(dir, files);
      written[dir] = [...files.keys()];
    }
  });
  return { ir: built.ir, loaded, written };
}
