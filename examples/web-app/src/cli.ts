#!/usr/bin/env node
// `pnpm demo` (after building): the web app against the simulated Miro, or the real one when
// MIRO_CLIENT_ID, MIRO_CLIENT_SECRET and MIRO_REDIRECT_URL are set. `--smoke` (or
// MIRO_DEMO_SMOKE=1) starts, checks that the app answers, and exits.
import { MiroConfigError } from '@miro/auth';
import { ConfigError } from './config.js';
import { startDemo } from './demo.js';
import { smokeCheck } from './smoke.js';

const USAGE = `usage: pnpm demo [--smoke]
  --smoke  start, check that the app answers, stop (also MIRO_DEMO_SMOKE=1)
  env: PORT, HOST, MOCK_PORT, DATA_DIR, TOKEN_STORE=sqlite|redis|postgres, REDIS_URL, DATABASE_URL,
       SESSION_SECRET, TOKEN_ENCRYPTION_KEY, MIRO_CLIENT_ID + MIRO_CLIENT_SECRET + MIRO_REDIRECT_URL (real Miro)
  see examples/web-app/README.md`;

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { smoke: boolean; help: boolean } {
  let smoke = env.MIRO_DEMO_SMOKE === '1' || env.MIRO_DEMO_SMOKE === 'true';
  let help = false;
  for (const arg of argv) {
    if (arg === '--smoke') smoke = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--')
      continue; // what `pnpm demo -- --smoke` passes on
    else throw new ConfigError(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
  }
  return { smoke, help };
}

async function main(): Promise<number> {
  const { smoke, help } = parseArgs(process.argv.slice(2), process.env);
  if (help) {
    console.log(USAGE);
    return 0;
  }
  const demo = await startDemo({ env: process.env });
  const { app, mock } = demo;
  console.log('Miro example web app');
  if (mock) {
    console.log(`  Miro:        simulated by @miro/mock at ${mock.url} (demo client, no credentials needed)`);
    console.log(`  Boards:      ${demo.sampleBoards} sample boards to page through`);
  } else {
    console.log(`  Miro:        the real Miro, as client ${app.miro.clientId}`);
  }
  console.log(`  Redirect:    ${app.redirectUrl}`);
  console.log(`  Token store: ${demo.tokenStore}`);
  console.log(`\nOpen ${app.url} and click "Connect to Miro".`);

  if (smoke) {
    try {
      for (const step of await smokeCheck(app.url, { authorizePageIsLocal: mock !== undefined }))
        console.log(`  smoke: ${step}`);
      console.log('Smoke check passed.');
      return 0;
    } finally {
      await demo.close();
    }
  }

  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('\nStopping...');
  await demo.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Configuration mistakes are the user's to fix: say what, without a stack trace.
    if (error instanceof ConfigError || error instanceof MiroConfigError)
      console.error(`Configuration error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
