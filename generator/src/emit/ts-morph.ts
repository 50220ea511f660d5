import { createRequire } from 'node:module';

/**
 * ts-morph, loaded with `require`: importing its CommonJS build from ESM makes Node scan the
 * 12 MB TypeScript compiler for named exports on every run (~80 ms of a ~1 s generate).
 */
const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

export const { IndentationText, Project, QuoteKind, Scope, StructureKind, VariableDeclarationKind } = tsMorph;
export type {
  InterfaceDeclarationStructure,
  MethodDeclarationStructure,
  OptionalKind,
  SourceFile,
} from 'ts-morph';
