import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What the contract suites exercised. Each suite file records its part in
 * `.artifacts/contract-coverage/parts/<suite>.json`; after the run, the global teardown merges the
 * parts with the totals into `.artifacts/contract-coverage.json` (see `global-setup.ts`).
 */

/** `.artifacts/` of the repository; `MIRO_CONTRACT_ARTIFACTS` moves it (`pnpm test:mutations` does, to keep the real report). */
export const ARTIFACTS = process.env.MIRO_CONTRACT_ARTIFACTS
  ? `${process.env.MIRO_CONTRACT_ARTIFACTS.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../../../../.artifacts/', import.meta.url));
export const PARTS_DIR = `${ARTIFACTS}contract-coverage/parts/`;
export const REPORT_FILE = `${ARTIFACTS}contract-coverage.json`;

export interface CoveragePart {
  /** Operations called through the client and answered as that operation. */
  readonly operationsCalled: string[];
  /** `operationId in name` of each optional query or header parameter seen in a request the oracle checked. */
  readonly optionalParametersSent: string[];
  /** Paginated operations walked with `for await` over two pages or more. */
  readonly paginatedIterated: string[];
  /** Multipart operations whose parts were compared one by one with what was passed. */
  readonly multipartCompared: string[];
  /** Requests our client sent in the suite, and how many of them the independent oracle checked. */
  readonly requestsSent: number;
  readonly requestsValidated: number;
}

export type SetFigure = 'operationsCalled' | 'optionalParametersSent' | 'paginatedIterated' | 'multipartCompared';

export class CoverageRecorder {
  readonly #suite: string;
  readonly #sets: Record<SetFigure, Set<string>> = {
    operationsCalled: new Set(),
    optionalParametersSent: new Set(),
    paginatedIterated: new Set(),
    multipartCompared: new Set(),
  };
  requestsSent = 0;
  requestsValidated = 0;

  constructor(suite: string) {
    this.#suite = suite;
  }

  add(figure: SetFigure, key: string): void {
    this.#sets[figure].add(key);
  }

  has(figure: SetFigure, key: string): boolean {
    return this.#sets[figure].has(key);
  }

  write(): void {
    const part: CoveragePart = {
      operationsCalled: [...this.#sets.operationsCalled].sort(),
      optionalParametersSent: [...this.#sets.optionalParametersSent].sort(),
      paginatedIterated: [...this.#sets.paginatedIterated].sort(),
      multipartCompared: [...this.#sets.multipartCompared].sort(),
      requestsSent: this.requestsSent,
      requestsValidated: this.requestsValidated,
    };
    mkdirSync(PARTS_DIR, { recursive: true });
    writeFileSync(`${PARTS_DIR}${this.#suite}.json`, `${JSON.stringify(part, null, 2)}\n`);
  }
}

export function clearParts(): void {
  rmSync(PARTS_DIR, { recursive: true, force: true });
}

export function readParts(): Map<string, CoveragePart> {
  let files: string[];
  try {
    files = readdirSync(PARTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return new Map();
  }
  return new Map(
    files.map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(`${PARTS_DIR}${f}`, 'utf8')) as CoveragePart]),
  );
}
