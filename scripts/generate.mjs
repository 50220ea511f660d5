#!/usr/bin/env node
// `pnpm generate`: regenerate every package from the pinned spec through turbo (cached on the spec
// and the generator's sources). `pnpm generate --check`: only check the spec in use against the pin.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const command = args.includes('--check') ? ['miro-generate', '--check'] : ['turbo', 'run', 'generate', ...args];
const result = spawnSync('pnpm', ['exec', ...command], { stdio: 'inherit' });
process.exit(result.status ?? 1);
