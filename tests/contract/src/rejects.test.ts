import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contractOperations,
  hasSiblings,
  rawRequest,
  validCall,
  type ContractOperation,
  type ValidCall,
} from './cases.js';
import { contractSchemas, createContractHandlers, type JsonSchema } from '@miro/mock/msw';
import { documentOperations, isObject, loadDocument, resolveRef } from './oracle/document.js';

/**
 * Proof that the contract handlers can fail: for a spread of operations per kind of mistake, the
 * valid raw request is accepted, and the same request broken in one way is refused with the
 * expected status and a message that names the problem.
 */

const server = setupServer(...createContractHandlers());
const document = await loadDocument();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Refusal {
  readonly status: number;
  readonly message: string;
  readonly fields: string[];
}

async function send(url: string, init: RequestInit): Promise<Refusal> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { message?: string; context?: { fields?: { field: string }[] } }) : {};
  return {
    status: response.status,
    message: body.message ?? '',
    fields: (body.context?.fields ?? []).map((f) => f.field),
  };
}

/** `count` operations spread evenly over `ops` (sorted by method name), so samples differ in kind. */
function spread(ops: readonly ContractOperation[], count = 6): ContractOperation[] {
  if (ops.length <= count) return [...ops];
  return Array.from({ length: count }, (_, i) => ops[Math.floor((i * ops.length) / count)]!);
}

/** Checks the control: the unbroken request is accepted. */
async function expectAccepted(op: ContractOperation, call: ValidCall): Promise<void> {
  const { url, init } = rawRequest(op, call);
  const result = await send(url, init);
  expect(result.status, `${op.operationId}: the valid request should be accepted (${result.message})`).toBe(
    op.success.status,
  );
}

function sample(label: string, ops: ContractOperation[]): [string, ContractOperation][] {
  expect(new Set(ops).size, `at least 5 operations to ${label}`).toBeGreaterThanOrEqual(5);
  return ops.map((op) => [op.operationId, op]);
}

const withPath = contractOperations.filter((op) => op.parameters.some((p) => p.in === 'path'));
const withRequiredQuery = contractOperations.filter(
  (op) => !hasSiblings(op) && op.parameters.some((p) => p.in === 'query' && p.required),
);
const withJsonBody = contractOperations.filter((op) => op.body && op.body.kind !== 'multipart');

describe('a dropped required query parameter', () => {
  it.each(sample('drop a query parameter', spread(withRequiredQuery)))(
    '%s: 400 naming the parameter',
    async (_id, op) => {
      const call = validCall(op);
      await expectAccepted(op, call);
      const dropped = op.parameters.find((p) => p.in === 'query' && p.required)!;
      const { [dropped.name]: _gone, ...rest } = call.query!;
      const { url, init } = rawRequest(op, { ...call, query: rest });
      const result = await send(url, init);
      expect(result.status).toBe(400);
      expect(result.fields).toContain(`query parameter ${dropped.wireName}`);
      expect(result.message).toContain(`query parameter ${dropped.wireName}: is required`);
    },
  );
});

describe('a wrong path parameter', () => {
  /** The request URL with the first path parameter's encoded value replaced by `raw`. */
  function withRawPathValue(
    op: ContractOperation,
    call: ValidCall,
    raw: string,
  ): { url: string; init: RequestInit; wireName: string } {
    const { url, init } = rawRequest(op, call);
    const first = op.parameters.find((p) => p.in === 'path')!;
    const encoded = encodeURIComponent(call.pathArgs[0]!);
    const at = url.indexOf(`/${encoded}`, url.indexOf('//') + 2);
    return {
      url: `${url.slice(0, at + 1)}${raw}${url.slice(at + 1 + encoded.length)}`,
      init,
      wireName: first.wireName,
    };
  }

  it.each(sample('send an empty path segment', spread(withPath, 8)))(
    '%s: empty segment -> 400 naming the parameter',
    async (_id, op) => {
      const call = validCall(op);
      await expectAccepted(op, call);
      const { url, init, wireName } = withRawPathValue(op, call, '');
      const result = await send(url, init);
      expect(result.status).toBe(400);
      expect(result.message).toContain(`path parameter ${wireName}: is empty`);
    },
  );

  it.each(sample('send an unencoded character', spread(withPath, 8)))(
    '%s: unencoded "|" -> 400 naming the parameter and the escape',
    async (_id, op) => {
      const call = validCall(op);
      const { url, init, wireName } = withRawPathValue(op, call, 'a|b');
      const result = await send(url, init);
      expect(result.status).toBe(400);
      expect(result.message).toContain(
        `path parameter ${wireName}: is not percent-encoded (got "a|b"): "|" must be sent as %7C`,
      );
    },
  );

  it.each(sample('send an unencoded slash', spread(withPath, 8)))(
    '%s: unencoded "/" -> 400 saying the value spans segments',
    async (_id, op) => {
      const call = validCall(op);
      const { url, init } = withRawPathValue(op, call, 'a/b');
      const result = await send(url, init);
      expect(result.status).toBe(400);
      expect(result.fields.some((f) => f.startsWith('path parameter '))).toBe(true);
      expect(result.message).toContain(
        'got "a/b", which spans several path segments: a "/" inside a value must be sent as %2F',
      );
    },
  );

  it.each(sample('send a path that matches nothing', spread(contractOperations, 8)))(
    '%s: a path no operation has -> 404 naming the path',
    async (_id, op) => {
      const call = validCall(op);
      const { url, init } = rawRequest(op, call);
      const wrong = new URL(url);
      wrong.pathname = wrong.pathname.replace(
        /\/(v2(?:-experimental)?|Users|Groups|Schemas|ResourceTypes|ServiceProviderConfig)(?=\/|$)/,
        '/$1-nope',
      );
      const result = await send(wrong.href, init);
      expect(result.status).toBe(404);
      expect(result.message).toBe(`path: no operation of the spec matches ${op.method} ${wrong.pathname}`);
    },
  );
});

/** A path in `value` to a string whose schema is a plain string (no union on the way), if any. */
function stringLeaf(
  schema: JsonSchema,
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  const resolved = resolve(schema);
  if (typeof value === 'string') return resolved.type === 'string' && !resolved.enum ? path : undefined;
  if (Array.isArray(value) && resolved.type === 'array') {
    return value.length ? stringLeaf(resolved.items as JsonSchema, value[0], [...path, 0]) : undefined;
  }
  if (typeof value === 'object' && value !== null && resolved.type === 'object') {
    const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, child] of Object.entries(value)) {
      if (!properties[key]) continue;
      const found = stringLeaf(properties[key]!, child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

function resolve(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === 'string' ? resolve(contractSchemas.definitions[ref.slice(ref.lastIndexOf('/') + 1)]!) : schema;
}

function setAt(target: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(target) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const fieldName = (path: readonly (string | number)[]): string =>
  path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

describe('a body field of the wrong type', () => {
  const breakable = withJsonBody.filter((op) => stringLeaf(op.body!.schema, validCall(op).body));
  it.each(sample('break a body field', spread(breakable, 8)))(
    '%s: a number where a string belongs -> 400 naming the field',
    async (_id, op) => {
      const call = validCall(op);
      await expectAccepted(op, call);
      const leaf = stringLeaf(op.body!.schema, call.body)!;
      const { url, init } = rawRequest(op, { ...call, body: setAt(call.body, leaf, 12345) });
      const result = await send(url, init);
      expect(result.status).toBe(400);
      expect(result.message).toContain(`body${fieldName(leaf)}: expected string, got number 12345`);
    },
  );

  const multipart = contractOperations.filter(
    (op) => op.body?.kind === 'multipart' && op.body.parts?.some((p) => p.kind === 'json'),
  );
  it.each(
    sample(
      'break a multipart JSON part',
      multipart.length >= 5 ? multipart : [...multipart, ...spread(breakable, 5 - multipart.length)],
    ),
  )('%s: a wrong type inside a multipart JSON part (or body) -> 400 naming the field', async (_id, op) => {
    const call = validCall(op);
    await expectAccepted(op, call);
    const part = op.body!.parts?.find((p) => p.kind === 'json');
    const [where, schema, value] = part
      ? [`part ${part.name}`, part.schema, (call.body as Record<string, unknown>)[part.name]]
      : ['body', op.body!.schema, call.body];
    const leaf = stringLeaf(schema, value)!;
    const body = part
      ? { ...(call.body as object), [part.name]: setAt(value, leaf, 12345) }
      : setAt(value, leaf, 12345);
    const { url, init } = rawRequest(op, { ...call, body });
    const result = await send(url, init);
    expect(result.status).toBe(400);
    expect(result.message).toContain(`${where}${fieldName(leaf)}: expected string, got number 12345`);
  });
});

describe('missing or malformed auth', () => {
  it.each(sample('drop auth', spread(contractOperations, 8)))(
    '%s: no Authorization -> 401 naming the header',
    async (_id, op) => {
      const call = validCall(op);
      await expectAccepted(op, call);
      const { url, init } = rawRequest(op, call, null);
      const result = await send(url, init);
      expect(result.status).toBe(401);
      expect(result.message).toContain('header Authorization: is missing; expected "Bearer <access token>"');
    },
  );

  it.each(sample('send another auth scheme', spread(contractOperations.slice(3), 6)))(
    '%s: Basic credentials -> 401 naming the scheme',
    async (_id, op) => {
      const { url, init } = rawRequest(op, validCall(op), null);
      (init.headers as Headers).set('authorization', 'Basic dXNlcjpwYXNz');
      const result = await send(url, init);
      expect(result.status).toBe(401);
      expect(result.message).toContain(
        'header Authorization: expected "Bearer <access token>", got a value of the form "Basic ..."',
      );
    },
  );
});

describe('a wrong content type', () => {
  const json = withJsonBody.filter((op) => op.body!.kind === 'json');
  const scim = withJsonBody.filter((op) => op.body!.kind === 'scim');
  const cases = [...spread(json, 6), ...scim];
  it.each(sample('send a wrong content type', cases))(
    '%s: 415 naming the expected and the received type',
    async (_id, op) => {
      const call = validCall(op);
      await expectAccepted(op, call);
      const { url, init } = rawRequest(op, call);
      const wrong = op.body!.kind === 'scim' ? 'application/json' : 'text/plain';
      (init.headers as Headers).set('content-type', wrong);
      const result = await send(url, init);
      expect(result.status).toBe(415);
      expect(result.message).toContain(`header Content-Type: expected ${op.body!.contentType}, got ${wrong}`);
    },
  );
});

describe('a body property the spec does not declare', () => {
  const closed = withJsonBody.filter((op) => {
    const schema = resolve(op.body!.schema);
    const body = validCall(op).body;
    return (
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      schema.properties &&
      !schema.additionalProperties
    );
  });
  it.each(sample('add an unknown property', spread(closed, 8)))('%s: 400 naming the property', async (_id, op) => {
    const call = validCall(op);
    await expectAccepted(op, call);
    const { url, init } = rawRequest(op, { ...call, body: { ...(call.body as object), notInTheSpec: 1 } });
    const result = await send(url, init);
    expect(result.status).toBe(400);
    expect(result.message).toContain('body: unknown property "notInTheSpec"');
  });
});

describe('an Accept header that refuses the answer', () => {
  const answering = contractOperations.filter((op) => op.success.kind !== 'empty');
  it.each(sample('refuse the media type', spread(answering, 8)))('%s: 406 naming the media type', async (_id, op) => {
    const call = validCall(op);
    await expectAccepted(op, call);
    const { url, init } = rawRequest(op, call);
    (init.headers as Headers).set('accept', 'text/html');
    const result = await send(url, init);
    expect(result.status).toBe(406);
    expect(result.message).toContain(`header Accept: "text/html" does not admit ${op.success.contentType}`);
  });
});

describe('a body without a property the spec requires', () => {
  // Which properties are required is read from the document, not from the contract data: the
  // handlers must refuse what the spec refuses even where the generated data were to say less.
  const requiredBySpec = (op: ContractOperation): string[] => {
    const spec = documentOperations(document).find((o) => o.operationId === op.operationId);
    const body = spec && resolveRef(document, spec.operation.requestBody);
    const media = isObject(body) && isObject(body.content) ? body.content[op.body!.contentType] : undefined;
    const schema = isObject(media) ? resolveRef(document, media.schema) : undefined;
    return isObject(schema) && Array.isArray(schema.required) ? schema.required.map(String) : [];
  };
  const requiring = withJsonBody.filter((op) => {
    const body = validCall(op).body;
    return isPlainObject(body) && requiredBySpec(op).some((name) => name in body);
  });
  it.each(sample('drop a required property', spread(requiring, 8)))('%s: 400 naming the property', async (_id, op) => {
    const call = validCall(op);
    await expectAccepted(op, call);
    const body = call.body as Record<string, unknown>;
    const name = requiredBySpec(op).find((n) => n in body)!;
    const { [name]: _dropped, ...rest } = body;
    const { url, init } = rawRequest(op, { ...call, body: rest });
    const result = await send(url, init);
    expect(result.status).toBe(400);
    expect(result.message).toContain(`${fieldName(['body', name]).slice(1)}: required property is missing`);
  });
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
