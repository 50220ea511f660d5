import { describe, expect, it } from 'vitest';
import { ops } from './test-support/operations.js';
import { buildTarget } from './url.js';

const base = 'https://api.miro.com/';

describe('buildTarget', () => {
  it('percent-encodes each path argument', () => {
    const { url } = buildTarget(ops.patchSticky, base, ['a/b c', 'é?#'], undefined);
    expect(url).toBe('https://api.miro.com/v2/boards/a%2Fb%20c/sticky_notes/%C3%A9%3F%23');
  });

  it('names the path parameter that is missing or empty', () => {
    expect(() => buildTarget(ops.getBoard, base, [''], undefined)).toThrow(
      'getBoard: path parameter boardId (board_id) must be a non-empty string',
    );
    expect(() => buildTarget(ops.getBoard, base, [], undefined)).toThrow(
      'getBoard: expected 1 path argument(s) (board_id), got 0',
    );
  });

  it('serializes query parameters per style and explode, by wire name, skipping undefined', () => {
    const { url, headers } = buildTarget(ops.search, base, [], {
      q: 'a&b',
      tags: ['x', 'y z'],
      ids: [1, 2, 3],
      filter: { type: 'sticky', nested: { a: 1 } },
      point: { x: 1, y: undefined },
      trace: 'abc',
    });
    expect(url.split('?')[1]?.split('&')).toEqual([
      'tags=x',
      'tags=y%20z',
      'ids=1,2,3',
      'filter[type]=sticky',
      'filter[nested][a]=1',
      'x=1',
      'q=a%26b',
    ]);
    expect(headers).toEqual({ 'X-Trace': 'abc' });
  });

  it('requires required query parameters', () => {
    expect(() => buildTarget(ops.search, base, [], {})).toThrow('search: query parameter q (q) is required');
  });

  it('maps camelCase names to wire names and leaves out an empty query', () => {
    expect(buildTarget(ops.listBoards, base, [], { teamId: 't1', limit: 5 }).url).toBe(
      'https://api.miro.com/v2/boards?team_id=t1&limit=5',
    );
    expect(buildTarget(ops.listBoards, base, [], { teamId: undefined }).url).toBe('https://api.miro.com/v2/boards');
  });
});
