#!/usr/bin/env node
// Runs the generator's TypeScript sources through tsx, so that generating needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
