#!/usr/bin/env node
// `pnpm spec:validate:java`: a second opinion on the overlay-fixed spec from openapi-generator's
// `validate`, where Java and its JAR are available. Nothing in the build or CI depends on it: the JAR
// comes from Maven Central on first run, which machines without that network cannot reach.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const version = JSON.parse(readFileSync(join(root, 'openapitools.json'), 'utf8'))['generator-cli'].version;
const reason = (output) =>
  (output.match(/Download failed[^\n]*|ENOTFOUND[^\n]*|Error: [^\n]*/) ?? ['no reason given'])[0].trim();
const skip = (why) => {
  console.log(`spec:validate:java skipped: ${why}`);
  process.exit(0);
};

if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status !== 0)
  skip('no `java` on PATH (install a JRE 11+ to run it).');
const cli = spawnSync('pnpm', ['exec', 'openapi-generator-cli', 'version'], { cwd: root, encoding: 'utf8' });
if (cli.status !== 0) {
  skip(
    `openapi-generator-cli could not fetch or run openapi-generator ${version} (its JAR comes from Maven Central on first run)` +
      ` (${reason(`${cli.stdout}\n${cli.stderr}`)}).`,
  );
}

// Validate the spec exactly as the generator sees it: pinned, then overlaid.
const dump = spawnSync(process.execPath, [join(root, 'generator', 'bin', 'miro-generate.mjs'), '--dump-spec'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (dump.status !== 0) {
  console.error(dump.stderr);
  process.exit(dump.status ?? 1);
}
const file = join(mkdtempSync(join(tmpdir(), 'miro-spec-')), 'overlaid.json');
writeFileSync(file, dump.stdout);
const result = spawnSync('pnpm', ['exec', 'openapi-generator-cli', 'validate', '-i', file], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
