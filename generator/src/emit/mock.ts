import type { ApiIR } from '../ir/types.js';
import type { EmitMeta, GeneratedFiles } from './index.js';

/** The generated part of `@miro/mock` (contract handlers); filled in by the mock emitter. */
export function emitMockFiles(ir: ApiIR, meta: EmitMeta): GeneratedFiles {
  void ir;
  void meta;
  return new Map();
}
