import { describe, expect, it } from 'vitest';
import { readBody } from './body.js';
import { fixtureValidators, operation } from './test-fixture.js';

const validators = fixtureValidators();

const post = (body: BodyInit | undefined, headers: Record<string, string> = {}): Request =>
  new Request('https://api.miro.com/things', { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });

describe('JSON bodies', () => {
  const op = operation({
    operationId: 'drawShape',
    method: 'POST',
    body: {
      kind: 'json',
      contentType: 'application/json',
      required: true,
      schema: { $ref: 'miro#/definitions/Shape' },
    },
  });

  it('accepts a valid body sent as application/json with a charset', async () => {
    const result = await readBody(
      op,
      post('{"kind":"square","side":2}', { 'content-type': 'application/json; charset=utf-8' }),
      validators,
    );
    expect(result).toEqual({ ok: true, value: { kind: 'square', side: 2 } });
  });

  it('explains a union failure by the closest variant', async () => {
    const result = await readBody(
      op,
      post('{"kind":"square","side":"2"}', { 'content-type': 'application/json' }),
      validators,
    );
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'body.side: expected number, got string "2" (body matches none of the allowed shapes; closest is shape 2 of 2 (Square))',
    ]);
  });

  it('gives 415 for another content type and for none', async () => {
    expect(await readBody(op, post('{}', { 'content-type': 'text/plain' }), validators)).toEqual({
      ok: false,
      status: 415,
      problems: [
        { field: 'header Content-Type', message: 'header Content-Type: expected application/json, got text/plain' },
      ],
    });
    const untyped = new Request('https://api.miro.com/things', { method: 'POST', body: new Uint8Array([123, 125]) });
    expect(await readBody(op, untyped, validators)).toMatchObject({
      status: 415,
      problems: [{ message: 'header Content-Type: expected application/json, got none' }],
    });
  });

  it('accepts an absent optional body', async () => {
    const optional = operation({ ...op, operationId: 'maybeDraw', body: { ...op.body!, required: false } });
    expect(await readBody(optional, post(undefined), validators)).toEqual({ ok: true, value: undefined });
  });
});

describe('SCIM bodies', () => {
  it('need application/scim+json', async () => {
    const op = operation({
      operationId: 'createUser',
      method: 'POST',
      server: 'scim',
      body: { kind: 'scim', contentType: 'application/scim+json', required: true, schema: { type: 'object' } },
    });
    expect(await readBody(op, post('{}', { 'content-type': 'application/scim+json' }), validators)).toEqual({
      ok: true,
      value: {},
    });
    expect(await readBody(op, post('{}', { 'content-type': 'application/json' }), validators)).toMatchObject({
      status: 415,
    });
  });
});

describe('multipart bodies', () => {
  const op = operation({
    operationId: 'upload',
    method: 'POST',
    body: {
      kind: 'multipart',
      contentType: 'multipart/form-data',
      required: true,
      schema: { type: 'object' },
      parts: [
        { name: 'resource', kind: 'file', required: true, files: 'one', schema: { type: 'string', format: 'binary' } },
        {
          name: 'extras',
          kind: 'file',
          required: false,
          files: 'many',
          schema: { type: 'array', items: { type: 'string', format: 'binary' } },
        },
        {
          name: 'data',
          kind: 'json',
          required: false,
          files: null,
          schema: { type: 'object', properties: { title: { type: 'string' } } },
        },
        { name: 'count', kind: 'text', required: false, files: null, schema: { type: 'integer' } },
      ],
    },
  });
  const form = (fill: (f: FormData) => void): FormData => {
    const f = new FormData();
    fill(f);
    return f;
  };
  const read = async (f: FormData) => {
    const result = await readBody(op, post(f), validators);
    return result.ok ? result.value : result.problems.map((p) => p.message);
  };

  it('reads files, repeated file parts, JSON parts and coerced text parts', async () => {
    const value = await read(
      form((f) => {
        f.append('resource', new Blob(['abc'], { type: 'image/png' }), 'a.png');
        f.append('extras', new Blob(['1']), 'one.bin');
        f.append('extras', new Blob(['22']), 'two.bin');
        f.append('data', new Blob(['{"title":"T"}'], { type: 'application/json' }));
        f.append('count', '3');
      }),
    );
    expect(value).toEqual({
      resource: { file: 'a.png', type: 'image/png', size: 3 },
      extras: [
        { file: 'one.bin', type: 'application/octet-stream', size: 1 },
        { file: 'two.bin', type: 'application/octet-stream', size: 2 },
      ],
      data: { title: 'T' },
      count: 3,
    });
  });

  it('names a missing required part, an unknown part, a text field in place of a file, two files for one and bad JSON', async () => {
    expect(await read(form((f) => f.append('other', 'x')))).toEqual([
      'part other: is not a part of this upload; it takes resource, extras, data, count',
      'part resource: is required (a file)',
    ]);
    expect(await read(form((f) => f.append('resource', 'text')))).toEqual([
      'part resource: expected a file, got a text field (a part without a filename)',
    ]);
    expect(
      await read(
        form((f) => {
          f.append('resource', new Blob(['a']), 'a');
          f.append('resource', new Blob(['b']), 'b');
        }),
      ),
    ).toEqual(['part resource: expected one file, got 2 parts']);
    expect(
      await read(
        form((f) => {
          f.append('resource', new Blob(['a']), 'a');
          f.append('data', new Blob(['{"title":5}'], { type: 'application/json' }));
          f.append('count', 'many');
        }),
      ),
    ).toEqual(['part data.title: expected string, got number 5', 'part count: expected integer, got string "many"']);
    expect(
      await read(
        form((f) => {
          f.append('resource', new Blob(['a']), 'a');
          f.append('data', new Blob(['<xml/>'], { type: 'application/xml' }));
        }),
      ),
    ).toEqual(['part data: expected application/json content, got application/xml']);
  });

  it('needs the multipart boundary', async () => {
    const result = await readBody(op, post('--x--', { 'content-type': 'multipart/form-data' }), validators);
    expect(result).toMatchObject({
      status: 400,
      problems: [
        { message: 'header Content-Type: multipart/form-data needs a boundary parameter, got "multipart/form-data"' },
      ],
    });
  });
});
