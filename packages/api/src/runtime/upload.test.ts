import { Readable } from 'node:stream';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';
import type { Uploadable } from './upload.js';

const server = useMockServer();
const api = new TestApi({ accessToken: 'tok', budget: false });

interface ReceivedPart {
  type: string;
  filename: string | undefined;
  text: string;
}

/** Parses the multipart request on the server side, as Miro would. */
function captureUpload() {
  const received: { contentType: string | null; parts: Record<string, ReceivedPart> } = {
    contentType: null,
    parts: {},
  };
  server.use(
    http.post(`${API}/v2/boards/:id/images`, async ({ request }) => {
      received.contentType = request.headers.get('content-type');
      const form = await request.formData();
      for (const [name, value] of form.entries()) {
        received.parts[name] =
          typeof value === 'string'
            ? { type: 'text', filename: undefined, text: value }
            : { type: value.type, filename: value.name, text: await value.text() };
      }
      return HttpResponse.json({ id: 'img1' }, { status: 201 });
    }),
  );
  return received;
}

const data = { title: 'Logo', position: { x: 10, y: 20 } };

describe('multipart uploads', () => {
  it.each<[string, () => Uploadable, string]>([
    ['a File', () => new File(['PNGDATA'], 'logo.png', { type: 'image/png' }), 'logo.png'],
    ['a Blob', () => new Blob(['PNGDATA'], { type: 'image/png' }), 'resource'],
    ['a Buffer', () => Buffer.from('PNGDATA'), 'resource'],
    ['a Uint8Array', () => new TextEncoder().encode('PNGDATA'), 'resource'],
    ['a Node readable stream', () => Readable.from([Buffer.from('PNG'), Buffer.from('DATA')]), 'resource'],
    ['a web ReadableStream', () => new Blob(['PNGDATA']).stream(), 'resource'],
    [
      'an UploadFile wrapper',
      () => ({ data: Buffer.from('PNGDATA'), filename: 'x.png', contentType: 'image/png' }),
      'x.png',
    ],
  ])('sends %s as the file part and the data part as JSON', async (_label, make, filename) => {
    const received = captureUpload();
    await expect(api.call(ops.uploadImage, ['b1'], { data, resource: make() })).resolves.toEqual({ id: 'img1' });
    expect(received.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(received.parts['resource']).toMatchObject({ filename, text: 'PNGDATA' });
    expect(received.parts['data']?.type).toBe('application/json');
    expect(JSON.parse(received.parts['data']?.text ?? '')).toEqual(data);
  });

  it('resends the same bytes of a one-shot stream when retrying after a 429', async () => {
    const bodies: string[] = [];
    server.use(
      http.post(`${API}/v2/boards/:id/images`, async ({ request }) => {
        const file = (await request.formData()).get('resource') as File;
        bodies.push(await file.text());
        return bodies.length === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } })
          : HttpResponse.json({ id: 'img1' });
      }),
    );
    await api.call(ops.uploadImage, ['b1'], { resource: Readable.from([Buffer.from('ONCE')]) });
    expect(bodies).toEqual(['ONCE', 'ONCE']);
  });

  it('names the part when the file is of an unsupported type', async () => {
    await expect(api.call(ops.uploadImage, ['b1'], { resource: 42 })).rejects.toThrow(
      'multipart part "resource": expected a Blob',
    );
    await expect(api.call(ops.uploadImage, ['b1'], { data })).rejects.toThrow(
      'uploadImage: multipart part "resource" is required',
    );
  });
});
