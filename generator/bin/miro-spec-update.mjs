#!/usr/bin/env node
// Runs the spec update's TypeScript sources through tsx, so that it needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/update.ts');
process.exitCode = await main(process.argv.slice(2));
