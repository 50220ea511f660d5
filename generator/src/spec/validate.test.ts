import { afterEach, describe, expect, it } from 'vitest';
import { fixtureSpec, getReturning } from '../../test/fixture.js';
import { validateSpec, ValidatorThread } from './validate.js';

const valid = (path = '/v2/things') => fixtureSpec({ [path]: getReturning('get-things', { type: 'object' }) });
/** Passes our own checks, fails the OpenAPI validator (a response needs a description). */
const invalid = () =>
  fixtureSpec({ '/v2/things': { get: { operationId: 'get-things', responses: { '200': { content: {} } } } } });

describe('the OpenAPI validator thread', () => {
  const threads: ValidatorThread[] = [];
  const fresh = (): ValidatorThread => {
    const thread = new ValidatorThread();
    threads.push(thread);
    return thread;
  };
  afterEach(async () => {
    await Promise.all(threads.splice(0).map((t) => t.close()));
  });

  it('validates one spec after another, and several at once, on one thread', async () => {
    const thread = fresh();
    expect(thread.threadId).toBeUndefined();
    await validateSpec(valid(), 'first.json', thread);
    const first = thread.threadId;
    expect(first).toBeTypeOf('number');
    await expect(validateSpec(invalid(), 'second.json', thread)).rejects.toThrow(
      /^second\.json: OpenAPI validation failed: /,
    );
    await Promise.all([validateSpec(valid(), 'a.json', thread), validateSpec(valid(), 'b.json', thread)]);
    expect(thread.threadId).toBe(first);
  });

  it('gives a spec it has checked the same verdict again without asking the validator', async () => {
    const thread = fresh();
    await expect(validateSpec(invalid(), 'once.json', thread)).rejects.toThrow(/OpenAPI validation failed/);
    await thread.close();
    // The thread is gone: only a kept verdict can answer without starting a new one.
    await expect(validateSpec(invalid(), 'twice.json', thread)).rejects.toThrow(
      /^twice\.json: OpenAPI validation failed: /,
    );
    expect(thread.threadId).toBeUndefined();
    await validateSpec(valid('/v2/new'), 'new.json', thread);
    expect(thread.threadId).toBeTypeOf('number');
  });

  it('fails the validations in flight when the thread stops, and starts a new one for the next', async () => {
    const thread = fresh();
    await validateSpec(valid(), 'warm.json', thread);
    const first = thread.threadId;
    const inFlight = validateSpec(valid('/v2/other'), 'in-flight.json', thread);
    await thread.close();
    await expect(inFlight).rejects.toThrow(/the OpenAPI validator stopped \(exit code \d+\) without a verdict/);
    await validateSpec(valid('/v2/other'), 'after.json', thread);
    expect(thread.threadId).toBeTypeOf('number');
    expect(thread.threadId).not.toBe(first);
  });
});
