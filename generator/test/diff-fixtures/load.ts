import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { buildIR } from '../../src/ir/build.js';
import type { ApiIR } from '../../src/ir/types.js';
import type { JsonObject } from '../../src/spec/load.js';
import { validateSpec } from '../../src/spec/validate.js';
import { fixtureSpec } from '../fixture.js';

export const DIFF_FIXTURES = dirname(fileURLToPath(import.meta.url));

interface Side {
  readonly paths: JsonObject | null;
  readonly schemas: JsonObject | null;
}

/** One fixture: two small specs, the old and the new, around one classification rule. */
export interface DiffFixture {
  readonly name: string;
  readonly old: JsonObject;
  readonly new: JsonObject;
}

export async function fixtureNames(): Promise<string[]> {
  return (await readdir(DIFF_FIXTURES))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export async function loadFixture(name: string): Promise<DiffFixture> {
  const doc = parseYaml(await readFile(join(DIFF_FIXTURES, `${name}.yaml`), 'utf8')) as { old: Side; new: Side };
  const spec = (side: Side): JsonObject => fixtureSpec(side.paths ?? {}, side.schemas ?? {});
  return { name, old: spec(doc.old), new: spec(doc.new) };
}

/** The IRs of both sides, each validated first as the pipeline would. */
export async function fixtureIRs(name: string): Promise<{ old: ApiIR; new: ApiIR }> {
  const fixture = await loadFixture(name);
  await validateSpec(structuredClone(fixture.old), `${name}.yaml#old`);
  await validateSpec(structuredClone(fixture.new), `${name}.yaml#new`);
  return { old: buildIR(fixture.old), new: buildIR(fixture.new) };
}
