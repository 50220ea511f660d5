import type { LinearFit, PerUnitCost } from './linearity.js';
import type { ReportRows } from './report-rows.js';
import type { ScalingResults } from './scaling-results.js';
import { fmt } from './table.js';

const joined = (values: readonly (number | string)[]): string => values.join(' / ');
const perUnit = (p: PerUnitCost | null): string => (p ? `spread ${fmt(p.spread * 100, 0)} %` : 'n/a');
const ms = (v: number): string => `${fmt(v, 0)} ms`;
const mibOfKib = (v: number): string => `${fmt(v / 1024, 1)} MiB`;
/** `slope unit + fixed cost, worst point n % off`. */
const line = (f: LinearFit | null, unit: string, fixed: (v: number) => string, digits = 2): string =>
  f
    ? `${fmt(f.slope, digits)} ${unit} + ${fixed(f.intercept)}, worst point ${fmt(f.maxRelativeResidual * 100, 0)} % off`
    : 'n/a';

export function renderScaling(out: ReportRows, s: ScalingResults): void {
  const sizes = s.bulk.sizes;
  out.row('scaling: bulk notes', joined(sizes.map((x) => x.notes)), '', '', undefined);
  out.row(
    'scaling: bulk wall, s',
    joined(sizes.map((x) => fmt(x.wallMs / 1000, 2))),
    '',
    `min ${joined(sizes.map((x) => fmt(x.theoreticalMinMs / 1000, 2)))}`,
    undefined,
  );
  out.growth(
    'scaling: bulk efficiency',
    joined(sizes.map((x) => `${fmt(x.efficiency, 3)}${x.creditLimited ? '' : '*'}`)),
    `wall per credit: ${perUnit(s.bulk.wallPerCredit)}`,
    s.bulk.wallPerCredit?.linear,
  );
  out.growth(
    'scaling: bulk CPU per request, us',
    joined(sizes.map((x) => fmt(x.cpuUsPerRequest, 0))),
    line(
      s.bulk.cpuVsRequests ? { ...s.bulk.cpuVsRequests, slope: s.bulk.cpuVsRequests.slope * 1000 } : null,
      'us/request',
      ms,
    ),
    s.bulk.cpuVsRequests?.linear,
  );
  out.growth(
    'scaling: bulk client peak RSS, MiB',
    joined(sizes.map((x) => fmt(x.clientMaxRssKb / 1024, 1))),
    line(s.bulk.clientRssVsNotes, 'KiB/note', mibOfKib),
    s.bulk.clientRssVsNotes?.linear,
  );
  out.growth(
    'scaling: bulk client live heap after GC, MiB',
    joined(sizes.map((x) => fmt(x.clientLiveHeapKb / 1024, 1))),
    line(s.bulk.clientLiveHeapVsNotes, 'KiB/note', mibOfKib, 3),
    s.bulk.clientLiveHeapVsNotes?.linear,
  );
  out.row(
    'scaling: bulk 429s / failed',
    joined(sizes.map((x) => `${x.rateLimited429}/${x.failedOperations}`)),
    '',
    '',
    undefined,
  );
  if (sizes.some((x) => !x.creditLimited)) {
    out.note(
      'scaling: * fits in one budget window, so the budget never waits: the run is bound by latency, not credits, and its ratio to the credit-limited minimum exceeds 1.',
    );
  }
  const v = s.specs.versions;
  out.row('scaling: spec version', joined(v.map((x) => x.version)), '', '', undefined);
  out.row('scaling: operations / schemas', joined(v.map((x) => `${x.operations}/${x.schemas}`)), '', '', undefined);
  out.growth(
    'scaling: generate (fresh process), ms',
    joined(v.map((x) => fmt(x.generateMs, 0))),
    line(s.specs.generateMsVsOperations, 'ms/op', ms),
    s.specs.generateMsVsOperations?.linear,
  );
  out.growth(
    'scaling: generate (fresh process) against schemas',
    '',
    line(s.specs.generateMsVsSchemas, 'ms/schema', ms),
    s.specs.generateMsVsSchemas?.linear,
  );
  out.row(
    'scaling: generate, in-process total, ms',
    joined(v.map((x) => fmt(x.generateInProcessMs, 0))),
    '',
    '',
    undefined,
  );
  out.growth(
    'scaling: generator peak RSS, MiB',
    joined(v.map((x) => fmt(x.generatorMaxRssKb / 1024, 0))),
    line(s.specs.generatorRssVsOperations, 'KiB/op', mibOfKib, 0),
    s.specs.generatorRssVsOperations?.linear,
  );
  out.growth(
    'scaling: client peak RSS, MiB',
    joined(v.map((x) => fmt(x.clientMaxRssKb / 1024, 1))),
    line(s.specs.clientRssVsOperations, 'KiB/op', mibOfKib, 1),
    s.specs.clientRssVsOperations?.linear,
  );
  out.note(
    `scaling: generation and client memory are medians of ${s.specs.repetitions} fresh processes per version; linear = every point within 15 % of the fitted line (the other column: slope + fixed cost), or for a cost per unit, every size within 15 % of the others.`,
  );
}
