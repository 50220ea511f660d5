// Response bodies shaped like Miro's (field names and sizes), for the CPU benchmark's server.

export const BOARD_ID = 'uXjVOBenchBoard=';
export const ACCESS_TOKEN = 'bench-access-token-0123456789abcdef';

const user = (id: string) => ({ id, type: 'user', name: 'Bench User' });
const stamp = '2026-04-22T10:15:30Z';

export function board(baseUrl: string): Record<string, unknown> {
  return {
    id: BOARD_ID,
    type: 'board',
    name: 'Quarterly planning',
    description: 'Board used by the benchmark',
    team: { id: '3458764517517819000', type: 'team', name: 'Bench team' },
    project: { id: '3458764517517852000', type: 'project' },
    picture: { id: '3458764517517853000', type: 'picture', imageURL: 'https://miro.example/thumb.png' },
    policy: {
      permissionsPolicy: {
        collaborationToolsStartAccess: 'all_editors',
        copyAccess: 'anyone',
        copyAccessLevel: 'anyone',
        sharingAccess: 'team_members_with_editing_rights',
      },
      sharingPolicy: {
        access: 'private',
        inviteToAccountAndBoardLinkAccess: 'no_access',
        organizationAccess: 'private',
        teamAccess: 'private',
      },
    },
    viewLink: `https://miro.com/app/board/${BOARD_ID}`,
    owner: user('3458764517517818000'),
    currentUserMembership: { ...user('3458764517517818000'), role: 'owner' },
    createdAt: stamp,
    createdBy: user('3458764517517818000'),
    lastOpenedAt: stamp,
    lastOpenedBy: user('3458764517517818000'),
    modifiedAt: stamp,
    modifiedBy: user('3458764517517818000'),
    links: {
      self: `${baseUrl}/v2/boards/${BOARD_ID}`,
      related: `${baseUrl}/v2/boards/${BOARD_ID}/members?limit=20&offset=0`,
    },
  };
}

export function stickyNote(baseUrl: string, n: number): Record<string, unknown> {
  const id = String(3458764517517900000 + n);
  return {
    id,
    type: 'sticky_note',
    data: { content: `<p>Idea number ${n}: ship the thing</p>`, shape: 'square' },
    style: { fillColor: 'light_yellow', textAlign: 'center', textAlignVertical: 'top' },
    position: { x: (n % 40) * 220, y: Math.floor(n / 40) * 220, origin: 'center', relativeTo: 'canvas_center' },
    geometry: { width: 199.99, height: 228.0 },
    createdAt: stamp,
    createdBy: { id: '3458764517517818000', type: 'user' },
    modifiedAt: stamp,
    modifiedBy: { id: '3458764517517818000', type: 'user' },
    links: { self: `${baseUrl}/v2/boards/${BOARD_ID}/sticky_notes/${id}` },
  };
}

export function itemPage(baseUrl: string, size: number): Record<string, unknown> {
  const cursor = 'MzQ1ODc2NDUxNzUxNzkwMDA1MA==';
  return {
    data: Array.from({ length: size }, (_, n) => stickyNote(baseUrl, n)),
    total: 5000,
    size,
    cursor,
    limit: size,
    links: {
      self: `${baseUrl}/v2/boards/${BOARD_ID}/items?limit=${size}`,
      next: `${baseUrl}/v2/boards/${BOARD_ID}/items?limit=${size}&cursor=${cursor}`,
    },
    type: 'cursor-list',
  };
}

/** What the POST scenario sends. */
export const STICKY_NOTE_BODY = {
  data: { content: 'Hello from the benchmark', shape: 'square' as const },
  style: { fillColor: 'light_yellow' as const, textAlign: 'center' as const },
  position: { x: 100, y: 200 },
  geometry: { width: 200 },
};
