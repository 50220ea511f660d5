import { MiroAuthError, MiroStorageError } from '../errors.js';

/**
 * Runs one store operation, turning driver failures into `MiroStorageError` that names the store,
 * the operation and the user, and failing after `timeoutMs` when the server does not answer.
 */
export async function storeOp<T>(store: string, what: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new MiroStorageError(store, `${what} got no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run(), timeout]);
  } catch (error) {
    if (error instanceof MiroAuthError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MiroStorageError(store, `${what} failed: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a stored state; the parser's message is dropped because it would quote the tokens. */
export function parseStoredState<T>(store: string, userId: string, json: string): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new MiroStorageError(store, `the stored value of user "${userId}" is not valid JSON`);
  }
}
