import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const worker = fileURLToPath(new URL('../fixtures/refresh-worker.ts', import.meta.url));

export interface WorkerResult {
  ok: number;
  errors: string[];
}

/**
 * Starts `count` Node processes running the refresh worker under tsx, releases them together once
 * all are connected, and collects what each printed.
 */
export async function runWorkers(count: number, env: Record<string, string>): Promise<WorkerResult[]> {
  const children = Array.from({ length: count }, () => spawnWorker(env));
  try {
    const outputs = children.map(collect);
    await Promise.all(outputs.map((o) => o.line(0)));
    for (const child of children) child.stdin?.write('go\n');
    return await Promise.all(outputs.map(async (o) => JSON.parse(await o.line(1)) as WorkerResult));
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', worker], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** One refresh worker, started and connected: `go()` makes it call; `kill()` ends it with SIGKILL. */
export async function startWorker(env: Record<string, string>) {
  const child = spawnWorker(env);
  const output = collect(child);
  await output.line(0);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    go: () => void child.stdin?.write('go\n'),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function collect(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    /** The n-th line the worker printed; rejects with its stderr if it exits first. */
    line: async (n: number): Promise<string> => {
      for (;;) {
        const lines = stdout.split('\n');
        if (lines.length > n + 1) return lines[n]!;
        const more = new Promise<void>((resolve) => waiters.push(resolve));
        const ended = await Promise.race([more.then(() => false), exited.then(() => true)]);
        if (ended && stdout.split('\n').length <= n + 1) throw new Error(`worker exited early: ${stderr || stdout}`);
      }
    },
  };
}
