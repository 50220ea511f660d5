import { describe, expect, it } from 'vitest';
import { testSpecIR } from '../../test/specs.js';

const real = () => testSpecIR('2026-04-22');

const names = async (kind: 'cursor' | 'offset'): Promise<string[]> =>
  (await real()).operations.filter((o) => o.pagination?.kind === kind).map((o) => o.methodName);

describe('the pinned spec of 2026-04-22', () => {
  it('yields 197 operations, 180 of them with a rate-limit level', async () => {
    const ir = await real();
    expect(ir.operations).toHaveLength(197);
    expect(ir.operations.filter((o) => o.rateLimitLevel !== null)).toHaveLength(180);
  });

  it('prices the three bulk operations per item, as their descriptions say', async () => {
    const ir = await real();
    expect(ir.operations.filter((o) => o.creditsPerItem).map((o) => o.methodName)).toEqual([
      'createItems',
      'createItemsInBulkUsingFileFromDevice',
      'enterpriseUpdateGroupMembers',
    ]);
  });

  it('has 4 offset-paged operations', async () => {
    expect(await names('offset')).toEqual(['getBoardMembers', 'getBoards', 'getItemsByTag', 'getTagsFromBoard']);
  });

  // The issue counted 18 cursor-paged operations: those that declare `cursor` inline. Ten more declare
  // it through components.parameters (cases, legal holds, user groups) and answer cursor pages just the
  // same, so they page too. getItemsByGroupId takes a cursor but answers one group with no cursor: not a page.
  it('has 27 cursor-paged operations: 17 with an inline cursor parameter and 10 through components.parameters', async () => {
    const cursor = await names('cursor');
    expect(cursor).toHaveLength(27);
    const throughComponents = [
      'getAllCases',
      'getAllLegalHolds',
      'getLegalHoldExportJobs',
      'getLegalHoldContentItems',
      'enterpriseGetGroups',
      'enterpriseGetGroupMembers',
      'enterpriseGroupsGetTeams',
      'enterpriseTeamsGetGroups',
      'enterpriseBoardsGetGroups',
      'enterpriseProjectsGetGroups',
    ];
    expect(cursor).toEqual(expect.arrayContaining(throughComponents));
    expect(cursor).toEqual(
      expect.arrayContaining(['getItems', 'getItemsWithinFrame', 'getConnectors', 'enterpriseGetOrganizationMembers']),
    );
    expect(cursor).not.toContain('getItemsByGroupId');
  });

  it('serves the 14 SCIM operations from the SCIM host', async () => {
    const ir = await real();
    const scim = ir.operations.filter((o) => o.server === 'scim');
    expect(scim).toHaveLength(14);
    expect(scim.every((o) => !o.path.startsWith('/v'))).toBe(true);
  });

  it('has the 5 multipart uploads, each with a file part', async () => {
    const ir = await real();
    const uploads = ir.operations.filter((o) => o.body?.kind === 'multipart');
    expect(uploads).toHaveLength(5);
    for (const upload of uploads) expect(upload.body?.parts?.some((p) => p.kind === 'file')).toBe(true);
  });

  it('gives the names users of the official client know, with clean path parameters', async () => {
    const ir = await real();
    for (const name of ['getBoards', 'createStickyNoteItem', 'getSpecificBoard', 'getItemsByTag', 'attachTagToItem']) {
      expect(ir.operations.some((o) => o.methodName === name)).toBe(true);
    }
    const byTag = ir.operations.find((o) => o.methodName === 'getItemsByTag')!;
    expect(byTag.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(['boardId']);
    expect(ir.operations.flatMap((o) => o.parameters).every((p) => /^[a-z][A-Za-z0-9]*$/.test(p.name))).toBe(true);
  });
});
