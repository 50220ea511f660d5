import { parseCliArgs, USAGE } from './cli-args.js';
import { startMockServer } from './server.js';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs `miro-mock`: starts the server, prints its URL, closes on SIGINT/SIGTERM. Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.err(`miro-mock: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const server = await startMockServer({
    port: args.port,
    host: args.host,
    latencyMs: args.latencyMs,
    budget: args.budget ? undefined : false,
    autoApprove: args.autoApprove,
    staticTokens: args.tokens,
  });
  io.out(`Miro mock listening on ${server.url}`);
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
