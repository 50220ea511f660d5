import type { ErrorObject } from 'ajv';
import type { JsonSchema } from './types.js';
import type { Validators } from './validators.js';

/** One way a request breaks the contract. */
export interface ContractProblem {
  /** What is wrong, by name: `header Authorization`, `query parameter limit`, `body.data.content`. */
  readonly field: string;
  /** A sentence that starts with the field and says what was expected and what came. */
  readonly message: string;
}

export function problem(field: string, message: string): ContractProblem {
  return { field, message: `${field}: ${message}` };
}

/** `string "abc"`, `number 4`, `an object`, `null`: how a received value is named in messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Turns a JSON pointer below `root` into `root.a.b[0].c`. */
export function fieldPath(root: string, instancePath: string): string {
  if (!instancePath) return root;
  let out = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(segment)
      ? `[${segment}]`
      : /^[A-Za-z_$][\w$]*$/.test(segment)
        ? `.${segment}`
        : `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The `Name` of a `{ $ref: 'miro#/definitions/Name' }` branch, for "closest is CardData". */
function refName(schema: unknown): string | undefined {
  const ref = (schema as { $ref?: unknown } | null)?.$ref;
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}

/**
 * Ajv's errors as problems. `field(instancePath)` names the place an error points at.
 *
 * A value that matches none of a union's variants is explained by the variant it comes closest to
 * (fewest problems): Ajv itself lists every variant's errors, which reads as a contradiction.
 */
export function problemsFromErrors(
  errors: readonly ErrorObject[],
  field: (instancePath: string) => string,
  validators: Validators,
): ContractProblem[] {
  const unions = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  const explained: string[] = [];
  const problems: ContractProblem[] = [];
  const inside = (path: string, parent: string): boolean => path === parent || path.startsWith(`${parent}/`);
  for (const union of unions) {
    if (explained.some((path) => inside(union.instancePath, path))) continue;
    explained.push(union.instancePath);
    problems.push(...explainUnion(union, field, validators));
  }
  for (const error of errors) {
    if (
      error.keyword === 'anyOf' ||
      error.keyword === 'oneOf' ||
      explained.some((path) => inside(error.instancePath, path))
    )
      continue;
    problems.push(fromError(error, field));
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.message) && seen.add(p.message));
}

function explainUnion(
  union: ErrorObject,
  field: (instancePath: string) => string,
  validators: Validators,
): ContractProblem[] {
  const branches = Array.isArray(union.schema) ? (union.schema as JsonSchema[]) : [];
  const where = field(union.instancePath);
  let best: { index: number; problems: ContractProblem[] } | undefined;
  branches.forEach((branch, index) => {
    const validate = validators.get(branch);
    if (validate(union.data)) return;
    // Problems of the branch, with paths relative to the union's value.
    const inner = problemsFromErrors(validate.errors ?? [], (path) => field(union.instancePath + path), validators);
    if (!best || inner.length < best.problems.length) best = { index, problems: inner };
  });
  if (!best) return [problem(where, 'matches none of the allowed shapes')];
  const { index, problems } = best;
  const name = refName(branches[index]);
  const closest = `shape ${index + 1} of ${branches.length}${name ? ` (${name})` : ''}`;
  if (problems.length === 0) return [problem(where, `matches none of the ${branches.length} allowed shapes`)];
  return problems.map((p) => ({
    field: p.field,
    message: `${p.message} (${where} matches none of the allowed shapes; closest is ${closest})`,
  }));
}

function fromError(error: ErrorObject, field: (instancePath: string) => string): ContractProblem {
  const where = field(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return problem(where, `expected ${String(params.type).replace(/,/g, ' or ')}, got ${describeValue(error.data)}`);
    case 'required': {
      const missing = String(params.missingProperty);
      return problem(
        fieldPath(where, `/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`),
        'required property is missing',
      );
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return problem(where, `expected one of ${allowed}, got ${describeValue(error.data)}`);
    }
    case 'format':
      return problem(where, `expected a ${String(params.format)} string, got ${describeValue(error.data)}`);
    case 'additionalProperties':
      return problem(where, `unknown property ${JSON.stringify(params.additionalProperty)}`);
    default:
      return problem(where, `${error.message ?? 'is invalid'}, got ${describeValue(error.data)}`);
  }
}
