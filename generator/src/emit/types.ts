import type { SourceFile } from './ts-morph.js';
import type { ApiIR, NamedSchema } from '../ir/types.js';
import {
  interfaceText,
  propertyDoc,
  propertyKey,
  typeAliasText,
  typeText,
  type TypeMode,
  type TypeTextContext,
} from './type-text.js';

/** Name of the request variant of a schema that has read-only fields. */
export function writeVariantNames(ir: ApiIR): Map<string, string> {
  const taken = new Set(ir.schemas.map((s) => s.name));
  const names = new Map<string, string>();
  for (const schema of ir.schemas) {
    if (!schema.hasReadOnly) continue;
    let name = `${schema.name}Write`;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    names.set(schema.name, name);
  }
  return names;
}

/** `types.gen.ts`: one exported type per schema, plus request variants without read-only fields. */
export function emitTypes(file: SourceFile, ir: ApiIR): void {
  const writeVariants = writeVariantNames(ir);
  file.addImportDeclaration({ isTypeOnly: true, namedImports: ['Uploadable'], moduleSpecifier: '../runtime/index.js' });
  file.addTypeAlias({
    name: 'DateTimeString',
    isExported: true,
    type: 'string',
    docs: ['An ISO 8601 date-time, as Miro sends it (`2024-05-01T12:00:00Z`).'],
  });
  const statements: string[] = [];
  for (const schema of ir.schemas) {
    statements.push(declaration(schema, schema.name, { mode: 'response', writeVariants, prefix: '' }));
    const writeName = writeVariants.get(schema.name);
    if (writeName)
      statements.push(
        declaration(
          schema,
          writeName,
          { mode: 'request', writeVariants, prefix: '' },
          `Request form of {@link ${schema.name}}: read-only fields left out.`,
        ),
      );
  }
  // One insertion for all declarations: ts-morph re-parses the file on every insertion.
  file.addStatements(statements);
}

function declaration(schema: NamedSchema, name: string, ctx: TypeTextContext, note?: string): string {
  const docs = [[schema.description, note].filter(Boolean).join('\n\n')].filter(Boolean);
  const type = schema.type;
  if (type.kind === 'object' && type.properties.length > 0 && !type.nullable) {
    const mode: TypeMode = ctx.mode;
    const props = type.properties.filter(
      (p) => !(mode === 'request' && p.readOnly) && !(mode === 'response' && p.writeOnly),
    );
    const members = props.map((p) => ({
      name: propertyKey(p.name),
      type: typeText(p.type, ctx, '  '),
      optional: !p.required,
      readonly: mode === 'response' && p.readOnly,
      docs: propertyDoc(p),
    }));
    return interfaceText(name, members, { docs, indexSignature: type.additionalProperties !== undefined });
  }
  return typeAliasText(name, typeText(type, ctx), docs);
}
