import { describe, expect, it } from 'vitest';
import { renderChangelog, renderChangeset } from './changelog.js';
import type { ApiChange, ApiDiff } from './types.js';

const from = { published: '2026-02-13', commit: '5ae658825d05b03b', sha256: 'd4b24e1ae5359dfffd34' };
const to = { published: '2026-04-22', commit: 'unknown', sha256: 'f0e17b5b43c92ff2d85c' };

function diffOf(changes: ApiChange[], bump: ApiDiff['bump'], extra: Partial<ApiDiff> = {}): ApiDiff {
  return {
    operations: { added: [], removed: [], renamed: [] },
    schemas: { added: [], removed: [], renamed: [] },
    changes,
    bump,
    ...extra,
  };
}

describe('the changelog', () => {
  it('puts breaking changes first, then new operations, other additions, noted changes and the rest', () => {
    const text = renderChangelog(
      diffOf(
        [
          { kind: 'operation-added', severity: 'minor', where: 'getWidget', message: 'new operation' },
          {
            kind: 'field-removed',
            severity: 'major',
            where: 'Board.policy',
            message: 'optional field removed',
            schema: 'Board',
            usedBy: ['a', 'b', 'c', 'd', 'e'],
          },
          { kind: 'field-added', severity: 'minor', where: 'Board.tags', message: 'new optional field' },
          {
            kind: 'enum-value-added',
            severity: 'minor',
            where: 'Board.status',
            message: 'enum value "x" added',
            note: 'handle it',
          },
          { kind: 'schema-added', severity: 'minor', where: 'Widget', message: 'new exported type' },
          { kind: 'schema-removed', severity: 'major', where: 'Gadget', message: 'exported type removed' },
          {
            kind: 'operation-metadata',
            severity: 'patch',
            where: 'getBoard',
            message: 'rate-limit level is now 2 (was 1)',
          },
        ],
        'major',
        {
          operations: {
            added: [
              {
                operationId: 'get-widget',
                methodName: 'getWidget',
                method: 'GET',
                path: '/v2/widgets/{id}',
                summary: 'Prose from the spec',
              },
            ],
            removed: [],
            renamed: [],
          },
        },
      ),
      from,
      to,
    );
    const order = [
      '#### Breaking changes',
      '#### New operations (1)',
      '#### Other additions',
      '#### Non-breaking, but worth a look',
      '#### Other changes',
    ].map((h) => text.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('- `Board.policy`: optional field removed (used by `a`, `b`, `c` and 2 more)');
    expect(text).toContain('- Exported types removed (1): `Gadget`');
    expect(text).toContain('- New exported types (1): `Widget`');
    expect(text).toContain('- `Board.status`: enum value "x" added; handle it');
    expect(text).toContain('- `getWidget`: `GET /v2/widgets/{id}`');
    expect(text).not.toContain('Prose from the spec');
    expect(text.split('\n')[0]).toBe(
      'Miro REST API spec updated to the version published 2026-04-22 (sha256 f0e17b5b43c9; was 2026-02-13, commit 5ae6588, sha256 d4b24e1ae535): 1 operation added, 0 removed.',
    );
  });

  it('says so when nothing a caller sees changed', () => {
    const text = renderChangelog(diffOf([], 'patch'), from, to);
    expect(text).toContain('This is a patch change');
    expect(text).not.toContain('####');
  });

  it('makes a changeset that bumps @miro/api by the diff', () => {
    expect(renderChangeset('minor', 'Body.\n')).toBe('---\n"@miro/api": minor\n---\n\nBody.\n');
  });
});
