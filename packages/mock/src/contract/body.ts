import { fieldPath, problem, problemsFromErrors, type ContractProblem } from './problems.js';
import type { ContractBody, ContractOperation, ContractPart, JsonSchema } from './types.js';
import type { Validators } from './validators.js';

/** The outcome of reading a body: what was read, or why it was refused (415 or 400). */
export type BodyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly status: 400 | 415; readonly problems: ContractProblem[] };

/** A file part as the handler saw it. */
export interface ReceivedFile {
  readonly file: string;
  readonly type: string;
  readonly size: number;
}

const CONTENT_TYPE = 'header Content-Type';

/** `application/json` from `application/json; charset=utf-8`. */
export function mediaType(contentType: string | null): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/**
 * Reads and checks the body: present when required (and absent when the operation takes none),
 * sent with the spec's content type, and valid against the request schema; for multipart, each
 * declared part present when required, files as files, JSON parts parsed and validated.
 */
export async function readBody(op: ContractOperation, request: Request, validators: Validators): Promise<BodyResult> {
  const buffer = await request.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  const contentType = request.headers.get('content-type');
  const spec = op.body;
  if (!spec) {
    if (bytes.length === 0) return { ok: true, value: undefined };
    return refuse(400, problem('body', `${op.operationId} takes no request body, got ${bytes.length} bytes`));
  }
  if (bytes.length === 0) {
    if (!spec.required) return { ok: true, value: undefined };
    return refuse(400, problem('body', `is required (${spec.contentType})`));
  }
  const type = mediaType(contentType);
  if (type !== spec.contentType.toLowerCase()) {
    return refuse(415, problem(CONTENT_TYPE, `expected ${spec.contentType}, got ${type ?? 'none'}`));
  }
  if (spec.kind === 'multipart') return readMultipart(spec, buffer, contentType!, validators);

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return refuse(400, problem('body', `is not valid JSON (${(error as Error).message})`));
  }
  const validate = validators.get(spec.schema);
  if (!validate(value))
    return {
      ok: false,
      status: 400,
      problems: problemsFromErrors(validate.errors ?? [], (path) => fieldPath('body', path), validators),
    };
  return { ok: true, value };
}

function refuse(status: 400 | 415, ...problems: ContractProblem[]): BodyResult {
  return { ok: false, status, problems };
}

async function readMultipart(
  spec: ContractBody,
  bytes: ArrayBuffer,
  contentType: string,
  validators: Validators,
): Promise<BodyResult> {
  if (!/;\s*boundary=/i.test(contentType))
    return refuse(
      400,
      problem(CONTENT_TYPE, `multipart/form-data needs a boundary parameter, got ${JSON.stringify(contentType)}`),
    );
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    return refuse(400, problem('body', `is not valid multipart/form-data (${(error as Error).message})`));
  }
  const parts = spec.parts ?? [];
  const problems: ContractProblem[] = [];
  const value: Record<string, unknown> = {};
  const declared = new Set(parts.map((p) => p.name));
  for (const name of new Set(form.keys())) {
    if (!declared.has(name))
      problems.push(problem(`part ${name}`, `is not a part of this upload; it takes ${[...declared].join(', ')}`));
  }
  for (const part of parts) {
    const entries = form.getAll(part.name);
    if (entries.length === 0) {
      if (part.required) problems.push(problem(`part ${part.name}`, `is required (${partKind(part)})`));
      continue;
    }
    const read = await readPart(part, entries, validators);
    if ('problems' in read) problems.push(...read.problems);
    else value[part.name] = read.value;
  }
  return problems.length ? { ok: false, status: 400, problems } : { ok: true, value };
}

function partKind(part: ContractPart): string {
  if (part.files === 'one') return 'a file';
  if (part.files === 'many') return 'one or more files';
  return part.kind === 'json' ? 'JSON' : 'a text field';
}

type Entry = FormDataEntryValue;

async function readPart(
  part: ContractPart,
  entries: Entry[],
  validators: Validators,
): Promise<{ value: unknown } | { problems: ContractProblem[] }> {
  const label = `part ${part.name}`;
  if (part.files) {
    if (part.files === 'one' && entries.length > 1)
      return { problems: [problem(label, `expected one file, got ${entries.length} parts`)] };
    const texts = entries.filter((e) => typeof e === 'string');
    if (texts.length)
      return { problems: [problem(label, `expected ${partKind(part)}, got a text field (a part without a filename)`)] };
    const files = (entries as File[]).map((f): ReceivedFile => ({ file: f.name, type: f.type, size: f.size }));
    return { value: part.files === 'one' ? files[0] : files };
  }
  if (entries.length > 1) return { problems: [problem(label, `expected one part, got ${entries.length}`)] };
  const entry = entries[0]!;
  let text: string;
  if (typeof entry === 'string') text = entry;
  else {
    const type = mediaType(entry.type);
    if (part.kind === 'json' && type && type !== 'application/json' && type !== 'text/plain') {
      return { problems: [problem(label, `expected application/json content, got ${type}`)] };
    }
    text = await entry.text();
  }
  let value: unknown = text;
  if (part.kind === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { problems: [problem(label, `is not valid JSON (${(error as Error).message})`)] };
    }
  }
  const holder = { value };
  const validate = validators.get(holderSchema(part), part.kind === 'json' ? 'strict' : 'coercing');
  if (!validate(holder)) {
    return {
      problems: problemsFromErrors(
        validate.errors ?? [],
        (path) => fieldPath(label, path.replace(/^\/value/, '')),
        validators,
      ),
    };
  }
  return { value: holder.value };
}

const holders = new WeakMap<ContractPart, JsonSchema>();

/** The part's schema under `value`, so that coercion of a text part has a parent to write into. */
function holderSchema(part: ContractPart): JsonSchema {
  let schema = holders.get(part);
  if (!schema) holders.set(part, (schema = { type: 'object', properties: { value: part.schema } }));
  return schema;
}
