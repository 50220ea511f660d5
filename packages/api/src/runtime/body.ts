import type { MultipartPartDescriptor, ResolvedOperation } from './operation.js';
import { isBinaryLike, prepareUpload } from './upload.js';

export interface EncodedBody {
  readonly body: string | FormData | undefined;
  /** Undefined for multipart: fetch sets the type with its boundary. */
  readonly contentType: string | undefined;
  /** What the logger shows in place of the body. */
  readonly summary: unknown;
}

const NO_BODY: EncodedBody = { body: undefined, contentType: undefined, summary: undefined };

/**
 * Encodes the request body once per call; the result can be sent again on a retry. Synchronous
 * except for multipart bodies (uploads may have to read a stream), so plain calls skip an await.
 */
export function encodeBody(op: ResolvedOperation, body: unknown): EncodedBody | Promise<EncodedBody> {
  const descriptor = op.body;
  if (body === undefined || body === null) {
    if (descriptor?.required) throw new TypeError(`${op.methodName}: a request body is required`);
    return NO_BODY;
  }
  if (!descriptor) throw new TypeError(`${op.methodName}: this operation takes no request body`);
  if (descriptor.kind === 'multipart') return encodeMultipart(op, body, descriptor.parts ?? []);
  return { body: JSON.stringify(body), contentType: descriptor.contentType, summary: body };
}

async function encodeMultipart(
  op: ResolvedOperation,
  body: unknown,
  parts: readonly MultipartPartDescriptor[],
): Promise<EncodedBody> {
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new TypeError(`${op.methodName}: a multipart body must be an object keyed by part name`);
  }
  const values = body as Record<string, unknown>;
  const form = new FormData();
  const summary: Record<string, unknown> = {};
  const declared = new Map(parts.map((part) => [part.name, part]));
  for (const part of parts) {
    if (part.required && (values[part.name] === undefined || values[part.name] === null)) {
      throw new TypeError(`${op.methodName}: multipart part "${part.name}" is required`);
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    const declaredKind = declared.get(name)?.kind;
    // An array part (e.g. several `resources` files) repeats the part name once per element.
    const elements: unknown[] = Array.isArray(value) && declaredKind !== 'json' ? value : [value];
    const shown: unknown[] = [];
    for (const element of elements) {
      shown.push(await appendPart(form, name, element, partKind(declaredKind, element)));
    }
    summary[name] = elements === value ? shown : shown[0];
  }
  return { body: form, contentType: undefined, summary };
}

type PartKind = MultipartPartDescriptor['kind'];

/**
 * A declared `file` part is always a file (it may be an `UploadFile` wrapper); binary content is
 * a file whatever the declaration says; otherwise the declaration, else objects are JSON.
 */
function partKind(declared: PartKind | undefined, value: unknown): PartKind {
  if (declared === 'file' || isBinaryLike(value)) return 'file';
  if (declared) return declared;
  return typeof value === 'object' && value !== null ? 'json' : 'text';
}

/** Appends one part; returns what the logger shows for it. */
async function appendPart(form: FormData, name: string, value: unknown, kind: PartKind): Promise<unknown> {
  if (kind === 'file') {
    const { blob, filename } = await prepareUpload(value, name);
    form.append(name, blob, filename);
    return `[file ${filename}, ${blob.size} bytes]`;
  }
  if (kind === 'json') {
    form.append(name, new Blob([JSON.stringify(value)], { type: 'application/json' }));
    return value;
  }
  form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  return value;
}
