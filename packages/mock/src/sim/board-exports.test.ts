import { describe, expect, it } from 'vitest';
import { newBoard, orgPath, send, type TestApi, testApi } from './test-helpers.js';

const REQUEST = '0b9f1d3e-7c4a-4b6e-9f2d-3a5c7e9b1d20';

async function exportJob(api: TestApi, boardIds: string[], format = 'SVG', requestId = REQUEST): Promise<string> {
  const reply = await api.call('POST', `${orgPath(api)}/boards/export/jobs?request_id=${requestId}`, {
    boardIds,
    boardFormat: format,
  });
  if (reply.status !== 200) throw new Error(`export failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.jobId;
}

describe('board export jobs', () => {
  it('runs for exportDurationMs of the clock, and can be cancelled only while it runs', async () => {
    let now = Date.parse('2026-05-01T00:00:00Z');
    const api = testApi({ now: () => now, exportDurationMs: 10_000 });
    const boardId = await newBoard(api);
    const jobs = `${orgPath(api)}/boards/export/jobs`;
    const running = await exportJob(api, [boardId]);
    expect((await api.call('GET', `${jobs}/${running}`)).body.jobStatus).toBe('CREATED');
    now += 5_000;
    expect((await api.call('GET', `${jobs}/${running}`)).body.jobStatus).toBe('IN_PROGRESS');
    const tasks = await api.call('GET', `${jobs}/${running}/tasks`);
    const link = await api.call('POST', `${jobs}/${running}/tasks/${tasks.body.data[0].id}/export-link`);
    expect(link.body).toEqual({ status: 'IN_PROGRESS' });
    expect((await api.call('PUT', `${jobs}/${running}/status`, { status: 'CANCELLED' })).body).toEqual({
      status: 'CANCELLED',
    });
    now += 10_000;
    expect((await api.call('GET', `${jobs}/${running}`)).body.jobStatus).toBe('CANCELLED');
    expect((await api.call('GET', `${jobs}/${running}/results`)).body.results[0].exportLink).toBeUndefined();

    const finished = await exportJob(api, [boardId], 'SVG', 'a0c6f3d1-2b4e-4f6a-8c1d-5e7f9a1b3c5d');
    now += 10_000;
    expect(api.sim.state.exportJobs().map((j) => j.status)).toEqual(['CANCELLED', 'FINISHED']);
    const late = await api.call('PUT', `${jobs}/${finished}/status`, { status: 'CANCELLED' });
    expect(late.status).toBe(400);
    expect(late.body.message).toContain('has finished');
    expect((await api.call('PUT', `${jobs}/${finished}/status`, { status: 'FINISHED' })).status).toBe(400);
  });

  it('gives the same job for the same request_id, and needs one', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const first = await exportJob(api, [boardId]);
    expect(await exportJob(api, [boardId])).toBe(first);
    expect(api.sim.state.exportJobs()).toHaveLength(1);
    const missing = await api.call('POST', `${orgPath(api)}/boards/export/jobs`, { boardIds: [boardId] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('request_id is required');
    const none = await api.call('POST', `${orgPath(api)}/boards/export/jobs?request_id=${crypto.randomUUID()}`, {
      boardIds: [],
    });
    expect(none.status).toBe(400);
  });

  it('fails the task of a board it cannot find, and exports the others', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const jobs = `${orgPath(api)}/boards/export/jobs`;
    const job = await exportJob(api, [boardId, 'uXjVnoSuchBo=']);
    const results = (await api.call('GET', `${jobs}/${job}/results`)).body.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['SUCCESS', 'ERROR']);
    expect(results[1]).toMatchObject({ boardId: 'uXjVnoSuchBo=', errorType: 'PERMANENT' });
    const failed = await api.call('GET', `${jobs}/${job}/tasks?status=TASK_STATUS_ERROR`);
    expect(failed.body.data.map((t: { board: { key: string } }) => t.board.key)).toEqual(['uXjVnoSuchBo=']);
    const listed = (await api.call('GET', jobs)).body.data[0];
    expect(listed.tasksCount).toEqual({ total: 2, success: 1, error: 1 });
  });

  it('serves each format without a token, as the board was when the job was created', async () => {
    const api = testApi();
    const boardId = await newBoard(api, 'Roadmap');
    await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { data: { content: '<p>Ship & tell</p>' } });
    const jobs = `${orgPath(api)}/boards/export/jobs`;
    const files: Record<string, string> = {};
    for (const [format, request] of [
      ['SVG', '11111111-1111-4111-8111-111111111111'],
      ['PDF', '22222222-2222-4222-8222-222222222222'],
    ] as const) {
      const job = await exportJob(api, [boardId], format, request);
      const task = (await api.call('GET', `${jobs}/${job}/tasks`)).body.data[0];
      const link = (await api.call('POST', `${jobs}/${job}/tasks/${task.id}/export-link`)).body.exportLink;
      const served = await send(api.sim, 'GET', link);
      expect(served.status).toBe(200);
      expect(task.sizeInBytes).toBe(new TextEncoder().encode(served.body).length);
      files[format] = served.body;
    }
    await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { data: { content: 'later' } });
    expect(files.SVG).toContain('<title>Roadmap</title>');
    expect(files.SVG).toContain('>Ship &amp; tell</text>');
    expect(files.SVG).not.toContain('later');
    const pdf = files.PDF as string;
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('(sticky_note: Ship & tell) Tj');
    // The cross-reference table points at each object.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const firstObject = Number(/\n(\d{10}) 00000 n/.exec(pdf)?.[1]);
    expect(pdf.slice(firstObject, firstObject + 7)).toBe('1 0 obj');
    expect((await send(api.sim, 'GET', '/export-artifacts/nothing')).status).toBe(404);
  });

  it('pages jobs by a UUID cursor and filters them by status', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const jobs = `${orgPath(api)}/boards/export/jobs`;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await exportJob(api, [boardId], 'HTML', crypto.randomUUID()));
    const first = await api.call('GET', `${jobs}?limit=2`);
    expect(first.body).toMatchObject({ total: 3, cursor: ids[2] });
    const rest = await api.call('GET', `${jobs}?limit=2&cursor=${first.body.cursor}`);
    expect(rest.body.data.map((j: { id: string }) => j.id)).toEqual([ids[2]]);
    expect((await api.call('GET', `${jobs}?status=CANCELLED`)).body.data).toEqual([]);
    expect((await api.call('GET', `${jobs}?cursor=${crypto.randomUUID()}`)).status).toBe(400);
  });
});
