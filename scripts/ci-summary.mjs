#!/usr/bin/env node
// Sums the JSON reports every package's vitest writes to .artifacts/vitest/ into one closing line,
// `N passed, N failed`. A package whose tests never reported (a build that broke first) counts as failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.artifacts', 'vitest');
// The packages pnpm-workspace.yaml lists: `dir` and `dir/*` patterns under `packages:`.
const workspaceYaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
const patterns = (/^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(workspaceYaml)?.[1] ?? '')
  .split('\n')
  .map((line) =>
    line
      .replace(/^\s*-\s*/, '')
      .replace(/^['"]|['"]$/g, '')
      .trim(),
  )
  .filter(Boolean);
const workspaceDirs = patterns.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((p) => join(parent, p)) : [];
});
const expected = workspaceDirs.filter((dir) => {
  const manifest = join(root, dir, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test;
});

let passed = 0;
let failed = 0;
for (const dir of expected) {
  const file = join(reports, `${basename(dir)}.json`);
  if (!existsSync(file)) {
    console.log(`ci-summary: ${dir} wrote no test report (its tests did not run)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
  console.log(`ci-summary: ${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
const exitCode = Number(process.argv[2] ?? 0);
if (exitCode !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
