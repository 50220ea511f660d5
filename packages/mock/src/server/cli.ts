// Entry point of the `miro-mock` bin (built to dist/cli.js).
import { runCli } from './cli-main.js';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`miro-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
