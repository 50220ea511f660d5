// Compiled by `tsc` in the test run (calls-typecheck.test.ts): each correct call must compile, and
// each line under `@ts-expect-error` must NOT compile (tsc reports an unused directive otherwise).
import type { MiroApi, Board, StickyNoteItem } from '../../src/index.js';

declare const api: MiroApi;
declare const file: Blob;

export async function correctCalls(): Promise<void> {
  const boards = await api.getBoards({ limit: '50', sort: 'last_modified' });
  const first: Board | undefined = boards.data?.[0];
  for await (const board of api.getBoards({ teamId: 't1' })) void board.name;
  const board = await api.getSpecificBoard('uXjVOD6LSME=');
  void board.viewLink;
  const note: StickyNoteItem = await api.createStickyNoteItem('b1', {
    data: { content: 'Hello', shape: 'square' },
    position: { x: 0, y: 0 },
  });
  void note.id;
  await api.getItemsByTag('b1', { tagId: 't1', limit: '10' });
  await api.attachTagToItem('b1', 'i1', { tagId: 't1' });
  await api.getItems('b1', { type: 'sticky_note', limit: '50' });
  await api.deleteBoard('b1');
  await api.updateBoard('b1', { name: 'Renamed' });
  await api.createTag('b1', { title: 'urgent', fillColor: 'red' });
  await api.createImageItemUsingLocalFile('b1', { resource: file, data: { title: 'pic' } });
  const page = await api.getConnectors('b1', { limit: '10' }).withResponse();
  void page.response.status;
  await api.getSpecificBoard('b1', { timeoutMs: 5_000, maxRetries: 0, signal: AbortSignal.timeout(1_000) });
  await api.getUser('u1');
  void first;
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error the board id is required
  await api.getSpecificBoard();
  // @ts-expect-error `sort` takes one of Miro's sort orders only
  await api.getBoards({ sort: 'newest' });
  // @ts-expect-error no such query parameter
  await api.getBoards({ colour: 'red' });
  // @ts-expect-error the body is required
  await api.createStickyNoteItem('b1');
  // @ts-expect-error `content` is a string
  await api.createStickyNoteItem('b1', { data: { content: 42 } });
  // @ts-expect-error tag_id is a required query parameter
  await api.attachTagToItem('b1', 'i1');
  // @ts-expect-error query parameters use the camelCase names
  await api.getItemsByTag('b1', { tag_id: 't1' });
  // @ts-expect-error a board id is a string, not an object
  await api.getSpecificBoard({ id: 'b1' });
  // @ts-expect-error the resolved board has no `title`
  void (await api.getSpecificBoard('b1')).title;
  // @ts-expect-error unknown per-call option
  await api.getSpecificBoard('b1', { retries: 3 });
  // @ts-expect-error the image upload needs its file part
  await api.createImageItemUsingLocalFile('b1', { data: { title: 'pic' } });
  // @ts-expect-error no such operation
  await api.getBoardz();
}
