import { writeFileSync } from 'node:fs';
import { contractOperations } from '@miro/mock/msw';
import { documentOperations, isObject, resolveRef, type JsonObject } from '../oracle/document.js';
import { loadDocument } from '../oracle/document.js';
import { clearParts, readParts, REPORT_FILE, type CoveragePart, type SetFigure } from './coverage.js';

/** The suites whose parts make up the report: when all of them ran, every figure is at its total. */
export const COVERAGE_SUITES = ['every-operation', 'pagination', 'multipart'] as const;

/** Vitest global setup: clears the parts before the run, merges them into the report after it. */
export default function setup(): () => Promise<void> {
  clearParts();
  return writeReport;
}

interface Figure {
  readonly covered: number;
  readonly total: number;
  readonly missing: string[];
}

function figure(covered: Iterable<string>, all: readonly string[]): Figure {
  const seen = new Set(covered);
  const missing = all.filter((key) => !seen.has(key));
  return { covered: all.length - missing.length, total: all.length, missing };
}

/** The totals, from the document where it says them (operations, optional parameters, multipart bodies). */
export function totals(document: JsonObject): {
  operations: string[];
  optionalParameters: string[];
  paginated: string[];
  multipart: string[];
} {
  const operations = documentOperations(document);
  return {
    operations: operations.map((op) => op.operationId).sort(),
    optionalParameters: operations
      .flatMap((op) =>
        op.parameters
          .filter((p) => (p.in === 'query' || p.in === 'header') && p.required !== true)
          .map((p) => `${op.operationId} ${String(p.in)} ${String(p.name)}`),
      )
      .sort(),
    // The document has no word for pagination: which operations page is the generator's reading.
    paginated: contractOperations
      .filter((op) => op.pagination)
      .map((op) => op.operationId)
      .sort(),
    multipart: operations
      .filter((op) => {
        const body = resolveRef(document, op.operation.requestBody);
        return isObject(body) && isObject(body.content) && 'multipart/form-data' in body.content;
      })
      .map((op) => op.operationId)
      .sort(),
  };
}

async function writeReport(): Promise<void> {
  const parts = readParts();
  if (parts.size === 0) return;
  const all = totals(await loadDocument());
  const list = [...parts.values()];
  const covered = (figureName: SetFigure, all: readonly string[]): Figure =>
    figure(
      list.flatMap((part) => part[figureName]),
      all,
    );
  const sum = (pick: (part: CoveragePart) => number): number => list.reduce((total, part) => total + pick(part), 0);
  const complete = COVERAGE_SUITES.every((suite) => parts.has(suite));
  const report = {
    complete,
    suites: [...parts.keys()].sort(),
    operationsCalled: covered('operationsCalled', all.operations),
    optionalQueryParametersSent: covered('optionalParametersSent', all.optionalParameters),
    paginatedOperationsIteratedOverTwoPages: covered('paginatedIterated', all.paginated),
    multipartOperationsComparedPartByPart: covered('multipartCompared', all.multipart),
    requestsValidatedByOracle: {
      covered: sum((part) => part.requestsValidated),
      total: sum((part) => part.requestsSent),
      missing: [],
    },
  };
  writeFileSync(REPORT_FILE, `${JSON.stringify(report, null, 2)}\n`);
  // Each suite asserts its own share in a last test (a failure here would not fail the run:
  // vitest reports errors of a global teardown but exits 0); this only says where to look.
  const short = Object.entries(report).filter(
    ([, value]) => typeof value === 'object' && value !== null && 'total' in value && value.covered !== value.total,
  );
  if (complete && short.length) console.error(`contract coverage below its totals: see ${REPORT_FILE}`);
}
