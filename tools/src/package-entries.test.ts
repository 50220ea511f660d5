import { describe, expect, it } from 'vitest';
import { entriesOf } from './package-entries.js';

describe('entriesOf', () => {
  it('reads a dual package with nested import/require conditions, leaving out package.json', () => {
    const manifest = {
      name: '@miro/auth',
      type: 'module' as const,
      exports: {
        '.': {
          import: { types: './dist/index.d.ts', default: './dist/index.js' },
          require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
        },
        './storage/sqlite': {
          import: { types: './dist/storage/sqlite.d.ts', default: './dist/storage/sqlite.js' },
          require: { types: './dist/storage/sqlite.d.cts', default: './dist/storage/sqlite.cjs' },
        },
        './package.json': './package.json',
      },
    };
    expect(entriesOf(manifest)).toEqual([
      { subpath: '.', specifier: '@miro/auth', esm: true, cjs: true },
      { subpath: './storage/sqlite', specifier: '@miro/auth/storage/sqlite', esm: true, cjs: true },
    ]);
  });

  it('says an ESM-only package offers no CommonJS entry, and finds it once it does', () => {
    const esmOnly = {
      name: '@miro/mock',
      type: 'module' as const,
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './msw': './dist/msw.js' },
    };
    expect(entriesOf(esmOnly)).toEqual([
      { subpath: '.', specifier: '@miro/mock', esm: true, cjs: false },
      { subpath: './msw', specifier: '@miro/mock/msw', esm: true, cjs: false },
    ]);
    const dual = {
      ...esmOnly,
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', require: './dist/index.cjs' } },
    };
    expect(entriesOf(dual)).toEqual([{ subpath: '.', specifier: '@miro/mock', esm: true, cjs: true }]);
  });

  it('judges a bare file by its extension and the package type, and falls back to main', () => {
    expect(entriesOf({ name: 'a', exports: './index.js' })).toEqual([
      { subpath: '.', specifier: 'a', esm: true, cjs: true },
    ]);
    expect(entriesOf({ name: 'b', type: 'module', exports: { default: './index.js' } })).toEqual([
      { subpath: '.', specifier: 'b', esm: true, cjs: false },
    ]);
    expect(entriesOf({ name: 'c', main: './lib/c.cjs' })).toEqual([
      { subpath: '.', specifier: 'c', esm: true, cjs: true },
    ]);
  });

  it('leaves out types-only and browser-only targets', () => {
    const manifest = {
      name: 'd',
      type: 'module' as const,
      exports: {
        '.': { types: './d.d.ts', browser: './d.browser.js', import: './d.js' },
        './types': { types: './t.d.ts' },
      },
    };
    expect(entriesOf(manifest)).toEqual([
      { subpath: '.', specifier: 'd', esm: true, cjs: false },
      { subpath: './types', specifier: 'd/types', esm: false, cjs: false },
    ]);
  });
});
