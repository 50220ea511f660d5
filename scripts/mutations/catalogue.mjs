// The planted mistakes of `pnpm test:mutations`: each one a small edit to the generator, the
// runtime or the generated output, with the suites that should catch it (cheapest first).
//
// An edit replaces `find` (a string, or a RegExp with `count` matches) in `file`; with `line`,
// only inside the one line that contains that text. A generator mutation regenerates the output
// before its suites run. Mutations of the generated output stand for generator mistakes where
// that is equivalent and cheaper (no regeneration): those marked "both sides" edit the client's
// table and the mock's data alike, as a wrong IR would.

const IR = 'generator/src/ir/operation.ts';
const OPS = 'packages/api/src/generated/operations.gen.ts';
const CLIENT = 'packages/api/src/generated/client.gen.ts';
const MOCK_OPS = 'packages/mock/src/generated/operations.gen.ts';
const RUNTIME = 'packages/api/src/runtime';

/** Named suites: a package folder and the test files to run there. */
export const SUITES = {
  contract: { dir: 'tests/contract', files: ['src/every-operation.test.ts'] },
  pagination: { dir: 'tests/contract', files: ['src/pagination.test.ts'] },
  multipart: { dir: 'tests/contract', files: ['src/multipart.test.ts'] },
  rejects: { dir: 'tests/contract', files: ['src/rejects.test.ts'] },
  types: { dir: 'tests/contract', files: ['src/types/type-oracle.test.ts'] },
  runtime: { dir: 'packages/api', files: ['src/runtime'] },
};

/**
 * @typedef {{ file: string, find: string | RegExp, replace: string, count?: number, line?: string }} Edit
 * @typedef {{ id: string, kind: 'generator' | 'runtime' | 'generated', what: string, edits: Edit[], suites: (keyof typeof SUITES)[], only?: string }} Mutation
 *
 * `only`: a mutation of one operation runs only that operation's tests (vitest `-t`) in its suites.
 */

/** @type {Mutation[]} */
export const MUTATIONS = [
  // The generator: read the spec wrongly, and both the client and the mock follow.
  {
    id: 'ir-method',
    kind: 'generator',
    what: 'an operation whose method is PATCH read as PUT',
    edits: [
      {
        file: IR,
        find: 'method: method.toUpperCase() as HttpMethod,',
        replace: "method: (method === 'patch' ? 'PUT' : method.toUpperCase()) as HttpMethod,",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-query-required',
    kind: 'generator',
    what: 'required query parameters read as optional',
    edits: [
      {
        file: IR,
        find: "required: location === 'path' || node.required === true,",
        replace: "required: location === 'path',",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-wire-name',
    kind: 'generator',
    what: "parameters sent under their camelCase name instead of the spec's",
    edits: [
      { file: IR, find: 'wireName: node.name as string,', replace: 'wireName: parameterNameOf(node.name as string),' },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-scim-server',
    kind: 'generator',
    what: 'SCIM operations placed on the REST API host',
    edits: [
      {
        file: IR,
        find: "if (/\\/scim\\/?$/.test(url)) return 'scim';",
        replace: "if (/\\/scim\\/?$/.test(url)) return 'api';",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-success-status',
    kind: 'generator',
    what: 'a 201 success read as 200',
    edits: [
      {
        file: IR,
        find: 'const status = Number(code);',
        replace: "const status = code === '201' ? 200 : Number(code);",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-path-trailing',
    kind: 'generator',
    what: "a path's last segment read without its final letter",
    edits: [
      {
        file: IR,
        find: "const path = specPath.replace(/\\?+$/, '');",
        replace: "const path = specPath.replace(/\\?+$/, '').replace(/([a-z])s$/, '$1');",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'ir-multipart-json-part',
    kind: 'generator',
    what: 'a JSON part of a multipart body read as a text field',
    edits: [
      {
        file: IR,
        find: "kind: isFile ? 'file' : isJson ? 'json' : 'text',",
        replace: "kind: isFile ? 'file' : 'text',",
      },
    ],
    suites: ['multipart'],
  },
  {
    id: 'ir-property-required',
    kind: 'generator',
    what: 'every object property read as optional',
    edits: [{ file: 'generator/src/ir/schema.ts', find: 'required: required.has(name),', replace: 'required: false,' }],
    suites: ['types'],
  },
  {
    id: 'ir-pagination',
    kind: 'generator',
    what: 'pagination not detected',
    edits: [
      {
        file: 'generator/src/ir/pagination.ts',
        find: 'if (!kind || !success.type) return null;',
        replace: 'if (kind || !success.type) return null;',
      },
    ],
    suites: ['pagination'],
  },
  {
    id: 'emit-body-required',
    kind: 'generator',
    what: "the mock's body schemas lose their required properties",
    edits: [
      {
        file: 'generator/src/emit/json-schema.ts',
        find: "if (p.required && !(mode === 'response' && p.writeOnly)) required.push(p.name);",
        replace: "if (p.required && mode === 'response') required.push(p.name);",
      },
    ],
    suites: ['rejects'],
  },

  // The runtime.
  {
    id: 'runtime-path-encoding',
    kind: 'runtime',
    what: 'path values not percent-encoded',
    edits: [
      {
        file: `${RUNTIME}/url.ts`,
        find: 'path += encodeURIComponent(value as string | number) + literals[i + 1];',
        replace: 'path += String(value) + literals[i + 1];',
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-query-wire-name',
    kind: 'runtime',
    what: 'query parameters sent under their TypeScript name',
    edits: [
      {
        file: `${RUNTIME}/url.ts`,
        find: 'const key = encodeURIComponent(param.wireName);',
        replace: 'const key = encodeURIComponent(param.name);',
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-array-explode',
    kind: 'runtime',
    what: 'arrays sent comma-joined where the spec repeats the parameter',
    edits: [
      {
        file: `${RUNTIME}/url.ts`,
        find: 'if (param.explode) return items.map((item) => `${key}=${encodeURIComponent(item)}`);',
        replace: '',
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-accept',
    kind: 'runtime',
    what: 'a wrong Accept header',
    edits: [
      {
        file: `${RUNTIME}/transport.ts`,
        find: "'application/scim+json, application/json' : 'application/json';",
        replace: "'application/scim+json, application/json' : 'text/html';",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-authorization',
    kind: 'runtime',
    what: 'the access token sent under another header',
    edits: [
      {
        file: `${RUNTIME}/transport.ts`,
        find: "headers['authorization'] = `Bearer ${token}`;",
        replace: "headers['x-authorization'] = `Bearer ${token}`;",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-json-content-type',
    kind: 'runtime',
    what: 'JSON bodies sent as text/plain',
    edits: [
      {
        file: `${RUNTIME}/body.ts`,
        find: 'return { body: JSON.stringify(body), contentType: descriptor.contentType, summary: body };',
        replace: "return { body: JSON.stringify(body), contentType: 'text/plain', summary: body };",
      },
    ],
    suites: ['contract'],
  },
  {
    id: 'runtime-json-part-as-text',
    kind: 'runtime',
    what: 'a JSON part of a multipart body sent as a text field',
    edits: [
      {
        file: `${RUNTIME}/body.ts`,
        find: "form.append(name, new Blob([JSON.stringify(value)], { type: 'application/json' }));",
        replace: 'form.append(name, JSON.stringify(value));',
      },
    ],
    suites: ['multipart'],
  },
  {
    id: 'runtime-optional-part-dropped',
    kind: 'runtime',
    what: 'optional multipart parts left out',
    edits: [
      {
        file: `${RUNTIME}/body.ts`,
        find: 'if (value === undefined || value === null) continue;',
        replace: 'if (value === undefined || value === null || !declared.get(name)?.required) continue;',
      },
    ],
    suites: ['multipart'],
  },
  {
    id: 'runtime-cursor-stops',
    kind: 'runtime',
    what: 'cursor pagination stops after the first page',
    edits: [
      {
        file: `${RUNTIME}/pagination.ts`,
        find: 'seen.add(cursor);\n      return { ...query, [pageKey]: cursor };',
        replace: 'seen.add(cursor);\n      return undefined;',
      },
    ],
    suites: ['pagination'],
  },
  {
    id: 'runtime-offset-skips',
    kind: 'runtime',
    what: 'offset pagination skips an item between pages',
    edits: [
      {
        file: `${RUNTIME}/pagination.ts`,
        find: 'const nextOffset = offset + count;',
        replace: 'const nextOffset = offset + count + 1;',
      },
    ],
    suites: ['pagination'],
  },

  // The generated output.
  {
    id: 'table-pagination-removed',
    kind: 'generated',
    what: "pagination metadata removed from every entry of the client's table",
    edits: [{ file: OPS, find: /,"pagination":\{[^}]*\}/g, replace: '', count: 31 }],
    suites: ['pagination'],
  },
  {
    id: 'table-method',
    kind: 'generated',
    what: "a wrong method in the client's table (updateBoard as PUT)",
    edits: [{ file: OPS, line: 'updateBoard: {', find: '"method":"PATCH"', replace: '"method":"PUT"' }],
    suites: ['contract'],
    only: 'updateBoard',
  },
  {
    id: 'client-path-args-swapped',
    kind: 'generated',
    what: 'two path arguments swapped in a generated method',
    edits: [
      {
        file: CLIENT,
        line: 'operations.deleteCardItem,',
        find: '[boardId, itemId]',
        replace: '[itemId, boardId]',
      },
    ],
    suites: ['contract'],
    only: 'deleteCardItem',
  },
  {
    id: 'table-scim-host',
    kind: 'generated',
    what: "SCIM operations sent to the REST API host (the client's table)",
    edits: [{ file: OPS, find: /"server":"scim"/g, replace: '"server":"api"', count: 14 }],
    suites: ['contract'],
  },
  {
    id: 'both-method',
    kind: 'generated',
    what: 'both sides: updateBoard as PUT in the client and in the mock',
    edits: [
      { file: OPS, line: 'updateBoard: {', find: '"method":"PATCH"', replace: '"method":"PUT"' },
      { file: MOCK_OPS, line: '"methodName":"updateBoard"', find: '"method":"PATCH"', replace: '"method":"PUT"' },
    ],
    suites: ['contract'],
    only: 'updateBoard',
  },
  {
    id: 'both-sibling-query-name',
    kind: 'generated',
    what: "both sides: an optional query parameter of a sibling operation misspelled (getItemsWithinFrame's type as typ)",
    edits: [
      {
        file: OPS,
        line: 'getItemsWithinFrame: {',
        find: '{"wireName":"type"}',
        replace: '{"wireName":"typ","name":"type"}',
      },
      {
        file: MOCK_OPS,
        line: '"methodName":"getItemsWithinFrame"',
        find: '{"wireName":"type","name":"type"',
        replace: '{"wireName":"typ","name":"type"',
      },
    ],
    suites: ['contract'],
    only: 'getItemsWithinFrame',
  },
  {
    id: 'both-pagination-mock',
    kind: 'generated',
    what: "the mock's data without pagination for getItems",
    edits: [
      {
        file: MOCK_OPS,
        line: '"methodName":"getItems"',
        find: /"pagination":\{[^}]*\}/,
        replace: '"pagination":null',
      },
    ],
    suites: ['pagination'],
  },
  {
    id: 'types-query-optional',
    kind: 'generated',
    what: 'a required query parameter optional in our types (copyBoard copyFrom)',
    edits: [
      {
        file: 'packages/api/src/generated/parameters.gen.ts',
        find: 'copyFrom: string;',
        replace: 'copyFrom?: string;',
      },
    ],
    suites: ['types'],
  },
  {
    id: 'types-body-property-removed',
    kind: 'generated',
    what: 'a required property removed from a request type (TagCreateRequest title)',
    edits: [
      {
        file: 'packages/api/src/generated/types.gen.ts',
        line: '  title: string;\n}\n\nexport interface TagUpdateRequest',
        find: '  title: string;\n',
        replace: '',
      },
    ],
    suites: ['types'],
  },
];
