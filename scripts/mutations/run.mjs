#!/usr/bin/env node
// `pnpm test:mutations [id...]`: applies each planted mistake of catalogue.mjs alone, runs the
// suites that should catch it (stopping at the first failing test), restores the files, and ends
// with `N of M mutations caught`, naming each survivor; exits non-zero on a survivor or on a
// mutation that no longer applies. Needs the generated output (`pnpm build` or `pnpm generate`)
// and the spec (MIRO_SPEC_SOURCE or `pnpm spec:fetch`), as the tests do.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUTATIONS, SUITES } from './catalogue.mjs';

const root = new URL('../..', import.meta.url).pathname;
const work = join(root, '.artifacts', 'mutations');
const journal = join(work, 'journal.json');
const GENERATED = ['packages/api/src/generated', 'packages/mock/src/generated'];

/** Puts back what an interrupted run left changed (the journal names the saved copies). */
function restore() {
  if (!existsSync(journal)) return;
  const { files, generated } = JSON.parse(readFileSync(journal, 'utf8'));
  for (const [file, saved] of Object.entries(files)) writeFileSync(join(root, file), readFileSync(saved));
  if (generated) {
    for (const dir of GENERATED) {
      rmSync(join(root, dir), { recursive: true, force: true });
      cpSync(join(work, 'generated', dir), join(root, dir), { recursive: true });
    }
  }
  rmSync(journal);
}

/** Applies one edit to `text`; throws when it does not apply exactly as written. */
function applyEdit(text, edit) {
  let start = 0;
  let end = text.length;
  if (edit.line !== undefined) {
    const at = text.indexOf(edit.line);
    if (at < 0 || text.indexOf(edit.line, at + 1) >= 0)
      throw new Error(`${edit.file}: the marker ${JSON.stringify(edit.line)} is not there exactly once`);
    start = text.lastIndexOf('\n', at) + 1;
    const after = text.indexOf('\n', at + edit.line.length - (edit.line.endsWith('\n') ? 1 : 0));
    end = after < 0 ? text.length : after;
  }
  const region = text.slice(start, end);
  let changed;
  if (edit.find instanceof RegExp) {
    const found =
      region.match(edit.find.global ? edit.find : new RegExp(edit.find.source, `${edit.find.flags}g`)) ?? [];
    const expected = edit.count ?? 1;
    if (found.length !== expected)
      throw new Error(`${edit.file}: ${edit.find} matches ${found.length} times, the mutation expects ${expected}`);
    changed = region.replace(edit.find, edit.replace);
  } else {
    const first = region.indexOf(edit.find);
    if (first < 0 || region.indexOf(edit.find, first + 1) >= 0)
      throw new Error(`${edit.file}: ${JSON.stringify(edit.find)} is not there exactly once`);
    changed = region.replace(edit.find, () => edit.replace);
  }
  return text.slice(0, start) + changed + text.slice(end);
}

function run(command, args, cwd, env = {}) {
  return spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The first failing test of a vitest JSON report, or the reason the run failed without one. */
function firstFailure(reportFile, result) {
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const file of report.testResults ?? []) {
      const failed = (file.assertionResults ?? []).find((t) => t.status === 'failed');
      if (failed) {
        const why = (failed.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 160);
        return `${file.name.slice(root.length)} > ${failed.fullName}${why ? ` [${why}]` : ''}`;
      }
      if (file.status === 'failed') return `${file.name.slice(root.length)} (${(file.message ?? '').split('\n')[0]})`;
    }
  } catch {
    // no report: the run failed before the tests
  }
  return `the run failed (${(result.stderr || result.stdout || '').trim().split('\n').slice(-1)[0] ?? 'no output'})`;
}

/** True when a passing run executed no test (a filter that matches nothing proves nothing). */
function ranNoTest(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  return report.numTotalTests - report.numPendingTests - (report.numTodoTests ?? 0) === 0;
}

/** Runs the mutation's suites in order; returns what caught it, or undefined when every suite passed. */
function catcher(mutation) {
  for (const name of mutation.suites) {
    const suite = SUITES[name];
    const reportFile = join(work, 'report.json');
    rmSync(reportFile, { force: true });
    const result = run(
      'npx',
      [
        'vitest',
        'run',
        ...suite.files,
        '--bail=1',
        '--reporter=json',
        `--outputFile=${reportFile}`,
        ...(mutation.only ? ['-t', `\\b${mutation.only}\\b`] : []),
      ],
      join(root, suite.dir),
      // The contract suites' coverage goes to a scratch folder, not over the real run's report.
      { MIRO_CONTRACT_ARTIFACTS: join(work, 'contract') },
    );
    if (result.status !== 0) return `${name}: ${firstFailure(reportFile, result)}`;
    if (ranNoTest(reportFile)) throw new Error(`${name}: no test ran${mutation.only ? ` (-t ${mutation.only})` : ''}`);
  }
  return undefined;
}

function main() {
  const only = process.argv.slice(2);
  const chosen = only.length ? MUTATIONS.filter((m) => only.includes(m.id)) : MUTATIONS;
  if (only.length && chosen.length !== only.length)
    throw new Error(`unknown mutation(s): ${only.filter((id) => !MUTATIONS.some((m) => m.id === id)).join(', ')}`);
  mkdirSync(work, { recursive: true });
  restore();
  for (const dir of GENERATED) {
    if (!existsSync(join(root, dir)))
      throw new Error(`${dir} is missing: run \`pnpm build\` (or \`pnpm generate\`) before \`pnpm test:mutations\``);
  }
  rmSync(join(work, 'generated'), { recursive: true, force: true });
  for (const dir of GENERATED) cpSync(join(root, dir), join(work, 'generated', dir), { recursive: true });

  const started = performance.now();
  const results = [];
  const stop = () => {
    restore();
    process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (const mutation of chosen) {
    const begun = performance.now();
    const files = {};
    const saved = join(work, 'saved');
    mkdirSync(saved, { recursive: true });
    let outcome;
    try {
      const texts = new Map();
      for (const edit of mutation.edits)
        texts.set(edit.file, texts.get(edit.file) ?? readFileSync(join(root, edit.file), 'utf8'));
      const originals = new Map(texts);
      for (const edit of mutation.edits) texts.set(edit.file, applyEdit(texts.get(edit.file), edit));
      for (const [file, text] of originals) {
        const copy = join(saved, file.replace(/\//g, '__'));
        writeFileSync(copy, text);
        files[file] = copy;
      }
      writeFileSync(journal, JSON.stringify({ files, generated: mutation.kind === 'generator' }));
      for (const [file, text] of texts) writeFileSync(join(root, file), text);
      if (mutation.kind === 'generator') {
        const generated = run(process.execPath, [join(root, 'generator/bin/miro-generate.mjs')], root);
        outcome =
          generated.status === 0
            ? catcher(mutation)
            : `the generator: ${(generated.stderr || generated.stdout).trim().split('\n')[0]}`;
      } else outcome = catcher(mutation);
    } catch (error) {
      outcome = { error: error.message };
    } finally {
      restore();
    }
    const seconds = ((performance.now() - begun) / 1000).toFixed(1);
    results.push({ mutation, outcome, seconds });
    const verdict =
      typeof outcome === 'object' ? `DOES NOT APPLY: ${outcome.error}` : outcome ? `caught by ${outcome}` : 'SURVIVED';
    console.log(`${mutation.id} (${mutation.kind}, ${seconds}s): ${mutation.what}: ${verdict}`);
  }
  const broken = results.filter((r) => typeof r.outcome === 'object');
  const survivors = results.filter((r) => r.outcome === undefined);
  const caught = results.length - broken.length - survivors.length;
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  console.log(`\n${caught} of ${results.length} mutations caught (${minutes} min)`);
  if (survivors.length) console.log(`survived: ${survivors.map((r) => r.mutation.id).join(', ')}`);
  if (broken.length) console.log(`no longer apply (fix catalogue.mjs): ${broken.map((r) => r.mutation.id).join(', ')}`);
  writeFileSync(
    join(work, 'results.json'),
    `${JSON.stringify(
      results.map((r) => ({
        id: r.mutation.id,
        kind: r.mutation.kind,
        what: r.mutation.what,
        outcome: r.outcome ?? null,
        seconds: Number(r.seconds),
      })),
      null,
      2,
    )}\n`,
  );
  process.exitCode = survivors.length || broken.length ? 1 : 0;
}

try {
  main();
} catch (error) {
  restore();
  console.error(`test:mutations: ${error.message}`);
  process.exitCode = 2;
}
