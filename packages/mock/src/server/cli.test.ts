import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cliSource = fileURLToPath(new URL('./cli.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

/** Reads the child's stdout until the first full line. */
function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`CLI exited (${code}) before printing: ${stderr}`)));
  });
}

describe('miro-mock CLI', () => {
  it('prints its URL, serves the API, and exits 0 on SIGTERM', async () => {
    // Runs the TypeScript source through tsx, so the test does not depend on a prior build.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cliSource, '--port', '0', '--token', 'cli-token', '--no-budget'],
      {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await firstLine(child);
      expect(line).toMatch(/^Miro mock listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.slice('Miro mock listening on '.length);
      const boards = await fetch(`${url}/v2/boards`, { headers: { authorization: 'Bearer cli-token' } });
      expect(boards.status).toBe(200);
      expect(boards.headers.get('x-ratelimit-limit')).toBeNull();
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('exits 2 with the usage on a bad argument', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliSource, '--port', 'x'], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('--port needs an integer');
    expect(stderr).toContain('Usage: miro-mock');
  }, 30_000);
});
