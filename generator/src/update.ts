import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { renderChangelog, renderChangeset } from './diff/changelog.js';
import { diffApi } from './diff/diff.js';
import type { ApiDiff } from './diff/types.js';
import { SpecError } from './errors.js';
import { buildIR } from './ir/build.js';
import type { ApiIR } from './ir/types.js';
import { filesFor, generate, loadSpec, REPO_ROOT, TARGETS, type LoadedSpec, type Target } from './pipeline.js';
import { isUrl, readSource } from './spec/load.js';
import type { OverlayActionResult } from './spec/overlay.js';
import { readPin, readTestPins, type SpecPin } from './spec/pin.js';

export interface UpdateOptions {
  /** The new spec: a path or an http(s) URL. */
  readonly source: string;
  /** The old spec, instead of the pinned one (MIRO_SPEC_SOURCE or the pin's URL, checked against the pin). */
  readonly from?: string;
  /**
   * Public URL to pin (http or https); default: the source when it is a URL, else the URL of the
   * version in spec/test-specs.json with the same bytes, else `askUrl`'s answer. A local path is never pinned.
   */
  readonly url?: string;
  /** Asks the user for the public URL of a local file that nothing else names (an interactive terminal). */
  readonly askUrl?: (source: string) => Promise<string>;
  /** Upstream commit to pin; default: taken from a raw.githubusercontent.com URL of miroapp/api-clients. */
  readonly commit?: string;
  /** Publication date (YYYY-MM-DD); default: a date in the source's file name, else today. */
  readonly published?: string;
  /** Changeset file name without `.md`; default `spec-<published>`. */
  readonly name?: string;
  /** Report only: write nothing. */
  readonly dryRun?: boolean;
  /** Repository root (spec/pin.json, spec/overlays, .changeset, packages); default: this repository. */
  readonly root: string;
  /** Output folders of the generated code; default: the packages' `src/generated` under `root`. */
  readonly out?: Partial<Record<Target, string>>;
  /** Clock for the default publication date. */
  readonly now?: () => Date;
}

export interface OverlayNote {
  readonly overlay: string;
  readonly target: string;
  readonly status: 'no longer applies' | 'does not apply' | 'now applies';
}

export interface UpdateResult {
  readonly upToDate: boolean;
  readonly diff: ApiDiff;
  readonly pin: SpecPin;
  readonly overlays: readonly OverlayNote[];
  readonly warnings: readonly string[];
  readonly changelog: string;
  /** The changeset written (or, in a dry run, that would be written); null when up to date. */
  readonly changesetFile: string | null;
  /** Every file written; empty in a dry run. */
  readonly written: readonly string[];
  readonly report: string;
}

const MIRO_RAW_URL =
  /^https:\/\/raw\.githubusercontent\.com\/miroapp\/api-clients\/([0-9a-f]{7,40})\/packages\/generator\/spec\.json$/i;
const DATE = /\d{4}-\d{2}-\d{2}/;

/**
 * `spec:update`: adopts a new version of Miro's spec. Loads it (overlays applied), diffs its IR
 * against the pinned version's, then regenerates, re-pins and writes a changeset whose bump is the
 * diff's. Generation comes first, so a spec the generator rejects leaves the pin and changesets alone.
 */
export async function specUpdate(options: UpdateOptions): Promise<UpdateResult> {
  const { root } = options;
  const warnings: string[] = [];
  const pinned = await readPin(root);
  const staged = await stageSource(options.source);
  try {
    const next = await loadSpec({ spec: staged.path, root }).catch((error: unknown) => {
      // Name the URL the user gave, not the temporary copy.
      if (error instanceof SpecError && staged.path !== options.source)
        throw new SpecError(error.message.split(staged.path).join(options.source), '');
      throw error;
    });
    const prev = await loadOld(options, root, pinned, warnings);
    const oldIR = irOf(prev, 'old');
    const newIR = irOf(next, 'new');
    const diff = diffApi(oldIR, newIR);
    const upToDate = next.sha256 === pinned.sha256;
    const known = (await knownPins(root)).find((p) => p.sha256 === next.sha256);
    const pin = upToDate
      ? pinned
      : pinFor(
          options,
          await publicUrl(options, known, warnings),
          known,
          next.sha256,
          options.now ?? (() => new Date()),
        );
    if (!upToDate && !options.published && !known && !DATE.test(basename(options.source)))
      warnings.push(`no --published and no date in the file name: pinned as published ${pin.published} (today)`);
    const overlays = overlayNotes(prev.overlays, next.overlays);
    const changelog = renderChangelog(diff, pinned, pin);
    const changesetFile = upToDate
      ? null
      : await freeChangesetPath(root, options.name ?? `spec-${pin.published}`, next.sha256);
    const written: string[] = [];

    if (!upToDate && options.dryRun) {
      // Render in memory: a dry run still proves the generator accepts the new spec.
      for (const target of TARGETS) filesFor(target, newIR, next);
    } else if (!upToDate) {
      const out = Object.fromEntries(
        TARGETS.map((t) => [t, options.out?.[t] ?? join(root, 'packages', t, 'src', 'generated')]),
      ) as Record<Target, string>;
      const result = await generate({ spec: staged.path, root, out });
      for (const [dir, files] of Object.entries(result.written)) written.push(...files.map((f) => join(dir, f)));
      const pinFile = join(root, 'spec', 'pin.json');
      await writeFile(pinFile, `${JSON.stringify(pin, null, 2)}\n`);
      written.push(pinFile);
      await writeFile(changesetFile!, renderChangeset(diff.bump, changelog));
      written.push(changesetFile!);
    }
    const report = renderReport({
      options,
      pinned,
      pin,
      diff,
      overlays,
      warnings,
      changelog,
      changesetFile,
      upToDate,
      written,
      oldIR,
      newIR,
    });
    return { upToDate, diff, pin, overlays, warnings, changelog, changesetFile, written, report };
  } finally {
    await staged.cleanup();
  }
}

/** A URL is fetched once, into a temporary file that both the diff and the generator read. */
async function stageSource(source: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  if (!isUrl(source)) return { path: source, cleanup: async () => {} };
  const fetched = await readSource(source);
  const dir = await mkdtemp(join(tmpdir(), 'miro-spec-update-'));
  const path = join(dir, basename(new URL(source).pathname) || 'spec.json');
  await writeFile(path, fetched.text);
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function loadOld(options: UpdateOptions, root: string, pinned: SpecPin, warnings: string[]): Promise<LoadedSpec> {
  if (options.from) {
    const loaded = await loadSpec({ spec: options.from, root });
    if (loaded.sha256 !== pinned.sha256) {
      warnings.push(
        `--from ${options.from} (sha256 ${loaded.sha256}) is not the pinned spec (sha256 ${pinned.sha256}): the diff is against it anyway.`,
      );
    }
    return loaded;
  }
  try {
    return await loadSpec({ root });
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(
      `cannot read the pinned spec to diff against (${error.message}). Set MIRO_SPEC_SOURCE to the pinned file, or pass --from <path|url>.`,
      '',
    );
  }
}

function irOf(loaded: LoadedSpec, which: 'old' | 'new'): ApiIR {
  try {
    return buildIR(loaded.spec);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(`the ${which} spec's IR cannot be built: ${error.message}`, '', loaded.location);
  }
}

/** The versions spec/test-specs.json pins (none in a repository without the file). */
async function knownPins(root: string): Promise<SpecPin[]> {
  try {
    return await readTestPins(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

const NO_URL = '(none: pass --url)';

/**
 * The URL to pin: anyone who clones the repository must be able to fetch the spec from it, so a
 * path of this machine is never pinned. A dry run without one says so and goes on.
 */
async function publicUrl(options: UpdateOptions, known: SpecPin | undefined, warnings: string[]): Promise<string> {
  let url = options.url ?? (isUrl(options.source) ? options.source : known?.url);
  if (!url && options.askUrl && !options.dryRun) url = (await options.askUrl(options.source)).trim();
  if (url && !isUrl(url)) throw new SpecError(`--url must be an http(s) URL anyone can fetch (got "${url}")`, '');
  if (url) return url;
  const how =
    `${options.source} is a local file: pass --url with the public address of the same bytes at a fixed commit ` +
    '(for Miro: https://raw.githubusercontent.com/miroapp/api-clients/<commit>/packages/generator/spec.json)';
  if (!options.dryRun) throw new SpecError(`${how}, so that spec/pin.json names where anyone can fetch it`, '');
  warnings.push(`${how}; a real run needs it`);
  return NO_URL;
}

function pinFor(
  options: UpdateOptions,
  url: string,
  known: SpecPin | undefined,
  sha256: string,
  now: () => Date,
): SpecPin {
  const derived = MIRO_RAW_URL.exec(url)?.[1] ?? (url === known?.url ? known.commit : undefined);
  if (options.commit && derived && options.commit !== derived) {
    throw new SpecError(`--commit ${options.commit} contradicts the commit in the URL (${derived})`, '');
  }
  const published =
    options.published ??
    known?.published ??
    DATE.exec(basename(options.source))?.[0] ??
    now().toISOString().slice(0, 10);
  if (!isDate(published)) throw new SpecError(`--published must be a date as YYYY-MM-DD (got "${published}")`, '');
  return { published, commit: options.commit ?? derived ?? 'unknown', url, sha256 };
}

function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/** Overlay actions that stopped (or started) matching, so a stale overlay is noticed and removed. */
function overlayNotes(old: readonly OverlayActionResult[], next: readonly OverlayActionResult[]): OverlayNote[] {
  const notes: OverlayNote[] = [];
  next.forEach((n, i) => {
    const o = old[i];
    const before = o && o.overlay === n.overlay && o.target === n.target ? o.matched : 0;
    if (n.matched === 0)
      notes.push({ overlay: n.overlay, target: n.target, status: before > 0 ? 'no longer applies' : 'does not apply' });
    else if (before === 0) notes.push({ overlay: n.overlay, target: n.target, status: 'now applies' });
  });
  return notes;
}

/** `.changeset/<name>.md`, or `<name>-<sha8>.md` when taken; never overwrites a changeset. */
async function freeChangesetPath(root: string, name: string, sha256: string): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    throw new SpecError(`--name must be a file name of letters, digits, ".", "_" and "-" (got "${name}")`, '');
  for (const candidate of [name, `${name}-${sha256.slice(0, 8)}`]) {
    const path = join(root, '.changeset', `${candidate}.md`);
    if (!(await exists(path))) return path;
  }
  throw new SpecError(
    `.changeset/${name}.md and .changeset/${name}-${sha256.slice(0, 8)}.md both exist: pass --name`,
    '',
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

interface ReportInput {
  readonly options: UpdateOptions;
  readonly pinned: SpecPin;
  readonly pin: SpecPin;
  readonly diff: ApiDiff;
  readonly overlays: readonly OverlayNote[];
  readonly warnings: readonly string[];
  readonly changelog: string;
  readonly changesetFile: string | null;
  readonly upToDate: boolean;
  readonly written: readonly string[];
  readonly oldIR: ApiIR;
  readonly newIR: ApiIR;
}

function renderReport(r: ReportInput): string {
  const lines = [
    `old: ${r.pinned.published} sha256 ${r.pinned.sha256} (${r.oldIR.operations.length} operations, ${r.oldIR.schemas.length} types)`,
    `new: ${r.pin.published} sha256 ${r.pin.sha256} (${r.newIR.operations.length} operations, ${r.newIR.schemas.length} types)`,
  ];
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const o of r.overlays) lines.push(`overlay ${o.overlay}: action on ${o.target} ${o.status}`);
  if (r.upToDate) {
    lines.push('The new spec is the pinned one: nothing to do.');
    return `${lines.join('\n')}\n`;
  }
  const { added, removed, renamed } = r.diff.operations;
  lines.push(
    `operations: ${added.length} added, ${removed.length} removed, ${renamed.length} renamed; ${r.diff.changes.length} changes in all`,
    `bump for @miro/api: ${r.diff.bump}`,
    '',
    r.changelog.trimEnd(),
    '',
  );
  if (r.options.dryRun) {
    lines.push(
      `Dry run: nothing written. Would regenerate, pin ${JSON.stringify(r.pin)} and write ${r.changesetFile}.`,
    );
  } else {
    lines.push(
      `Pinned ${r.pin.url} (commit ${r.pin.commit}, published ${r.pin.published}).`,
      `Wrote ${r.written.length} files, the changeset ${r.changesetFile}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const USAGE = `Usage: pnpm spec:update <path|url> [--from <path|url>] [--url <url>] [--commit <sha>] [--published YYYY-MM-DD] [--name <changeset>] [--dry-run]

Adopts a new version of Miro's OpenAPI spec: applies the overlays (and says which no longer apply),
reports the API change against the pinned spec, classified for TypeScript callers, then regenerates
@miro/api and @miro/mock, updates spec/pin.json and writes .changeset/<name>.md with the bump.

  --from       diff against this spec instead of the pinned one (default: MIRO_SPEC_SOURCE, else the
               pin's URL; either must match the pinned sha256).
  --url        public URL to pin, at a fixed commit (default: the source when it is a URL, or the URL
               spec/test-specs.json gives the same bytes; for another local file it is asked for
               in a terminal, else required: a path of this machine is never pinned).
  --commit     upstream commit to pin (default: from a raw.githubusercontent.com/miroapp/api-clients URL).
  --published  the spec's publication date (default: a YYYY-MM-DD in the file name, else today).
  --name       changeset file name (default: spec-<published>).
  --dry-run    print the report; write nothing.
  --root       the repository to update (default: the one this generator belongs to).`;

export interface UpdateIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Asks a question and returns the answer; only where someone can answer (an interactive terminal). */
  readonly ask?: (question: string) => Promise<string>;
}

const terminal: UpdateIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  ...(process.stdin.isTTY && {
    ask: async (question: string) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await prompt.question(question);
      } finally {
        prompt.close();
      }
    },
  }),
};

export async function main(argv: string[], io: UpdateIO = terminal): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        url: { type: 'string' },
        commit: { type: 'string' },
        published: { type: 'string' },
        name: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`miro-spec-update: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr(`miro-spec-update: expected one spec (a path or URL), got ${positionals.length}\n\n${USAGE}\n`);
    return 2;
  }
  // pnpm runs scripts from the repository root; paths are meant relative to where the user typed them.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const here = (p: string): string => (isUrl(p) ? p : resolve(cwd, p));
  try {
    const result = await specUpdate({
      source: here(positionals[0]!),
      ...(values.from ? { from: here(values.from) } : {}),
      ...(values.url ? { url: values.url } : {}),
      ...(values.commit ? { commit: values.commit } : {}),
      ...(values.published ? { published: values.published } : {}),
      ...(values.name ? { name: values.name } : {}),
      dryRun: values['dry-run'],
      root: values.root ? resolve(cwd, values.root) : REPO_ROOT,
      ...(io.ask && {
        askUrl: (source: string) =>
          io.ask!(`${source} is a local file. The public URL of these bytes, at a fixed commit, to pin: `),
      }),
    });
    io.stdout(result.report);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      io.stderr(`miro-spec-update: ${error.message}\nNothing was written.\n`);
      return 1;
    }
    throw error;
  }
}
