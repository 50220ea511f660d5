import { fork, spawn, type ChildProcess } from 'node:child_process';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to the child's exit, as the parent sees it. */
  readonly wallMs: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Runs a command to completion and collects its output; fails with the command's stderr on a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let wallMs = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('exit', () => {
      wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = { code, stdout, stderr, wallMs };
      if (code !== 0) {
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000) || stdout.slice(-4000)}`),
        );
      } else {
        resolve(result);
      }
    });
  });
}

/** Parses the last line of a child's stdout as JSON (children print one JSON line of results). */
export function lastJsonLine<T>(result: RunResult, what: string): T {
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(
      `${what}: expected a JSON line on stdout, got ${JSON.stringify(result.stdout.slice(-500))}\n${result.stderr.slice(-2000)}`,
    );
  }
}

/** A long-running child (an HTTP server) spoken to over IPC: one request, one reply at a time. */
export interface Worker {
  readonly ready: Record<string, unknown>;
  ask<T>(message: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a worker script and waits for its first message, which says it is ready. */
export function startWorker(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(script, [...args], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    const early = (code: number | null): void => reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', early);
    child.once('message', (ready) => {
      child.off('exit', early);
      resolve({
        ready: ready as Record<string, unknown>,
        ask: <T>(message: Record<string, unknown>) =>
          new Promise<T>((answer, fail) => {
            const onExit = (): void => fail(new Error(`${script} exited while asked ${JSON.stringify(message)}`));
            child.once('exit', onExit);
            child.once('message', (reply) => {
              child.off('exit', onExit);
              answer(reply as T);
            });
            child.send(message);
          }),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
