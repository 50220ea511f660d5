import type { ApiIR } from '../ir/types.js';
import type { TypeEnv } from './compare-types.js';
import { diffOperations } from './operations.js';
import { bumpOf } from './rules.js';
import { diffSchemas } from './schemas.js';
import type { ApiDiff } from './types.js';
import { usageOf } from './usage.js';

/** The API change between two IRs, classified for a TypeScript caller (rules in rules.ts). */
export function diffApi(oldIR: ApiIR, newIR: ApiIR): ApiDiff {
  const env: TypeEnv = {
    oldTypes: new Map(oldIR.schemas.map((s) => [s.name, s.type])),
    newTypes: new Map(newIR.schemas.map((s) => [s.name, s.type])),
  };
  const operations = diffOperations(env, oldIR.operations, newIR.operations);
  const schemas = diffSchemas(env, oldIR, newIR, usageOf(oldIR), usageOf(newIR));
  const changes = [...operations.changes, ...schemas.changes];
  return {
    operations: { added: operations.added, removed: operations.removed, renamed: operations.renamed },
    schemas: { added: schemas.added, removed: schemas.removed, renamed: schemas.renamed },
    changes,
    bump: bumpOf(changes),
  };
}
