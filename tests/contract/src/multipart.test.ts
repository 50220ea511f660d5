import { afterAll, describe, expect, it } from 'vitest';
import { contractOperations, methodArgs, type CallVariant } from './cases.js';
import { methodOf, startContractRun } from './harness/contract-run.js';

/**
 * Every multipart operation called with all its parts and with the required ones only; the body
 * as it went over the wire is parsed (by the platform's own multipart parser, not the mock's) and
 * compared part by part with what was passed: the same names and no others, each file with its
 * content type and exactly its bytes, each JSON part as application/json with the same value,
 * each text part with the same text. The independent oracle checks the parts against the spec.
 */

const run = await startContractRun('multipart');
afterAll(() => run.close());

const multipart = contractOperations.filter((op) => op.body?.kind === 'multipart');
const cases = multipart.flatMap((op) =>
  (['full', 'minimal'] as const).map((variant) => [op.methodName, variant, op] as const),
);

const bytesOf = async (blob: Blob): Promise<number[]> => [...new Uint8Array(await blob.arrayBuffer())];

describe('multipart bodies, part by part', () => {
  it('covers every multipart operation of the spec', () => {
    const bySpec = run.oracle.operations.filter((op) => {
      const body = op.operation.requestBody as { content?: Record<string, unknown> } | undefined;
      return body?.content?.['multipart/form-data'] !== undefined;
    });
    expect(multipart.map((op) => op.operationId).sort()).toEqual(bySpec.map((op) => op.operationId).sort());
  });

  it.each(cases)('%s (%s): every part arrives as passed', async (_name, variant: CallVariant, op) => {
    const call = run.validCall(op, variant);
    await methodOf(run.api, op)(...methodArgs(op, call));
    const [traffic, ...more] = await run.checkTraffic(op.operationId);
    expect(more).toEqual([]);
    const { request } = traffic!;
    const form = await new Response(request.body, { headers: request.headers }).formData();
    const passed = call.body as Record<string, unknown>;
    expect([...new Set(form.keys())].sort()).toEqual(Object.keys(passed).sort());

    for (const [name, value] of Object.entries(passed)) {
      const part = op.body!.parts!.find((p) => p.name === name)!;
      const entries = form.getAll(name);
      const sent = part.files === 'many' ? (value as Blob[]) : [value];
      expect(entries, `part ${name}: how many times`).toHaveLength(sent.length);
      for (const [i, expected] of sent.entries()) {
        const entry = entries[i]!;
        if (expected instanceof Blob) {
          expect(entry, `part ${name}: a file`).toBeInstanceOf(File);
          const file = entry as File;
          expect(file.name, `part ${name}: a file name`).not.toBe('');
          expect(file.type, `part ${name}: content type`).toBe(expected.type);
          expect(await bytesOf(file), `part ${name}: bytes`).toEqual(await bytesOf(expected));
        } else if (part.kind === 'json') {
          expect(entry, `part ${name}: a JSON part`).toBeInstanceOf(Blob);
          expect((entry as Blob).type).toBe('application/json');
          expect(JSON.parse(await (entry as Blob).text()), `part ${name}: value`).toEqual(expected);
        } else {
          expect(entry, `part ${name}: text`).toBe(String(expected));
        }
      }
    }
    if (variant === 'full') run.coverage.add('multipartCompared', op.operationId);
  });

  it('compared every multipart operation part by part, each request checked by the oracle', () => {
    expect(
      multipart.filter((op) => !run.coverage.has('multipartCompared', op.operationId)).map((op) => op.methodName),
    ).toEqual([]);
    expect(run.coverage.requestsValidated).toBe(run.coverage.requestsSent);
  });
});
