/**
 * File content a multipart part accepts: a `Blob`/`File`, bytes (`Uint8Array`, Node `Buffer`,
 * `ArrayBuffer`), a web `ReadableStream`, or any async iterable of chunks (a Node readable stream,
 * detected structurally so nothing imports `node:stream`).
 */
export type UploadSource =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** An `UploadSource` with the filename and content type to send it under. */
export interface UploadFile {
  readonly data: UploadSource;
  readonly filename?: string;
  readonly contentType?: string;
}

/** What a multipart file part accepts (the generated body types use this name). */
export type Uploadable = UploadSource | UploadFile;

export interface PreparedUpload {
  readonly blob: Blob;
  readonly filename: string;
}

/**
 * Reads `input` into a Blob. Streams are read to the end once, here, so retries and the 401
 * refresh can resend the same bytes.
 */
export async function prepareUpload(input: unknown, fallbackName: string): Promise<PreparedUpload> {
  const wrapper = isUploadFile(input) ? input : undefined;
  const source: unknown = wrapper ? wrapper.data : input;
  const filename = wrapper?.filename ?? nameOf(source) ?? fallbackName;
  const type = wrapper?.contentType;
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return { blob: type && type !== source.type ? new Blob([source], { type }) : source, filename };
  }
  const options = { type: type ?? 'application/octet-stream' };
  if (source instanceof ArrayBuffer) return { blob: new Blob([source], options), filename };
  if (ArrayBuffer.isView(source)) return { blob: new Blob([copyBytes(source)], options), filename };
  if (isReadableStream(source)) return { blob: new Blob(await readStream(source), options), filename };
  if (isAsyncIterable(source)) return { blob: new Blob(await collect(source), options), filename };
  throw new TypeError(
    `multipart part "${fallbackName}": expected a Blob, File, Uint8Array/Buffer, ArrayBuffer, ReadableStream or async iterable of chunks, got ${typeName(source)}`,
  );
}

function isUploadFile(value: unknown): value is UploadFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    !(typeof Blob !== 'undefined' && value instanceof Blob) &&
    !ArrayBuffer.isView(value) &&
    !isAsyncIterable(value) &&
    !isReadableStream(value)
  );
}

/** `File.name`, or the basename of a Node `fs.ReadStream`'s `path`. */
function nameOf(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const record = source as { name?: unknown; path?: unknown };
  if (typeof record.name === 'string' && record.name !== '') return record.name;
  if (typeof record.path === 'string' && record.path !== '') return record.path.split(/[\\/]/).pop() || undefined;
  return undefined;
}

function isReadableStream(value: unknown): value is ReadableStream<Uint8Array> {
  return typeof value === 'object' && value !== null && typeof (value as ReadableStream).getReader === 'function';
}

/** Binary content recognisable without a declared part kind. */
export function isBinaryLike(value: unknown): boolean {
  return (
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    isReadableStream(value) ||
    isAsyncIterable(value)
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function'
  );
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<BlobPart[]> {
  const reader = stream.getReader();
  const parts: BlobPart[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return parts;
      parts.push(chunkPart(value, 'ReadableStream'));
    }
  } finally {
    reader.releaseLock();
  }
}

async function collect(iterable: AsyncIterable<unknown>): Promise<BlobPart[]> {
  const parts: BlobPart[] = [];
  for await (const chunk of iterable) parts.push(chunkPart(chunk, 'stream'));
  return parts;
}

function chunkPart(chunk: unknown, origin: string): BlobPart {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof ArrayBuffer) return chunk;
  if (ArrayBuffer.isView(chunk)) return copyBytes(chunk);
  throw new TypeError(`upload ${origin} yielded a ${typeName(chunk)} chunk; expected Uint8Array/Buffer or string`);
}

/** A plain ArrayBuffer-backed copy: Blob rejects views over SharedArrayBuffer, and Buffers share pools. */
function copyBytes(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(view.byteLength);
  bytes.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return bytes;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}
