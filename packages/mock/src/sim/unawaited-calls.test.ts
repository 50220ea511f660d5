import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MiroApi } from '@miro/api';
import { describe, expect, it, vi } from 'vitest';
import { createMiroSimulation } from './simulation.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function clientOnSimulation() {
  const sim = createMiroSimulation({ budget: false });
  const { accessToken } = sim.issueToken();
  const api = new MiroApi({
    accessToken,
    baseUrl: sim.baseUrl,
    fetch: (url, init) => sim.handle(new Request(url, init)),
  });
  return { sim, api, accessToken };
}

describe('calls nobody awaits (the client sends when a method is called, as fetch does)', () => {
  it('an un-awaited createStickyNoteItem creates the note', async () => {
    const { sim, api } = clientOnSimulation();
    const board = await api.createBoard({ name: 'fire and forget' });
    void api.createStickyNoteItem(board.id, { data: { content: 'not awaited' }, position: { x: 0, y: 0 } });
    await vi.waitFor(() => expect(sim.state.itemCount(board.id)).toBe(1));
  });

  it('an un-awaited call that fails is an unhandled rejection: Node prints the typed error and exits with 1', async () => {
    // A fresh process, so that Node's own default for an unhandled rejection is what is observed.
    const script = `
      import { MiroApi } from '@miro/api';
      import { createMiroSimulation } from '@miro/mock';
      const sim = createMiroSimulation({ budget: false });
      const { accessToken } = sim.issueToken({ accessToken: 'at-unawaited-secret-1234' });
      const api = new MiroApi({ accessToken, baseUrl: sim.baseUrl, fetch: (url, init) => sim.handle(new Request(url, init)) });
      api.deleteBoard('no-such-board');
    `;
    const outcome = await run(process.execPath, ['--input-type=module', '--eval', script], { cwd: packageDir }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('MiroNotFoundError');
    expect(outcome.stderr).toContain('deleteBoard failed with 404');
    expect(outcome.stderr).toMatch(/requestId: '[0-9a-f-]{36}'/);
    expect(outcome.stderr).not.toContain('at-unawaited-secret-1234');
  });
});
