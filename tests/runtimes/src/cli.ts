// What the Deno and Bun child processes run: `<runtime> src/cli.ts <api|auth> '<env as JSON>'`.
// Prints one line `RESULT <report as JSON>`, or `FAILED <error>` and exits non-zero.
import { runApiSmoke, type ApiSmokeEnv } from './scenario/api-smoke.ts';
import { runAuthSmoke, type AuthSmokeEnv } from './scenario/auth-smoke.ts';

declare const Deno: { readonly args: readonly string[]; exit(code: number): never } | undefined;

function args(): readonly string[] {
  return typeof Deno === 'undefined' ? process.argv.slice(2) : Deno.args;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
}

const [scenario, json] = args();
try {
  const env: unknown = JSON.parse(json ?? '{}');
  const report =
    scenario === 'api'
      ? await runApiSmoke(env as ApiSmokeEnv)
      : scenario === 'auth'
        ? await runAuthSmoke(env as AuthSmokeEnv)
        : undefined;
  if (!report) throw new Error(`unknown scenario ${JSON.stringify(scenario)}: expected api or auth`);
  console.log(`RESULT ${JSON.stringify(report)}`);
} catch (error) {
  console.log(`FAILED ${describe(error)}`);
  if (typeof Deno === 'undefined') process.exit(1);
  else Deno.exit(1);
}
