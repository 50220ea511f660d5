#!/usr/bin/env node
import { load } from './load.mjs';

const { main } = await load('cli');
process.exitCode = await main(process.argv.slice(2));
