import { describe, expect, it } from 'vitest';
import { newBoard, type TestApi, testApi } from './test-helpers.js';

const node = (content: string, parent?: string) => ({
  data: { nodeView: { data: { type: 'text', content } } },
  ...(parent ? { parent: { id: parent } } : {}),
});

async function mindMap(api: TestApi): Promise<{ at: string; boardId: string }> {
  const boardId = await newBoard(api);
  return { boardId, at: `/v2-experimental/boards/${boardId}/mindmap_nodes` };
}

describe('mind map nodes', () => {
  it('grows branches on the end side of a root, and answers parents with links', async () => {
    const api = testApi();
    const { at } = await mindMap(api);
    const root = await api.call('POST', at, { ...node('Goal'), position: { x: 100, y: 50 } });
    expect(root.status).toBe(201);
    expect(root.body).toMatchObject({
      type: 'mindmap_node',
      data: { isRoot: true, nodeView: { type: 'text', data: { content: 'Goal' } } },
    });
    expect(root.body.data.direction).toBeUndefined();
    expect(root.body.parent).toBeUndefined();
    const child = await api.call('POST', at, node('Step', root.body.id));
    expect(child.body.data).toMatchObject({ isRoot: false, direction: 'end' });
    expect(child.body.parent).toEqual({
      id: root.body.id,
      links: { self: `https://api.miro.com${at}/${root.body.id}` },
    });
    const grandchild = await api.call('POST', at, node('Detail', child.body.id));
    expect(grandchild.body.data.direction).toBe('end');
  });

  it('deletes a node with every node below it, and only those', async () => {
    const api = testApi();
    const { at, boardId } = await mindMap(api);
    const root = (await api.call('POST', at, node('R'))).body.id;
    const left = (await api.call('POST', at, node('L', root))).body.id;
    await api.call('POST', at, node('L1', left));
    await api.call('POST', at, node('L2', left));
    const right = (await api.call('POST', at, node('Right', root))).body.id;
    expect((await api.call('DELETE', `${at}/${left}`)).status).toBe(204);
    expect(api.sim.state.board(boardId)?.mindmapNodes.map((n) => n.content)).toEqual(['R', 'Right']);
    expect((await api.call('GET', `${at}/${left}`)).status).toBe(404);
    expect((await api.call('GET', `${at}/${right}`)).status).toBe(200);
  });

  it('refuses an unknown parent, a node kind other than text, and a request without data', async () => {
    const api = testApi();
    const { at, boardId } = await mindMap(api);
    const orphan = await api.call('POST', at, node('x', '3458764599999999999'));
    expect(orphan.status).toBe(404);
    expect(orphan.body.message).toContain('Mind map node 3458764599999999999 not found');
    const shape = await api.call('POST', at, { data: { nodeView: { data: { type: 'shape' } } } });
    expect(shape.status).toBe(400);
    expect(shape.body.message).toContain('only text nodes');
    const empty = await api.call('POST', at, {});
    expect(empty.status).toBe(400);
    expect(empty.body.context.fields[0].field).toBe('data');
    expect(api.sim.state.board(boardId)?.mindmapNodes).toEqual([]);
  });

  it('pages the nodes of a board by cursor', async () => {
    const api = testApi();
    const { at } = await mindMap(api);
    const root = (await api.call('POST', at, node('R'))).body.id;
    for (let i = 0; i < 11; i++) await api.call('POST', at, node(`n${i}`, root));
    const first = await api.call('GET', `${at}?limit=10`);
    expect(first.body).toMatchObject({ size: 10, total: 12 });
    const second = await api.call('GET', `${at}?limit=10&cursor=${first.body.cursor}`);
    expect(
      second.body.data.map((n: { data: { nodeView: { data: { content: string } } } }) => n.data.nodeView.data.content),
    ).toEqual(['n9', 'n10']);
  });
});
