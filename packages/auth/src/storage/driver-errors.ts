import { createRequire } from 'node:module';
import { MiroAuthError, MiroConfigError, MiroStorageError } from '../errors.js';

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

/**
 * Fails at construction, naming the package to install, when an adapter that makes its own
 * connection cannot find its driver (an optional peer dependency, loaded only at first use).
 */
export function requireDriver(store: string, driver: string, types?: string): void {
  try {
    createRequire(import.meta.url).resolve(driver);
  } catch (error) {
    // Only a module that is not there; a runtime that may not look (Deno without --allow-read) checks at first use.
    if ((error as { code?: unknown })?.code !== 'MODULE_NOT_FOUND') return;
    const withTypes = types ? ` (with TypeScript also ${types})` : '';
    throw new MiroConfigError(
      `${store} token storage needs the "${driver}" package, which is not installed: run \`npm install ${driver}\`${withTypes}, or pass a client you made yourself`,
    );
  }
}
