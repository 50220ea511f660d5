import { MiroApi, MiroApiError } from '@miro/api';
import { describe, expect, it } from 'vitest';
import { createMiroSimulation } from './simulation.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';

/** Our client on the simulation, so that the multipart bodies are the ones users' apps send. */
function clientOnSimulation(): {
  sim: ReturnType<typeof createMiroSimulation>;
  api: MiroApi;
  download: (url: string) => Promise<Response>;
} {
  const sim = createMiroSimulation({ budget: false });
  const token = sim.issueToken().accessToken;
  const api = new MiroApi({
    accessToken: token,
    baseUrl: sim.baseUrl,
    fetch: (url, init) => sim.handle(new Request(url, init)),
    maxRetries: 0,
  });
  const download = async (url: string): Promise<Response> => {
    const response = await sim.handle(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
    expect(response.status).toBe(200);
    return response;
  };
  return { sim, api, download };
}

const png = (bytes: number[]): Blob => new Blob([new Uint8Array(bytes)], { type: 'image/png' });

describe('image and document items from uploaded files', () => {
  it('creates an image from a file, placed in a frame, and serves the file back at its URL', async () => {
    const { api, download } = clientOnSimulation();
    const board = await api.createBoard({ name: 'uploads' });
    const frame = await api.createFrameItem(board.id, { data: { title: 'F' }, position: { x: 0, y: 0 } });
    const image = await api.createImageItemUsingLocalFile(board.id, {
      resource: png([137, 80, 78, 71, 1, 2, 3]),
      data: { title: 'logo', position: { x: 5, y: 6 }, geometry: { width: 300 }, parent: { id: frame.id } },
    });
    expect(image.type).toBe('image');
    expect(image.data?.title).toBe('logo');
    expect(image.geometry?.width).toBe(300);
    expect(image.parent?.id).toBe(frame.id);
    const imageUrl = image.data?.imageUrl ?? '';
    expect(imageUrl).toMatch(
      new RegExp(`/v2/boards/${board.id}/resources/images/\\d+\\?format=preview&redirect=false$`),
    );
    const served = await download(imageUrl);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await served.arrayBuffer())]).toEqual([137, 80, 78, 71, 1, 2, 3]);
  });

  it('names a document after its file and replaces the file on update', async () => {
    const { api, download } = clientOnSimulation();
    const board = await api.createBoard({ name: 'uploads' });
    const created = await api.createDocumentItemUsingFileFromDevice(board.id, {
      resource: new File(['%PDF-1 first'], 'first.pdf', { type: 'application/pdf' }),
    });
    expect(created.data?.title).toBe('first.pdf');
    const updated = await api.updateDocumentItemUsingFileFromDevice(board.id, created.id, {
      resource: new File(['%PDF-1 second'], 'second.pdf', { type: 'application/pdf' }),
      data: { title: 'Quarterly report' },
    });
    expect(updated.data?.title).toBe('Quarterly report');
    expect(updated.data?.documentUrl).not.toBe(created.data?.documentUrl);
    expect(await (await download(updated.data?.documentUrl ?? '')).text()).toBe('%PDF-1 second');
    const fetched = await api.getDocumentItem(board.id, created.id);
    expect(fetched.data?.documentUrl).toBe(updated.data?.documentUrl);
  });

  it('refuses a create without a file, a file over 6 MB, and a data part that is not JSON', async () => {
    const { sim, api } = clientOnSimulation();
    const board = await api.createBoard({ name: 'uploads' });
    const post = (form: FormData): Promise<Response> =>
      sim.handle(
        new Request(`${sim.baseUrl}/v2/boards/${board.id}/images`, {
          method: 'POST',
          headers: { authorization: `Bearer ${sim.state.tokens()[0]?.accessToken ?? ''}` },
          body: form,
        }),
      );
    const noFile = new FormData();
    noFile.set('data', JSON.stringify({ title: 'x' }));
    const noFileReply = await post(noFile);
    expect(noFileReply.status).toBe(400);
    expect(await noFileReply.text()).toContain('Missing part resource');
    const big = new FormData();
    big.set('resource', new Blob([new Uint8Array(MAX_UPLOAD_BYTES + 1)]), 'big.png');
    const bigReply = await post(big);
    expect(bigReply.status).toBe(413);
    const badData = new FormData();
    badData.set('resource', png([1]), 'a.png');
    badData.set('data', '{ not json');
    const badReply = await post(badData);
    expect(badReply.status).toBe(400);
    expect(await badReply.text()).toContain('Part data is not valid JSON');
    expect(sim.state.itemCount(board.id)).toBe(0);
    await expect(
      api.createImageItemUsingLocalFile(board.id, { resource: png([]), data: { title: 'ok' } }),
    ).resolves.toMatchObject({ type: 'image' });
  });

  it('creates images and documents in bulk from files, each file paired with its entry in data', async () => {
    const { sim, api, download } = clientOnSimulation();
    const board = await api.createBoard({ name: 'uploads' });
    const entries = [
      { type: 'image', title: 'Logo', position: { x: 10, y: 20 } },
      { type: 'document', geometry: { width: 200 } },
    ];
    const created = await api.createItemsInBulkUsingFileFromDevice(board.id, {
      data: new Blob([JSON.stringify(entries)], { type: 'application/json' }),
      resources: [png([1, 2]), new File(['%PDF'], 'spec.pdf', { type: 'application/pdf' })],
    });
    expect(created.data.map((i) => i.type)).toEqual(['image', 'document']);
    const items = sim.state.board(board.id)?.items ?? [];
    expect(items.map((i) => [i.type, i.data.title, i.position])).toEqual([
      ['image', 'Logo', { x: 10, y: 20 }],
      ['document', 'spec.pdf', { x: 0, y: 0 }],
    ]);
    expect(items[1]?.geometry.width).toBe(200);
    const pdf = await download(items[1]?.data.documentUrl as string);
    expect(await pdf.text()).toBe('%PDF');
  });

  it('creates nothing and keeps no file when the bulk files and their entries do not pair up', async () => {
    const { sim, api } = clientOnSimulation();
    const board = await api.createBoard({ name: 'uploads' });
    const bulk = (entries: unknown[], resources: Blob[]) =>
      api
        .createItemsInBulkUsingFileFromDevice(board.id, {
          data: new Blob([JSON.stringify(entries)], { type: 'application/json' }),
          resources,
        })
        .catch((e: unknown) => e as MiroApiError);
    const mismatch = await bulk([{ type: 'image' }], [png([1]), png([2])]);
    expect(mismatch).toBeInstanceOf(MiroApiError);
    expect((mismatch as MiroApiError).message).toContain('describes 1 items but 2 files came in resources');
    const shape = await bulk([{ type: 'image' }, { type: 'shape' }], [png([1]), png([2])]);
    expect((shape as MiroApiError).message).toContain('Item 1: type must be one of image, document');
    const badParent = await bulk([{ type: 'image' }, { type: 'image', parent: { id: '1' } }], [png([1]), png([2])]);
    expect((badParent as MiroApiError).status).toBe(404);
    expect(sim.state.itemCount(board.id)).toBe(0);
    const tooBig = await bulk(
      [{ type: 'image' }, { type: 'image' }],
      [new Blob([new Uint8Array(MAX_UPLOAD_BYTES / 2 + 1)]), new Blob([new Uint8Array(MAX_UPLOAD_BYTES / 2)])],
    );
    expect((tooBig as MiroApiError).status).toBe(413);
    expect(sim.state.itemCount(board.id)).toBe(0);
  });
});
