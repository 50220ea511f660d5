import { SpecError, pointer } from '../errors.js';
import type { JsonObject, JsonValue } from '../spec/load.js';
import { typeNameOf } from './names.js';
import { HTTP_METHODS, buildOperation } from './operation.js';
import { toTypeIR, type SchemaContext } from './schema.js';
import type { ApiIR, NamedSchema, OperationIR, TypeIR } from './types.js';

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Builds the IR from a spec that has been loaded, overlaid and validated. */
export function buildIR(spec: JsonObject): ApiIR {
  const components = isObject(spec.components) ? spec.components : {};
  const rawSchemas = isObject(components.schemas) ? components.schemas : {};
  const typeNames = assignTypeNames(Object.keys(rawSchemas));
  const ctx: SchemaContext = { spec, typeNames };

  const types = new Map<string, TypeIR>();
  const schemas: NamedSchema[] = Object.keys(rawSchemas)
    .sort()
    .map((specName) => {
      const raw = rawSchemas[specName];
      const type = toTypeIR(ctx, raw, pointer('components', 'schemas', specName));
      const name = typeNames.get(specName)!;
      types.set(name, type);
      return {
        specName,
        name,
        type,
        description: isObject(raw) && typeof raw.description === 'string' ? raw.description : undefined,
        hasReadOnly: false,
      };
    });
  const readOnly = schemasWithReadOnly(types);
  const lookup = (name: string): TypeIR | undefined => types.get(name);

  const operations: OperationIR[] = [];
  const byId = new Map<string, string>();
  const byMethodName = new Map<string, string>();
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [specPath, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const at = pointer('paths', specPath, method);
      const op = buildOperation(ctx, { specPath, method, pathItem, operation }, lookup);
      const sameId = byId.get(op.operationId);
      if (sameId) throw new SpecError(`duplicate operationId "${op.operationId}" (also at ${sameId})`, at);
      byId.set(op.operationId, at);
      const sameName = byMethodName.get(op.methodName);
      if (sameName) {
        throw new SpecError(
          `operationId "${op.operationId}" gives method name "${op.methodName}", which ${sameName} already has`,
          at,
        );
      }
      byMethodName.set(op.methodName, `the operation at ${at}`);
      operations.push(op);
    }
  }
  operations.sort((a, b) => (a.methodName < b.methodName ? -1 : a.methodName > b.methodName ? 1 : 0));

  const info = isObject(spec.info) ? spec.info : {};
  return {
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : '',
    schemas: schemas.map((s) => ({ ...s, hasReadOnly: readOnly.has(s.name) })),
    operations,
  };
}

/** Gives every schema a unique TypeScript name, numbering clashes in sorted order so output is stable. */
function assignTypeNames(specNames: string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const specName of [...specNames].sort()) {
    const base = typeNameOf(specName);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    names.set(specName, name);
  }
  return names;
}

/** Names of schemas that have read-only properties themselves or through the schemas they reach. */
function schemasWithReadOnly(types: ReadonlyMap<string, TypeIR>): Set<string> {
  const direct = (t: TypeIR): boolean => {
    switch (t.kind) {
      case 'object':
        return t.properties.some((p) => p.readOnly || (p.type.kind !== 'ref' && direct(p.type)));
      case 'array':
        return t.items.kind !== 'ref' && direct(t.items);
      case 'union':
        return t.variants.some((v) => v.kind !== 'ref' && direct(v));
      case 'intersection':
        return t.parts.some((v) => v.kind !== 'ref' && direct(v));
      default:
        return false;
    }
  };
  const result = new Set([...types].filter(([, t]) => direct(t)).map(([n]) => n));
  // Propagate through refs until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, type] of types) {
      if (!result.has(name) && refsOf(type).some((r) => result.has(r))) {
        result.add(name);
        changed = true;
      }
    }
  }
  return result;
}

export function refsOf(type: TypeIR): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'object':
      return [
        ...type.properties.flatMap((p) => refsOf(p.type)),
        ...(type.additionalProperties && type.additionalProperties !== true ? refsOf(type.additionalProperties) : []),
      ];
    case 'array':
      return refsOf(type.items);
    case 'union':
      return type.variants.flatMap(refsOf);
    case 'intersection':
      return type.parts.flatMap(refsOf);
    default:
      return [];
  }
}
