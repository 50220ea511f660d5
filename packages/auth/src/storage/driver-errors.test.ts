import { describe, expect, it } from 'vitest';
import { MiroConfigError } from '../errors.js';
import { requireDriver } from './driver-errors.js';

describe('requireDriver', () => {
  it('passes when the driver is installed', () => {
    expect(() => requireDriver('PostgreSQL', 'pg', '@types/pg')).not.toThrow();
  });

  it('names the package to install when it is not', () => {
    const run = () => requireDriver('PostgreSQL', 'pg-driver-that-is-not-installed', '@types/pg');
    expect(run).toThrow(MiroConfigError);
    expect(run).toThrow(
      'PostgreSQL token storage needs the "pg-driver-that-is-not-installed" package, which is not installed: run `npm install pg-driver-that-is-not-installed` (with TypeScript also @types/pg), or pass a client you made yourself',
    );
  });
});
