export interface CliArgs {
  readonly port: number;
  readonly host: string;
  readonly latencyMs: number;
  readonly budget: boolean;
  readonly autoApprove: boolean;
  readonly tokens: readonly string[];
  readonly help: boolean;
}

export const USAGE = `Usage: miro-mock [--port N] [--host H] [--latency MS] [--no-budget] [--auto-approve] [--token T]...

Serves a simulated Miro REST API and OAuth server over HTTP until SIGINT or SIGTERM.
  --port N         port to listen on (default 0: any free port)
  --host H         interface to bind (default 127.0.0.1)
  --latency MS     delay every response by MS milliseconds
  --no-budget      turn the credit budget (HTTP 429) off
  --auto-approve   /oauth/authorize redirects with a code at once
  --token T        accept T as a non-expiring access token (repeatable)`;

function intValue(flag: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${flag} needs an integer from ${min} to ${max}, got ${raw === undefined ? 'nothing' : JSON.stringify(raw)}`,
    );
  }
  return value;
}

/** Parses `miro-mock` arguments (`--flag value` or `--flag=value`); throws with a message naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let port = 0;
  let host = '127.0.0.1';
  let latencyMs = 0;
  let budget = true;
  let autoApprove = false;
  let help = false;
  const tokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--port':
        port = intValue('--port', value(), 0, 65535);
        break;
      case '--host': {
        const v = value();
        if (!v) throw new Error('--host needs a value');
        host = v;
        break;
      }
      case '--latency':
        latencyMs = intValue('--latency', value(), 0, 600_000);
        break;
      case '--token': {
        const v = value();
        if (!v) throw new Error('--token needs a value');
        tokens.push(v);
        break;
      }
      case '--no-budget':
        budget = false;
        break;
      case '--auto-approve':
        autoApprove = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`Unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return { port, host, latencyMs, budget, autoApprove, tokens, help };
}
