import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SpecError } from './errors.js';
import { DEFAULT_OUT, generate, loadSpec, TARGETS, type Target } from './pipeline.js';

const USAGE = `Usage: miro-generate [--spec <path|url>] [--out <dir>] [--target api|mock] [--check] [--timings]

  --spec     generate from this spec (any Miro spec version; not checked against spec/pin.json).
             Without it: MIRO_SPEC_SOURCE, else .spec-cache/, MIRO_SPEC_DIR or the pinned URL;
             refused unless its sha256 matches the pin.
  --out      output folder (with one --target) or parent of <out>/api and <out>/mock. Default: the
             packages' src/generated folders.
  --target   generate only @miro/api (api) or only @miro/mock's handlers (mock). Default: both.
  --check    only check that the spec in use matches the pin, overlays apply and the spec is valid.
  --dump-spec  print the spec in use, with the overlays applied, as JSON (for other validators).
  --timings  print how long each stage took.`;

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        target: { type: 'string', multiple: true },
        check: { type: 'boolean', default: false },
        'dump-spec': { type: 'boolean', default: false },
        timings: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`miro-generate: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const targets = (values.target ?? [...TARGETS]) as Target[];
  const unknown = targets.filter((t) => !TARGETS.includes(t));
  if (unknown.length) {
    process.stderr.write(`miro-generate: unknown --target ${unknown.join(', ')} (expected ${TARGETS.join(' or ')})\n`);
    return 2;
  }
  const timings: string[] = [];
  const onStage = (stage: string, ms: number): void => void timings.push(`${stage} ${ms.toFixed(0)} ms`);
  const started = performance.now();
  try {
    if (values['dump-spec']) {
      const loaded = await loadSpec(values.spec ? { spec: values.spec } : {});
      process.stdout.write(`${JSON.stringify(loaded.spec, null, 2)}\n`);
      return 0;
    }
    if (values.check) {
      const loaded = await loadSpec({ ...(values.spec ? { spec: values.spec } : {}), onStage });
      const stale = loaded.overlays.filter((o) => o.matched === 0);
      process.stdout.write(
        `spec ${loaded.location} matches${values.spec ? '' : ' the pin'} (sha256 ${loaded.sha256})\n`,
      );
      for (const o of stale) process.stdout.write(`note: overlay ${o.overlay} action on ${o.target} matched nothing\n`);
      return 0;
    }
    const out = values.out ? resolve(values.out) : undefined;
    const outs = Object.fromEntries(
      targets.map((t) => [t, out ? (targets.length === 1 ? out : resolve(out, t)) : DEFAULT_OUT[t]]),
    ) as Record<Target, string>;
    const result = await generate({ ...(values.spec ? { spec: values.spec } : {}), targets, out: outs, onStage });
    const total = performance.now() - started;
    for (const [dir, files] of Object.entries(result.written)) {
      process.stdout.write(
        `miro-generate: ${result.ir.operations.length} operations, ${result.ir.schemas.length} schemas -> ${dir} (${files.length} files)\n`,
      );
    }
    if (values.timings) process.stdout.write(`miro-generate: ${timings.join(', ')}; total ${total.toFixed(0)} ms\n`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      process.stderr.write(`miro-generate: ${error.message}\n${values.check ? '' : 'Nothing was written.\n'}`);
      return 1;
    }
    throw error;
  }
}
