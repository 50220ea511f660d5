import { describe, expect, it } from 'vitest';
import { readOfficialModel } from '../../../../generator/src/model/official-parity.js';
import { ALL_SCOPES } from './options.js';
import { createMiroSimulation, type MiroSimulation } from './simulation.js';
import { type SpecCheckedApi, specChecked } from './spec-check.js';

/**
 * Every operation the official high-level model (`@mirohq/miro-api@2.2.4`: `Board`, `StickyNoteItem`,
 * `Team`...) calls, and those our model adds beyond it, answered by the simulation with the
 * documented status and a body valid against the spec's response schema, for requests the spec
 * accepts; each scenario also checks what the simulation now holds.
 */

interface Setup {
  readonly sim: MiroSimulation;
  readonly api: SpecCheckedApi;
  readonly org: string;
}

function setup(): Setup {
  const sim = createMiroSimulation({ budget: false });
  const token = sim.issueToken({ scope: ALL_SCOPES.join(' ') }).accessToken;
  return { sim, api: specChecked(sim, token), org: `/v2/orgs/${sim.state.organization.id}` };
}

const file = (name: string, type: string, text: string): File => new File([text], name, { type });

function upload(resource: File, data?: Record<string, unknown>): FormData {
  const form = new FormData();
  form.append('resource', resource);
  if (data) form.append('data', new Blob([JSON.stringify(data)], { type: 'application/json' }));
  return form;
}

async function boardsAndMembers({ sim, api }: Setup): Promise<void> {
  const created = await api.call('POST', '/v2/boards', { name: 'Plan', description: 'Q3' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await api.call('GET', `/v2/boards/${id}`)).body.name).toBe('Plan');
  const listed = await api.call('GET', `/v2/boards?team_id=${sim.state.team.id}&limit=10`);
  expect(listed.body.data.map((b: { id: string }) => b.id)).toContain(id);
  await api.call('PATCH', `/v2/boards/${id}`, { name: 'Plan v2' });
  expect(sim.state.board(id)?.name).toBe('Plan v2');

  const shared = await api.call('POST', `/v2/boards/${id}/members`, { emails: ['ana@example.com'], role: 'editor' });
  const anaId = String(shared.body.successful[0]);
  const members = await api.call('GET', `/v2/boards/${id}/members?limit=10`);
  expect(members.body.data.map((m: { id: string }) => m.id)).toContain(anaId);
  expect((await api.call('GET', `/v2/boards/${id}/members/${anaId}`)).body.role).toBe('editor');
  await api.call('PATCH', `/v2/boards/${id}/members/${anaId}`, { role: 'viewer' });
  expect(sim.state.board(id)?.members).toContainEqual({ userId: anaId, role: 'viewer' });
  expect((await api.call('DELETE', `/v2/boards/${id}/members/${anaId}`)).status).toBe(204);
  expect(sim.state.board(id)?.members.map((m) => m.userId)).not.toContain(anaId);

  await api.call('POST', `/v2/boards/${id}/sticky_notes`, { data: { content: 'kept' } });
  const copy = await api.call('PUT', `/v2/boards?copy_from=${id}`, { name: 'Plan copy' });
  expect(copy.status).toBe(201);
  expect(sim.state.board(copy.body.id)?.items.map((i) => i.data.content)).toEqual(['kept']);
  expect((await api.call('DELETE', `/v2/boards/${id}`)).status).toBe(204);
  expect(sim.state.board(id)).toBeUndefined();
}

/** One create, get, update and delete per item family, then the generic item operations. */
async function itemsOfEveryKind({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Items' })).body.id as string;
  const at = `/v2/boards/${board}`;
  const kinds: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['app_cards', { data: { title: 'App card' } }, { data: { title: 'App card 2' } }],
    ['cards', { data: { title: 'Card' } }, { data: { title: 'Card 2' } }],
    ['documents', { data: { url: 'https://example.com/a.pdf' } }, { data: { title: 'Spec' } }],
    ['embeds', { data: { url: 'https://www.youtube.com/watch?v=1' } }, { data: { mode: 'modal' } }],
    ['frames', { data: { title: 'Frame', format: 'custom', type: 'freeform' } }, { data: { title: 'Frame 2' } }],
    ['images', { data: { url: 'https://example.com/a.png' } }, { data: { title: 'Picture' } }],
    ['shapes', { data: { content: 'Shape', shape: 'rectangle' } }, { data: { content: 'Shape 2' } }],
    ['sticky_notes', { data: { content: 'Note' } }, { data: { content: 'Note 2' } }],
    ['texts', { data: { content: 'Text' } }, { data: { content: 'Text 2' } }],
  ];
  for (const [segment, create, update] of kinds) {
    const item = (await api.call('POST', `${at}/${segment}`, create)).body.id as string;
    expect((await api.call('GET', `${at}/${segment}/${item}`)).body.id).toBe(item);
    await api.call('PATCH', `${at}/${segment}/${item}`, update);
    const stored = sim.state.board(board)?.items.find((i) => i.id === item);
    expect(stored?.data).toMatchObject(update.data as object);
    expect((await api.call('DELETE', `${at}/${segment}/${item}`)).status).toBe(204);
    expect(sim.state.board(board)?.items.some((i) => i.id === item)).toBe(false);
  }

  const frame = (
    await api.call('POST', `${at}/frames`, {
      data: { title: 'F' },
      position: { x: 0, y: 0 },
      geometry: { width: 800, height: 600 },
    })
  ).body.id as string;
  for (let i = 0; i < 14; i++) await api.call('POST', `${at}/sticky_notes`, { data: { content: `n${i}` } });
  const inside = (await api.call('POST', `${at}/texts`, { data: { content: 'inside' }, parent: { id: frame } })).body
    .id as string;
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call('GET', `${at}/items?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    ids.push(...page.body.data.map((i: { id: string }) => i.id));
    cursor = page.body.cursor;
  } while (cursor);
  expect(ids).toHaveLength(16);
  expect(ids).toEqual(sim.state.board(board)?.items.map((i) => i.id));
  const children = await api.call('GET', `${at}/items?parent_item_id=${frame}&limit=10`);
  expect(children.operationId).toBe('get-items-within-frame');
  expect(children.body.data.map((i: { id: string }) => i.id)).toEqual([inside]);

  expect((await api.call('GET', `${at}/items/${inside}`)).body.type).toBe('text');
  await api.call('PATCH', `${at}/items/${inside}`, { parent: { id: frame }, position: { x: 10, y: 20 } });
  expect(sim.state.board(board)?.items.find((i) => i.id === inside)?.position).toEqual({ x: 10, y: 20 });
  expect((await api.call('DELETE', `${at}/items/${inside}`)).status).toBe(204);
  expect(sim.state.itemCount(board)).toBe(15);
}

async function uploads({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Files' })).body.id as string;
  const at = `/v2/boards/${board}`;
  const image = await api.call(
    'POST',
    `${at}/images`,
    upload(file('pic.png', 'image/png', 'PNG-1'), { title: 'Picture', position: { x: 5, y: 6 } }),
  );
  expect(image.operationId).toBe('create-image-item-using-local-file');
  const document = await api.call('POST', `${at}/documents`, upload(file('spec.pdf', 'application/pdf', 'PDF-1')));
  expect(document.operationId).toBe('create-document-item-using-file-from-device');
  expect(sim.state.board(board)?.items.map((i) => i.data.title)).toEqual(['Picture', 'spec.pdf']);

  const updatedImage = await api.call(
    'PATCH',
    `${at}/images/${image.body.id}`,
    upload(file('pic2.png', 'image/png', 'PNG-2'), { title: 'Picture 2' }),
  );
  expect(updatedImage.operationId).toBe('update-image-item-using-file-from-device');
  const reader = sim.issueToken({ scope: 'boards:read' }).accessToken;
  const served = await sim.handle(
    new Request(updatedImage.body.data.imageUrl, { headers: { authorization: `Bearer ${reader}` } }),
  );
  expect(await served.text()).toBe('PNG-2');
  const updatedDocument = await api.call(
    'PATCH',
    `${at}/documents/${document.body.id}`,
    upload(file('spec2.pdf', 'application/pdf', 'PDF-2')),
  );
  expect(updatedDocument.operationId).toBe('update-document-item-using-file-from-device');

  await api.call('PATCH', `${at}/images/${image.body.id}`, { data: { url: 'https://example.com/b.png' } });
  await api.call('PATCH', `${at}/documents/${document.body.id}`, { data: { url: 'https://example.com/b.pdf' } });
  expect(sim.state.board(board)?.items.map((i) => i.data.imageUrl ?? i.data.documentUrl)).toEqual([
    'https://example.com/b.png',
    'https://example.com/b.pdf',
  ]);
}

async function connectorsAndTags({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Links' })).body.id as string;
  const at = `/v2/boards/${board}`;
  const a = (await api.call('POST', `${at}/sticky_notes`, { data: { content: 'a' } })).body.id as string;
  const b = (await api.call('POST', `${at}/cards`, { data: { title: 'b' } })).body.id as string;

  const connector = (await api.call('POST', `${at}/connectors`, { startItem: { id: a }, endItem: { id: b } })).body
    .id as string;
  expect((await api.call('GET', `${at}/connectors?limit=10`)).body.data).toHaveLength(1);
  expect((await api.call('GET', `${at}/connectors/${connector}`)).body.startItem.id).toBe(a);
  await api.call('PATCH', `${at}/connectors/${connector}`, { shape: 'elbowed' });
  expect(sim.state.board(board)?.connectors[0]).toMatchObject({
    shape: 'elbowed',
    startItem: { id: a },
    endItem: { id: b },
  });
  expect((await api.call('DELETE', `${at}/connectors/${connector}`)).status).toBe(204);
  expect(sim.state.board(board)?.connectors).toEqual([]);

  const tag = (await api.call('POST', `${at}/tags`, { title: 'urgent', fillColor: 'red' })).body.id as string;
  expect((await api.call('GET', `${at}/tags?limit=10`)).body.data).toHaveLength(1);
  await api.call('PATCH', `${at}/tags/${tag}`, { title: 'now' });
  expect((await api.call('GET', `${at}/tags/${tag}`)).body.title).toBe('now');
  expect((await api.call('POST', `${at}/items/${a}?tag_id=${tag}`)).status).toBe(204);
  await api.call('POST', `${at}/items/${b}?tag_id=${tag}`);
  expect(sim.state.board(board)?.items.map((i) => i.tagIds)).toEqual([[tag], [tag]]);
  expect((await api.call('GET', `${at}/items/${a}/tags`)).body.tags.map((t: { id: string }) => t.id)).toEqual([tag]);
  const tagged = await api.call('GET', `${at}/items?tag_id=${tag}&limit=10`);
  expect(tagged.operationId).toBe('get-items-by-tag');
  expect(tagged.body.data.map((i: { id: string }) => i.id)).toEqual([a, b]);
  const removed = await api.call('DELETE', `${at}/items/${a}?tag_id=${tag}`);
  expect(removed.operationId).toBe('remove-tag-from-item');
  expect(sim.state.board(board)?.items.map((i) => i.tagIds)).toEqual([[], [tag]]);
  expect((await api.call('DELETE', `${at}/tags/${tag}`)).status).toBe(204);
  expect(sim.state.board(board)?.items.map((i) => i.tagIds)).toEqual([[], []]);
}

async function tokens({ sim, api }: Setup): Promise<void> {
  const info = await api.call('GET', '/v1/oauth-token');
  expect(info.body.user.id).toBe(sim.state.defaultUser.id);
  const other = sim.issueToken().accessToken;
  expect((await api.call('POST', `/v1/oauth/revoke?access_token=${other}`)).status).toBe(204);
  expect(sim.state.tokens().find((t) => t.accessToken === other)?.active).toBe(false);
}

async function organization({ sim, api, org }: Setup): Promise<void> {
  expect((await api.call('GET', org)).body).toMatchObject({ id: sim.state.organization.id, plan: 'company' });
  const me = sim.state.defaultUser;
  const members = await api.call('GET', `${org}/members?limit=10`);
  expect(members.body.data.map((m: { id: string }) => m.id)).toEqual([me.id]);
  const byEmail = await api.call('GET', `${org}/members?emails=${me.email}`);
  expect(byEmail.body).toEqual([expect.objectContaining({ id: me.id, role: 'organization_internal_admin' })]);
  expect((await api.call('GET', `${org}/members/${me.id}`)).body.email).toBe(me.email);
  expect((await api.call('GET', `${org}/default_teams_settings`)).body.organizationId).toBe(sim.state.organization.id);
  const labels = (await api.call('GET', `${org}/data-classification-settings`)).body.labels;
  expect(labels.map((l: { name: string }) => l.name)).toEqual(['Public', 'Internal', 'Confidential']);
}

async function teams({ sim, api, org }: Setup): Promise<void> {
  const team = (await api.call('POST', `${org}/teams`, { name: 'Design' })).body.id as string;
  expect((await api.call('GET', `${org}/teams?limit=10`)).body.data.map((t: { name: string }) => t.name)).toEqual([
    'Demo Team',
    'Design',
  ]);
  expect((await api.call('GET', `${org}/teams/${team}`)).body.name).toBe('Design');
  await api.call('PATCH', `${org}/teams/${team}`, { name: 'Design Ops' });
  expect(sim.state.teams().find((t) => t.id === team)?.name).toBe('Design Ops');

  const invited = await api.call('POST', `${org}/teams/${team}/members`, { email: 'bo@example.com', role: 'member' });
  const bo = invited.body.id as string;
  expect(sim.state.organization.members.map((m) => m.email)).toContain('bo@example.com');
  expect((await api.call('GET', `${org}/teams/${team}/members?limit=10`)).body.data).toHaveLength(2);
  expect((await api.call('GET', `${org}/teams/${team}/members/${bo}`)).body.role).toBe('member');
  await api.call('PATCH', `${org}/teams/${team}/members/${bo}`, { role: 'admin' });
  expect(sim.state.teams().find((t) => t.id === team)?.members).toContainEqual({ userId: bo, role: 'admin' });
  expect((await api.call('DELETE', `${org}/teams/${team}/members/${bo}`)).status).toBe(204);

  expect((await api.call('GET', `${org}/teams/${team}/settings`)).body.teamId).toBe(team);
  await api.call('PATCH', `${org}/teams/${team}/settings`, { teamCollaborationSettings: { coOwnerRole: 'disabled' } });
  expect(sim.state.teams().find((t) => t.id === team)?.settings.teamCollaborationSettings).toEqual({
    coOwnerRole: 'disabled',
  });

  const [, internal, confidential] = sim.state.organization.classificationLabels;
  expect((await api.call('GET', `${org}/teams/${team}/data-classification-settings`)).body.defaultLabelId).toBe(
    internal?.id,
  );
  await api.call('PATCH', `${org}/teams/${team}/data-classification-settings`, {
    enabled: true,
    defaultLabelId: Number(confidential?.id),
  });
  expect(sim.state.teams().find((t) => t.id === team)?.classification.defaultLabelId).toBe(confidential?.id);
  const board = (await api.call('POST', '/v2/boards', { name: 'Secret', teamId: team })).body.id as string;
  const second = (await api.call('POST', '/v2/boards', { name: 'Open', teamId: team })).body.id as string;
  expect((await api.call('GET', `${org}/teams/${team}/boards/${board}/data-classification`)).body.id).toBeUndefined();
  await api.call('POST', `${org}/teams/${team}/boards/${board}/data-classification`, { labelId: confidential?.id });
  const bulk = await api.call('PATCH', `${org}/teams/${team}/data-classification`, {
    labelId: Number(internal?.id),
    notClassifiedOnly: true,
  });
  expect(bulk.body.numberUpdatedBoards).toBe(1);
  expect([sim.state.board(board)?.classificationLabelId, sim.state.board(second)?.classificationLabelId]).toEqual([
    confidential?.id,
    internal?.id,
  ]);

  const teamBoards = await api.call('GET', `/v2/boards?team_id=${team}`);
  expect(teamBoards.body.data.map((b: { name: string }) => b.name).sort()).toEqual(['Open', 'Secret']);
  expect((await api.call('DELETE', `${org}/teams/${team}`)).status).toBe(204);
  expect(sim.state.teams().map((t) => t.id)).not.toContain(team);
  expect(sim.state.board(board)).toBeUndefined();
}

async function boardGroups({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Groups' })).body.id as string;
  const at = `/v2/boards/${board}`;
  const ids: string[] = [];
  for (let i = 0; i < 4; i++)
    ids.push((await api.call('POST', `${at}/shapes`, { data: { content: `s${i}` } })).body.id);
  const group = await api.call('POST', `${at}/groups`, { data: { items: ids.slice(0, 2) } });
  expect(group.status).toBe(201);
  expect(sim.state.board(board)?.groups).toEqual([{ id: group.body.id, itemIds: ids.slice(0, 2) }]);
  expect((await api.call('GET', `${at}/groups?limit=10`)).body.data).toHaveLength(1);
  expect((await api.call('GET', `${at}/groups/${group.body.id}`)).body.data.data.items).toEqual(ids.slice(0, 2));
  const items = await api.call('GET', `${at}/groups/items?group_item_id=${group.body.id}&limit=10`);
  expect(items.body.data.data[0].data.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2));

  const replaced = await api.call('PUT', `${at}/groups/${group.body.id}`, { data: { items: ids.slice(0, 3) } });
  expect(replaced.body.id).not.toBe(group.body.id);
  expect(sim.state.board(board)?.groups).toEqual([{ id: replaced.body.id, itemIds: ids.slice(0, 3) }]);
  const ungrouped = await api.call('DELETE', `${at}/groups/${replaced.body.id}`);
  expect(ungrouped.operationId).toBe('unGroup');
  expect(sim.state.board(board)?.groups).toEqual([]);
  expect(sim.state.itemCount(board)).toBe(4);

  const doomed = await api.call('POST', `${at}/groups`, { data: { items: ids.slice(2) } });
  const deleted = await api.call('DELETE', `${at}/groups/${doomed.body.id}?delete_items=true`);
  expect(deleted.operationId).toBe('deleteGroup');
  expect(sim.state.board(board)?.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
}

async function mindMaps({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Mind map' })).body.id as string;
  const at = `/v2-experimental/boards/${board}/mindmap_nodes`;
  const text = (content: string) => ({ data: { nodeView: { data: { type: 'text', content } } } });
  const root = await api.call('POST', at, text('Goal'));
  expect(root.body.data).toMatchObject({ isRoot: true, nodeView: { data: { content: 'Goal' } } });
  const child = await api.call('POST', at, { ...text('Step'), parent: { id: root.body.id } });
  await api.call('POST', at, { ...text('Detail'), parent: { id: child.body.id } });
  expect((await api.call('GET', `${at}?limit=10`)).body.data).toHaveLength(3);
  expect((await api.call('GET', `${at}/${child.body.id}`)).body.parent.id).toBe(root.body.id);
  expect((await api.call('DELETE', `${at}/${child.body.id}`)).status).toBe(204);
  expect(sim.state.board(board)?.mindmapNodes.map((n) => n.content)).toEqual(['Goal']);
}

async function bulkCreate({ sim, api }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Bulk' })).body.id as string;
  const items = Array.from({ length: 20 }, (_, i) => ({ type: 'sticky_note', data: { content: `b${i}` } }));
  const created = await api.call('POST', `/v2/boards/${board}/items/bulk`, items);
  expect(created.body.data).toHaveLength(20);
  expect(sim.state.itemCount(board)).toBe(20);

  const form = new FormData();
  form.append(
    'data',
    new Blob([JSON.stringify([{ type: 'image' }, { type: 'document' }])], { type: 'application/json' }),
  );
  form.append('resources', file('a.png', 'image/png', 'PNG'));
  form.append('resources', file('b.pdf', 'application/pdf', 'PDF'));
  const fromFiles = await api.call('POST', `/v2/boards/${board}/items/bulk`, form);
  expect(fromFiles.operationId).toBe('create-items-in-bulk-using-file-from-device');
  expect(
    sim.state
      .board(board)
      ?.items.slice(20)
      .map((i) => i.data.title),
  ).toEqual(['a.png', 'b.pdf']);
}

async function boardExports({ sim, api, org }: Setup): Promise<void> {
  const board = (await api.call('POST', '/v2/boards', { name: 'Export me' })).body.id as string;
  await api.call('POST', `/v2/boards/${board}/sticky_notes`, { data: { content: 'exported text' } });
  const requestId = '0b9f1d3e-7c4a-4b6e-9f2d-3a5c7e9b1d20';
  const job = (
    await api.call('POST', `${org}/boards/export/jobs?request_id=${requestId}`, {
      boardIds: [board],
      boardFormat: 'HTML',
    })
  ).body.jobId as string;
  expect(
    (await api.call('GET', `${org}/boards/export/jobs?limit=10`)).body.data.map((j: { id: string }) => j.id),
  ).toEqual([job]);
  expect((await api.call('GET', `${org}/boards/export/jobs/${job}`)).body.jobStatus).toBe('FINISHED');
  const tasks = await api.call('GET', `${org}/boards/export/jobs/${job}/tasks?limit=10`);
  expect(tasks.body.data[0]).toMatchObject({ status: 'SUCCESS', board: { key: board } });
  const results = await api.call('GET', `${org}/boards/export/jobs/${job}/results`);
  expect(results.body.results[0]).toMatchObject({ boardId: board, status: 'SUCCESS' });
  const link = await api.call('POST', `${org}/boards/export/jobs/${job}/tasks/${tasks.body.data[0].id}/export-link`);
  const exported = await sim.handle(new Request(link.body.exportLink));
  expect(await exported.text()).toContain('exported text');
  expect(sim.state.exportJobs()).toEqual([
    { id: job, requestId, boardFormat: 'HTML', status: 'FINISHED', boardIds: [board] },
  ]);
  const refused = await api.call('PUT', `${org}/boards/export/jobs/${job}/status`, { status: 'CANCELLED' });
  expect(refused.status).toBe(400);
}

async function userGroups({ sim, api, org }: Setup): Promise<void> {
  const team = sim.state.team.id;
  await api.call('POST', `${org}/teams/${team}/members`, { email: 'cy@example.com' });
  const group = (await api.call('POST', `${org}/groups`, { name: 'Reviewers', description: 'Code review' })).body
    .id as string;
  expect((await api.call('GET', `${org}/groups?limit=10`)).body.data).toHaveLength(1);
  await api.call('PATCH', `${org}/groups/${group}`, { name: 'Readers' });
  expect((await api.call('GET', `${org}/groups/${group}`)).body.name).toBe('Readers');
  const cy = (await api.call('POST', `${org}/groups/${group}/members`, { email: 'cy@example.com' })).body.id as string;
  const me = sim.state.defaultUser;
  const changed = await api.call('PATCH', `${org}/groups/${group}/members`, {
    membersToAdd: [me.email],
    membersToRemove: [cy],
  });
  expect(changed.status).toBe(207);
  expect(sim.state.userGroups()[0]?.memberIds).toEqual([me.id]);
  expect((await api.call('GET', `${org}/groups/${group}/members?limit=10`)).body.data).toHaveLength(1);
  expect((await api.call('GET', `${org}/groups/${group}/members/${me.id}`)).body.email).toBe(me.email);
  expect((await api.call('DELETE', `${org}/groups/${group}/members/${me.id}`)).status).toBe(204);

  await api.call('POST', `${org}/teams/${team}/groups`, { userGroupId: group, role: 'member' });
  expect((await api.call('GET', `${org}/teams/${team}/groups?limit=10`)).body.data).toHaveLength(1);
  expect((await api.call('GET', `${org}/teams/${team}/groups/${group}`)).body.id).toBe(group);
  expect((await api.call('GET', `${org}/groups/${group}/teams?limit=10`)).body.data[0].id).toBe(team);
  expect((await api.call('GET', `${org}/groups/${group}/teams/${team}`)).body.id).toBe(team);
  expect((await api.call('DELETE', `${org}/teams/${team}/groups/${group}`)).status).toBe(204);

  const board = (await api.call('POST', '/v2/boards', { name: 'Shared' })).body.id as string;
  await api.call('POST', `${org}/boards/${board}/groups`, { userGroupIds: [group], role: 'EDITOR' });
  expect(sim.state.board(board)?.userGroups).toEqual([{ groupId: group, role: 'EDITOR' }]);
  expect((await api.call('GET', `${org}/boards/${board}/groups?limit=10`)).body.data).toHaveLength(1);
  expect((await api.call('DELETE', `${org}/boards/${board}/groups/${group}`)).status).toBe(204);
  expect((await api.call('DELETE', `${org}/groups/${group}`)).status).toBe(204);
  expect(sim.state.userGroups()).toEqual([]);
}

const scenarios = {
  'boards, copies and members': boardsAndMembers,
  'items of every kind, paged, in frames': itemsOfEveryKind,
  'images and documents from files and URLs': uploads,
  'connectors and tags': connectorsAndTags,
  'token information and revocation': tokens,
  organization,
  'teams, their members, settings and board classification': teams,
  'groups of items': boardGroups,
  'mind map nodes': mindMaps,
  'bulk creation': bulkCreate,
  'board export jobs': boardExports,
  'user groups': userGroups,
} satisfies Record<string, (s: Setup) => Promise<void>>;

describe('the simulation against the spec', () => {
  it.each(Object.entries(scenarios))('%s', async (_name, scenario) => {
    await scenario(setup());
  });

  it('answers every operation the official high-level model calls', async () => {
    const official = new Set(readOfficialModel().classes.flatMap((c) => c.methods.flatMap((m) => m.calls)));
    const answered = new Set<string>();
    for (const scenario of Object.values(scenarios)) {
      const s = setup();
      await scenario(s);
      for (const method of s.api.succeeded) answered.add(method);
    }
    expect(official.size).toBeGreaterThan(90);
    expect([...official].filter((method) => !answered.has(method)).sort()).toEqual([]);
  });
});
