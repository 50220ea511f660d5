#!/usr/bin/env node
import { load } from './load.mjs';

const { main } = await load('fetch-cli');
process.exitCode = await main();
