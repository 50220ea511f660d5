import { MiroApiBase, operations, type OperationDescriptor } from '@miro/api';
import {
  contractOperations,
  contractSchemas,
  createContractHandlersFor,
  type ContractExchange,
  type ContractOperation,
  type JsonSchema,
} from '@miro/mock/msw';
import { setupServer } from 'msw/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOKEN, validCall } from './cases.js';
import { TrafficRecorder } from './harness/traffic.js';
import { loadDocument } from './oracle/document.js';
import { SpecOracle } from './oracle/spec-oracle.js';

/**
 * Proof that the independent oracle sees what the client and the mock get wrong together. Each
 * case simulates a mistake in reading the spec or building the IR by changing both sides alike:
 * the client's operation descriptor and the contract handlers' data (which is what a wrong IR
 * would emit into both). Our own contract handlers accept the request, as they must; the oracle,
 * which reads the overlaid spec document, refuses it and names the mistake.
 */

type Definitions = Record<string, JsonSchema>;

interface Mistake {
  readonly name: string;
  readonly methodName: keyof typeof operations;
  /** The same mistake in the client's descriptor and in the mock's contract data. */
  mutate(client: Mutable<OperationDescriptor>, mock: Mutable<ContractOperation>, definitions: Definitions): void;
  /** A request the wrong IR's client would send (default: a valid call per the wrong contract data). */
  body?: (definitions: Definitions) => unknown;
  /** What the oracle must say of the request, or (`answer`) of the answer. */
  readonly expected: RegExp;
  readonly answer?: boolean;
}

/** `T` with every level writable (a wrong IR's data is built by editing a copy of the right one). */
type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

const mistakes: Mistake[] = [
  {
    name: 'the HTTP method taken wrongly (PATCH read as PUT)',
    methodName: 'updateBoard',
    mutate(client, mock) {
      client.method = 'PUT';
      mock.method = 'PUT';
    },
    expected: /^PUT \/v2\/boards\/[^ ]+ is no operation in the spec, not update-board/,
  },
  {
    name: 'a path segment misread (sticky_notes as sticky-notes)',
    methodName: 'createStickyNoteItem',
    mutate(client, mock) {
      client.path = client.path.replace('sticky_notes', 'sticky-notes');
      mock.path = mock.path.replace('sticky_notes', 'sticky-notes');
    },
    expected: /is no operation in the spec, not create-sticky-note-item/,
  },
  {
    name: 'a query parameter wire name converted wrongly (copy_from sent as copyFrom)',
    methodName: 'copyBoard',
    mutate(client, mock) {
      for (const p of client.parameters ?? []) if (p.wireName === 'copy_from') p.wireName = 'copyFrom';
      for (const p of mock.parameters) if (p.wireName === 'copy_from') p.wireName = 'copyFrom';
    },
    expected: /query: must NOT have additional properties \{"additionalProperty":"copyFrom"\}/,
  },
  {
    name: 'a body property name misread (name as title)',
    methodName: 'createBoard',
    mutate(_client, _mock, definitions) {
      const changes = definitions.BoardChanges as { properties: Record<string, JsonSchema> };
      const { name, ...rest } = changes.properties;
      changes.properties = { ...rest, title: name! };
    },
    body: () => ({ title: 'Retro' }),
    expected: /requestBody: must NOT have additional properties \{"additionalProperty":"title"\}/,
  },
  {
    name: 'a multipart part name misread (resource as file)',
    methodName: 'createImageItemUsingLocalFile',
    mutate(client, mock) {
      for (const part of client.body?.parts ?? []) if (part.name === 'resource') part.name = 'file';
      for (const part of mock.body?.parts ?? []) if (part.name === 'resource') part.name = 'file';
    },
    expected: /part file: not a property of the body's schema/,
  },
  {
    name: 'a response property name misread (fillColor as fill_color)',
    methodName: 'getTag',
    mutate(_client, mock) {
      const tag = structuredClone(contractSchemas.definitions.TagWithLinks) as {
        properties: Record<string, JsonSchema>;
        required: string[];
      };
      const { fillColor, ...rest } = tag.properties;
      tag.properties = { ...rest, fill_color: fillColor! };
      tag.required = tag.required.map((name) => (name === 'fillColor' ? 'fill_color' : name));
      (mock.success as { schema: JsonSchema }).schema = tag;
      delete (mock.success as { example?: unknown }).example;
    },
    answer: true,
    expected: /^response body: must have required property 'fillColor'/m,
  },
  {
    name: 'the success status taken wrongly (201 read as 200)',
    methodName: 'createBoard',
    mutate(client, mock) {
      client.successStatus = 200;
      mock.success.status = 200;
    },
    answer: true,
    expected: /^create-board documents no 200 response$/m,
  },
];

/** A client whose one method calls the (wrong) descriptor it is given: what a wrong IR would generate. */
class ClientOfWrongIR extends MiroApiBase {
  call(op: OperationDescriptor, pathArgs: readonly string[], body: unknown, query: object | undefined) {
    return this.request(op, pathArgs, body, query, undefined);
  }
}

let oracle: SpecOracle;
beforeAll(async () => {
  oracle = SpecOracle.create(await loadDocument());
});

describe('the independent oracle fails a request our own contract handlers accept', () => {
  it.each(mistakes.map((m) => [m.name, m] as const))('%s', async (_name, mistake) => {
    const original = contractOperations.find((op) => op.methodName === mistake.methodName)!;
    const mock = structuredClone(original) as Mutable<ContractOperation>;
    const client = structuredClone(operations[mistake.methodName]) as Mutable<OperationDescriptor>;
    const definitions = structuredClone(contractSchemas.definitions) as Definitions;
    mistake.mutate(client, mock, definitions);

    const exchanges: ContractExchange[] = [];
    const server = setupServer(
      ...createContractHandlersFor(
        { operations: [mock], schemas: { ...contractSchemas, definitions } },
        { fallback: false, onResponse: (e) => exchanges.push(e) },
      ),
    );
    const traffic = new TrafficRecorder(server);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const call = validCall(mock, 'minimal');
      const body = mistake.body ? mistake.body(definitions) : call.body;
      const api = new ClientOfWrongIR({ accessToken: TOKEN, maxRetries: 0, budget: false });
      await api.call(client, call.pathArgs, body, call.query);

      expect(exchanges.map((e) => [e.operationId, e.accepted, e.problems])).toEqual([[mock.operationId, true, []]]);
      const [sent] = await traffic.take();
      const verdict = await oracle.checkRequest(sent!.request, original.operationId);
      if (mistake.answer) {
        expect(verdict.problems, 'the request itself keeps the spec').toEqual([]);
        expect(oracle.checkResponse(original.operationId, sent!.response!).join('\n')).toMatch(mistake.expected);
      } else expect(verdict.problems.join('\n')).toMatch(mistake.expected);
    } finally {
      server.close();
    }
  });
});
