import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkPublishedPackage } from '../../../packaging.shared.js';

/** Checks the built package (dist/), as published: run after `pnpm --filter @miro/api build`. */

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const dist = (file: string): string => join(pkgDir, 'dist', file);

describe('published package', () => {
  checkPublishedPackage(pkgDir, '@miro/api', ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']);

  it('bundles for the browser without pulling in a Node built-in', async () => {
    const builtins: string[] = [];
    const catchBuiltins: Plugin = {
      name: 'catch-node-builtins',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          const bare = args.path.replace(/^node:/, '').split('/')[0] ?? '';
          if (args.path.startsWith('node:') || builtinModules.includes(bare)) {
            builtins.push(`${args.path} (imported by ${args.importer})`);
            return { path: args.path, external: true };
          }
          return undefined;
        });
      },
    };
    const result = await build({
      entryPoints: [dist('index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [catchBuiltins],
    });
    expect(result.errors).toEqual([]);
    expect(builtins).toEqual([]);
    expect(result.outputFiles[0]?.text).toContain('MiroApiBase');
  });

  it('keeps instanceof across the ESM and the CJS copy of the package (one class identity)', async () => {
    type Api = { getSpecificBoard(id: string): Promise<unknown> };
    type Module = Record<string, new (...args: never[]) => unknown>;
    const esm = (await import(pathToFileURL(dist('index.js')).href)) as Module;
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as Module;
    expect(cjs['MiroNotFoundError']).not.toBe(esm['MiroNotFoundError']);
    const notFound = async () => Response.json({ code: 'notFound', message: 'gone' }, { status: 404 });
    const failure = (module: Module) => {
      const MiroApi = module['MiroApi'] as unknown as new (options: object) => Api;
      return new MiroApi({ accessToken: 'tok', fetch: notFound, budget: false }).getSpecificBoard('b1').catch((e) => e);
    };
    const fromCjs = await failure(cjs);
    const fromEsm = await failure(esm);
    for (const [error, other] of [
      [fromCjs, esm],
      [fromEsm, cjs],
    ] as const) {
      expect(error instanceof other['MiroNotFoundError']!).toBe(true);
      expect(error instanceof other['MiroApiError']!).toBe(true);
      expect(error instanceof other['MiroConflictError']!).toBe(false);
      expect(error instanceof other['MiroConnectionError']!).toBe(false);
    }
    const origin = { operationId: 'get-boards', method: 'GET', url: 'https://api.miro.com/v2/boards' };
    const TimeoutFromCjs = cjs['MiroTimeoutError'] as unknown as new (message: string, details: object) => Error;
    const timeout = new TimeoutFromCjs('late', origin);
    expect(timeout instanceof esm['MiroConnectionError']!).toBe(true);
    expect(timeout instanceof esm['MiroAbortError']!).toBe(false);
    expect(timeout.name).toBe('MiroTimeoutError');
    // A subclass of the user's own declares no brand: only its real instances are instances of it.
    const EsmNotFound = esm['MiroNotFoundError'] as unknown as new (message: string, details: object) => Error;
    class BoardGone extends EsmNotFound {}
    expect(fromCjs instanceof BoardGone).toBe(false);
    expect(new BoardGone('gone', origin) instanceof cjs['MiroNotFoundError']!).toBe(true);
  });

  it('loads from both the ESM and the CJS entry with the same public names', async () => {
    const esm = (await import(pathToFileURL(dist('index.js')).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(dist('index.cjs')) as Record<string, unknown>;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    for (const name of [
      'MiroApiBase',
      'MiroApiError',
      'MiroRateLimitError',
      'InMemoryCreditBudget',
      'redact',
      'PagedPromise',
    ]) {
      expect(typeof esm[name], name).toBe('function');
    }
  });
});
