import { parseArgs } from 'node:util';

export const SECTIONS = ['coldStart', 'bundle', 'cpuPerRequest', 'bulk', 'distributed', 'scaling', 'generate'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  readonly quick: boolean;
  readonly out: string | undefined;
  readonly spec: string | undefined;
  readonly only: readonly Section[];
  readonly help: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--out <file>] [--spec <file>] [--only <section,...>]

  --quick   a smoke run (few repetitions, 100 notes): same code paths, figures not meaningful
  --out     where to write the results (default: bench-results.json at the repository root)
  --spec    the pinned spec file for the generation benchmark (default: MIRO_SPEC_SOURCE, else .spec-cache)
  --only    run only these sections: ${SECTIONS.join(', ')} (the results file then lacks the others)

  distributed needs Redis (REDIS_URL, default redis://127.0.0.1:6379); scaling needs every published
  spec version pinned in spec/test-specs.json (.spec-cache from pnpm spec:fetch, or MIRO_SPEC_DIR).`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      spec: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [...SECTIONS];
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown --only section ${unknown.join(', ')} (expected ${SECTIONS.join(', ')})`);
  return {
    quick: values.quick ?? false,
    out: values.out,
    spec: values.spec,
    only: only as Section[],
    help: values.help ?? false,
  };
}
