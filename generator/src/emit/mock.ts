import type { ApiIR } from '../ir/types.js';
import { header, type EmitMeta, type GeneratedFiles } from './index.js';
import { DEFINITIONS_ID, definitionsOf, formatsOf, modeVariants } from './json-schema.js';
import { contractOperation } from './mock-operations.js';

/**
 * The generated part of `@miro/mock`: data only (JSON Schemas and one descriptor per operation);
 * the hand-written handler factory in `src/contract` turns it into msw handlers.
 *
 * Written as plain text rather than through ts-morph: the files are two big literals, and building
 * them as strings keeps this target fast.
 */
export function emitMockFiles(ir: ApiIR, meta: EmitMeta): GeneratedFiles {
  const variants = modeVariants(ir);
  const definitions = definitionsOf(ir, variants);
  const operations = ir.operations.map((op) => contractOperation(op, ir, variants));
  const top = header(ir, meta);

  const schemas = [
    top,
    "import type { JsonSchema } from '../contract/types.js';",
    '',
    `/** The \`$id\` of the definitions document; references read \`${DEFINITIONS_ID}#/definitions/<Name>\`. */`,
    `export const DEFINITIONS_ID = ${JSON.stringify(DEFINITIONS_ID)};`,
    '',
    '/** Every named schema of the spec as JSON Schema (request/response variants where they differ). */',
    'export const definitions: Readonly<Record<string, JsonSchema>> = {',
    ...Object.entries(definitions).map(([name, schema]) => `  ${JSON.stringify(name)}: ${JSON.stringify(schema)},`),
    '};',
    '',
    '/** Every `format` the schemas use. */',
    `export const formats: readonly string[] = ${JSON.stringify(formatsOf([definitions, ...operations.flatMap(schemasOf)]))};`,
    '',
  ].join('\n');

  const table = [
    top,
    "import type { ContractOperation } from '../contract/types.js';",
    '',
    '/** The spec these handlers check requests against. */',
    `export const spec = ${JSON.stringify({ title: ir.title, version: ir.version, sha256: meta.sha256 })} as const;`,
    '',
    '/** One entry per operation, sorted by method name: what a request must look like and what to answer. */',
    'export const contractOperations: readonly ContractOperation[] = [',
    ...operations.map((op) => `  ${JSON.stringify(op)},`),
    '];',
    '',
  ].join('\n');

  return new Map([
    ['operations.gen.ts', table],
    ['schemas.gen.ts', schemas],
  ]);
}

/** The schemas of one descriptor (not its examples, which may hold any keys). */
function schemasOf(op: Record<string, unknown>): unknown[] {
  const body = op.body as { schema: unknown; parts?: { schema: unknown }[] } | null;
  return [
    ...(op.parameters as { schema: unknown }[]).map((p) => p.schema),
    body?.schema,
    ...(body?.parts ?? []).map((part) => part.schema),
    (op.success as { schema: unknown }).schema,
  ];
}
