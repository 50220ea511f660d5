#!/usr/bin/env node
import { load } from './load.mjs';

const { main } = await load('update');
process.exitCode = await main(process.argv.slice(2));
