#!/usr/bin/env node
// The CLI is compiled to dist/cli.js by `pnpm --filter @miro/mock build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('miro-mock: dist/cli.js is missing; build the package first (pnpm --filter @miro/mock build)\n');
  process.exit(1);
}
await import(entry.href);
