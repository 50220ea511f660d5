import type { OperationIR, ParameterIR, TypeIR } from '../ir/types.js';
import { compareMembers, compareTypes, describe, type Finding, type TypeEnv } from './compare-types.js';
import { OPERATION_RULES, type OperationRule } from './rules.js';
import type { ApiChange, ChangeKind, OperationRef } from './types.js';

export interface OperationDiff {
  readonly added: OperationRef[];
  readonly removed: OperationRef[];
  readonly renamed: { from: OperationRef; to: OperationRef }[];
  readonly changes: ApiChange[];
}

export function refOf(op: OperationIR): OperationRef {
  return {
    operationId: op.operationId,
    methodName: op.methodName,
    method: op.method,
    path: op.path,
    summary: op.summary,
  };
}

/** `METHOD /path/{}`: placeholders blanked, since a renamed placeholder is the same endpoint. */
function endpointOf(op: OperationIR): string {
  return `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
}

/**
 * Matches operations by operationId; those left over that share method and path are renamed;
 * the rest are added or removed. Each matched pair is compared as its method's signature sees it.
 */
export function diffOperations(
  env: TypeEnv,
  oldOps: readonly OperationIR[],
  newOps: readonly OperationIR[],
): OperationDiff {
  const newById = new Map(newOps.map((o) => [o.operationId, o]));
  const oldIds = new Set(oldOps.map((o) => o.operationId));
  const pairs: [OperationIR, OperationIR][] = [];
  const unmatchedOld: OperationIR[] = [];
  for (const a of oldOps) {
    const b = newById.get(a.operationId);
    if (b) pairs.push([a, b]);
    else unmatchedOld.push(a);
  }
  const unmatchedNew = newOps.filter((o) => !oldIds.has(o.operationId));
  const renamed: { from: OperationRef; to: OperationRef }[] = [];
  const removedOps: OperationIR[] = [];
  for (const a of unmatchedOld) {
    const i = unmatchedNew.findIndex((b) => endpointOf(b) === endpointOf(a));
    if (i < 0) {
      removedOps.push(a);
      continue;
    }
    const b = unmatchedNew.splice(i, 1)[0]!;
    renamed.push({ from: refOf(a), to: refOf(b) });
    pairs.push([a, b]);
  }

  const changes: ApiChange[] = [];
  for (const a of removedOps) {
    changes.push({
      kind: 'operation-removed',
      severity: OPERATION_RULES['operation-removed'],
      where: a.methodName,
      operationId: a.operationId,
      message: `operation removed (\`${a.method} ${a.path}\`)`,
    });
  }
  for (const b of unmatchedNew) {
    changes.push({
      kind: 'operation-added',
      severity: OPERATION_RULES['operation-added'],
      where: b.methodName,
      operationId: b.operationId,
      message: `new operation \`${b.method} ${b.path}\``,
    });
  }
  for (const [a, b] of pairs) changes.push(...diffOperation(env, a, b));
  changes.sort((x, y) => (x.where < y.where ? -1 : x.where > y.where ? 1 : 0));
  return { added: unmatchedNew.map(refOf), removed: removedOps.map(refOf), renamed, changes };
}

/** The changes of one operation that kept its identity (same operationId, or same endpoint). */
export function diffOperation(env: TypeEnv, a: OperationIR, b: OperationIR): ApiChange[] {
  const m = b.methodName;
  const out: ApiChange[] = [];
  const op: OpEmit = (rule, message) => {
    out.push({
      kind: RULE_KIND[rule] ?? (rule as ChangeKind),
      severity: OPERATION_RULES[rule],
      where: m,
      operationId: b.operationId,
      message,
    });
  };
  const findings = (prefix: string, list: readonly Finding[]): void => {
    for (const f of list)
      out.push({
        kind: f.kind,
        severity: f.severity,
        where: `${prefix}${f.where}`,
        operationId: b.operationId,
        message: f.message,
        ...(f.note ? { note: f.note } : {}),
      });
  };

  if (a.operationId !== b.operationId) {
    if (a.methodName !== b.methodName)
      op(
        'operation-renamed',
        `renamed from \`${a.methodName}\` (operationId \`${a.operationId}\` is now \`${b.operationId}\`)`,
      );
    else op('operation-id-changed', `operationId \`${a.operationId}\` is now \`${b.operationId}\` (same method name)`);
  }
  if (a.method !== b.method || a.path !== b.path || a.server !== b.server) {
    op(
      'operation-moved',
      `now \`${b.method} ${b.path}\`${b.server !== a.server ? ` on the ${b.server} server` : ''} (was \`${a.method} ${a.path}\`)`,
    );
  }
  if (!a.deprecated && b.deprecated) op('operation-deprecated', 'operation is deprecated');
  const scopes = (o: OperationIR): string => [...o.scopes].sort().join(', ');
  if (scopes(a) !== scopes(b))
    op('operation-metadata', `required scopes are now ${scopes(b) || 'none'} (were ${scopes(a) || 'none'})`);
  if (a.creditsPerItem !== b.creditsPerItem)
    op(
      'operation-metadata',
      `credits are now charged ${b.creditsPerItem ? 'per item' : 'per call'} (were ${a.creditsPerItem ? 'per item' : 'per call'})`,
    );
  if (a.rateLimitLevel !== b.rateLimitLevel)
    op(
      'operation-metadata',
      `rate-limit level is now ${b.rateLimitLevel ?? 'undocumented'} (was ${a.rateLimitLevel ?? 'undocumented'})`,
    );
  const errors = (o: OperationIR): string => o.errorStatuses.join(', ');
  if (errors(a) !== errors(b))
    op('operation-metadata', `documented error statuses are now ${errors(b) || 'none'} (were ${errors(a) || 'none'})`);

  diffPathParameters(a, b, op);

  const qa = a.parameters.filter((p) => p.in !== 'path');
  const qb = b.parameters.filter((p) => p.in !== 'path');
  if (!qa.length && qb.length) {
    op(
      'query-argument-added',
      `new \`query\` argument (before \`options\`) with ${qb.map((p) => `${p.name}${p.required ? '' : '?'}`).join(', ')}`,
    );
  } else {
    findings(`${m} query`, compareMembers(env, 'request', 'parameter', qa.map(member), qb.map(member)));
  }

  if (!a.body && b.body)
    op('body-added', `new ${b.body.required ? 'required' : 'optional'} request body (a new positional argument)`);
  else if (a.body && !b.body) op('body-removed', 'request body removed');
  else if (a.body && b.body) {
    if (!a.body.required && b.body.required) op('body-required', 'request body is now required');
    if (a.body.required && !b.body.required) op('body-optional', 'request body is now optional');
    if (a.body.contentType !== b.body.contentType)
      op('body-content-type', `request content type is now ${b.body.contentType} (was ${a.body.contentType})`);
    findings(`${m} body`, compareTypes(env, 'request', a.body.type, b.body.type));
  }

  diffResponse(env, a, b, op, (list) => findings(`${m} response`, list));

  if (!a.pagination && b.pagination)
    op('pagination-added', `now paged by ${b.pagination.kind}: the result can be walked with \`for await\``);
  else if (a.pagination && !b.pagination)
    op('pagination-removed', 'no longer paged: the result is no longer async-iterable');
  else if (a.pagination && b.pagination && a.pagination.kind !== b.pagination.kind)
    op('pagination-kind', `now paged by ${b.pagination.kind} (was ${a.pagination.kind})`);
  return out;
}

type OpEmit = (rule: OperationRule, message: string) => void;

/** Rules whose name is not the kind of change they report. */
const RULE_KIND: Partial<Record<OperationRule, ChangeKind>> = {
  'operation-id-changed': 'operation-renamed',
  'path-parameter-to-string': 'path-parameter-retyped',
  'path-parameter-to-number': 'path-parameter-retyped',
};

/**
 * Path parameters are positional arguments. With as many as before they are paired by position (a
 * new name in the same place is a rename); otherwise by name, and the arguments that appear or
 * disappear are reported.
 */
function diffPathParameters(a: OperationIR, b: OperationIR, op: OpEmit): void {
  const pa = a.parameters.filter((p) => p.in === 'path');
  const pb = b.parameters.filter((p) => p.in === 'path');
  const argType = (p: ParameterIR): string => (p.type.kind === 'number' ? 'string | number' : 'string');
  const pairs: [ParameterIR, ParameterIR, number][] = [];
  if (pa.length === pb.length) {
    pa.forEach((x, i) => pairs.push([x, pb[i]!, i]));
  } else {
    pb.forEach((y, i) => {
      const x = pa.find((p) => p.name === y.name);
      if (x) pairs.push([x, y, i]);
      else op('path-parameter-added', `new path parameter \`${y.name}\` (argument ${i + 1})`);
    });
    pa.forEach((x, i) => {
      if (!pb.some((p) => p.name === x.name))
        op('path-parameter-removed', `path parameter \`${x.name}\` removed (was argument ${i + 1})`);
    });
  }
  for (const [x, y, i] of pairs) {
    if (argType(x) !== argType(y)) {
      const kind = argType(y) === 'string' ? 'path-parameter-to-string' : 'path-parameter-to-number';
      op(kind, `path parameter \`${y.name}\` now takes ${argType(y)} (was ${argType(x)})`);
    }
    if (x.name !== y.name)
      op('path-parameter-renamed', `path parameter \`${x.name}\` is now \`${y.name}\` (argument ${i + 1})`);
  }
}

function diffResponse(
  env: TypeEnv,
  a: OperationIR,
  b: OperationIR,
  op: OpEmit,
  findings: (list: Finding[]) => void,
): void {
  const [ra, rb] = [a.success, b.success];
  if (ra.status !== rb.status) op('response-status', `success status is now ${rb.status} (was ${ra.status})`);
  const hasBody = (kind: string): boolean => kind !== 'empty';
  if (hasBody(ra.kind) && !hasBody(rb.kind))
    op(
      'response-body-removed',
      `response body removed: resolves to void (was ${ra.type ? describe(ra.type) : ra.kind})`,
    );
  else if (!hasBody(ra.kind) && hasBody(rb.kind))
    op('response-body-added', `now resolves to ${rb.type ? describe(rb.type) : rb.kind} (was void)`);
  else if (ra.kind !== rb.kind) op('response-kind', `response is now ${rb.kind} (was ${ra.kind})`);
  else if (ra.kind === 'json') findings(compareTypes(env, 'response', ra.type ?? UNKNOWN, rb.type ?? UNKNOWN));
}

const UNKNOWN: TypeIR = { kind: 'unknown' };

function member(p: ParameterIR): {
  name: string;
  type: TypeIR;
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
} {
  return {
    name: p.name,
    type: p.type,
    required: p.required,
    readOnly: false,
    writeOnly: false,
    deprecated: p.deprecated,
  };
}
