import type { BenchResults, Goal } from './results.js';

type Sections = Omit<BenchResults, 'meta' | 'goals'>;

function atMost(name: string, figure: string, value: number | null, limit: number, label: string): Goal {
  return { name, figure, target: `<= ${label}`, value, met: value === null ? null : value <= limit };
}

function atLeast(name: string, figure: string, value: number | null, limit: number): Goal {
  return { name, figure, target: `>= ${limit}`, value, met: value === null ? null : value >= limit };
}

function zero(name: string, figure: string, value: number): Goal {
  return { name, figure, target: '= 0', value, met: value === 0 };
}

/** Of the credit-limited minimum, single process (issue 19). */
export const BULK_EFFICIENCY_GOAL = 0.97;
/** Of the credit-limited minimum, several processes sharing one Redis budget (issue 19). */
export const DISTRIBUTED_EFFICIENCY_GOAL = 0.9;

/** The issues' goals, each judged on a ratio from this one run. */
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
    goals.push(
      atLeast('bulk efficiency (ours)', 'bulk.efficiency', r.bulk.efficiency, BULK_EFFICIENCY_GOAL),
      zero('bulk: no failed operation (ours)', 'bulk.failedOperations.ours', r.bulk.failedOperations.ours),
    );
  }
  if (r.distributed) {
    const d = r.distributed;
    goals.push(
      atLeast(
        `distributed efficiency (${d.processes} processes, shared Redis budget)`,
        'distributed.efficiency',
        d.efficiency,
        DISTRIBUTED_EFFICIENCY_GOAL,
      ),
      zero(
        'distributed: no 429 (shared Redis budget)',
        'distributed.rateLimited429.sharedRedis',
        d.rateLimited429.sharedRedis,
      ),
      zero(
        'distributed: no failed operation (shared Redis budget)',
        'distributed.failedOperations.sharedRedis',
        d.failedOperations.sharedRedis,
      ),
    );
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
