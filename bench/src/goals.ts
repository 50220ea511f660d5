import type { BenchResults, Goal } from './results.js';

type Sections = Omit<BenchResults, 'meta' | 'goals'>;

function atMost(name: string, figure: string, value: number | null, limit: number, label: string): Goal {
  return { name, figure, target: `<= ${label}`, value, met: value === null ? null : value <= limit };
}

/** The goals, each judged on a ratio from this one run. */
export function judgeGoals(r: Partial<Sections>): Goal[] {
  const goals: Goal[] = [];
  if (r.coldStart) {
    goals.push(
      atMost(
        'import overhead vs official',
        'coldStart.importOverheadRatio',
        r.coldStart.importOverheadRatio,
        1 / 3,
        '1/3',
      ),
    );
  }
  if (r.bundle)
    goals.push(atMost('bundle size vs official (gzip)', 'bundle.gzipRatio', r.bundle.gzipRatio, 0.1, '1/10'));
  if (r.cpuPerRequest) {
    for (const [scenario, value] of Object.entries(r.cpuPerRequest.vsRawFetch)) {
      goals.push(
        atMost(`CPU per request vs raw fetch (${scenario})`, `cpuPerRequest.vsRawFetch.${scenario}`, value, 1.1, '1.1'),
      );
    }
  }
  if (r.bulk) {
    const efficiency = r.bulk.efficiency;
    goals.push({
      name: 'bulk within 10% of the theoretical minimum',
      figure: 'bulk.efficiency',
      target: '>= 1/1.1 (0.909)',
      value: efficiency,
      met: efficiency === null ? null : efficiency >= 1 / 1.1,
    });
    const failed = r.bulk.failedOperations.ours;
    goals.push({
      name: 'bulk: no failed operation (ours)',
      figure: 'bulk.failedOperations.ours',
      target: '= 0',
      value: failed,
      met: failed === 0,
    });
  }
  if (r.generate) {
    goals.push(
      atMost(
        'generation vs openapi-typescript',
        'generate.ratioVsOpenapiTypescript',
        r.generate.ratioVsOpenapiTypescript,
        1,
        '1',
      ),
    );
  }
  return goals;
}
