import { describe, expect, it } from 'vitest';
import { testSpecIR } from '../../test/specs.js';
import { renderChangelog } from './changelog.js';
import { diffApi } from './diff.js';
import type { ApiDiff } from './types.js';

async function diff(from: string, to: string): Promise<ApiDiff> {
  return diffApi(await testSpecIR(from), await testSpecIR(to));
}
const ids = (ops: readonly { operationId: string }[]): string[] => ops.map((o) => o.operationId).sort();

describe("the API change between Miro's published specs", () => {
  it('2024-04-15 -> 2025-02-05: 15 operations added, none removed; major, for the types it removed and renamed', async () => {
    const d = await diff('2024-04-15', '2025-02-05');
    expect(ids(d.operations.added)).toEqual([
      'createGroup',
      'deleteGroup',
      'get-all-cases',
      'get-all-groups',
      'get-all-legal-holds',
      'get-case',
      'get-legal-hold',
      'get-legal-hold-content-items',
      'get-metrics',
      'get-metrics-total',
      'getGroupById',
      'getItemsByGroupId',
      'revoke-token-v2',
      'unGroup',
      'updateGroup',
    ]);
    expect(d.operations.removed).toEqual([]);
    expect(d.operations.renamed).toEqual([]);
    // The bulk-create operations left v2-experimental for v2 under the same operationIds: moved, not removed.
    expect(d.changes.filter((c) => c.kind === 'operation-moved').map((c) => c.where)).toEqual([
      'createItems',
      'createItemsInBulkUsingFileFromDevice',
      'getItemsExperimental',
    ]);
    expect(d.schemas.renamed).toContainEqual({
      from: 'GeometryPlatformBulkCreateOperationExperimentalRelease',
      to: 'GeometryPlatformbulkcreateoperation',
    });
    expect(d.changes).toContainEqual(
      expect.objectContaining({
        kind: 'field-required',
        where: 'createItemsInBulkUsingFileFromDevice body.data',
        severity: 'major',
      }),
    );
    expect(d.bump).toBe('major');
  });

  it('2025-02-05 -> 2026-02-13: 50 operations added, the 5 webhook subscription operations removed; major', async () => {
    const d = await diff('2025-02-05', '2026-02-13');
    expect(ids(d.operations.added)).toEqual([
      'create-case',
      'create-doc-format-item',
      'create-legal-hold',
      'createUser',
      'delete-case',
      'delete-doc-format-item',
      'delete-legal-hold',
      'deleteUser',
      'edit-case',
      'edit-legal-hold',
      'enterprise-board-export-job-tasks',
      'enterprise-board-export-jobs',
      'enterprise-boards-create-group',
      'enterprise-boards-delete-groups',
      'enterprise-boards-get-groups',
      'enterprise-create-board-export-task-export-link',
      'enterprise-create-group',
      'enterprise-create-group-member',
      'enterprise-delete-group',
      'enterprise-delete-group-member',
      'enterprise-get-group',
      'enterprise-get-group-member',
      'enterprise-get-group-members',
      'enterprise-get-groups',
      'enterprise-groups-get-team',
      'enterprise-groups-get-teams',
      'enterprise-project-create-group',
      'enterprise-project-delete-groups',
      'enterprise-projects-get-groups',
      'enterprise-teams-create-group',
      'enterprise-teams-delete-group',
      'enterprise-teams-get-group',
      'enterprise-teams-get-groups',
      'enterprise-update-board-export-job',
      'enterprise-update-group',
      'enterprise-update-group-members',
      'get-doc-format-item',
      'get-legal-hold-export-jobs',
      'getGroup',
      'getResourceType',
      'getSchema',
      'getUser',
      'listGroups',
      'listResourceTypes',
      'listSchemas',
      'listServiceProviderConfigs',
      'listUsers',
      'patchGroup',
      'patchUser',
      'replaceUser',
    ]);
    expect(d.operations.added).toHaveLength(50);
    expect(ids(d.operations.removed)).toEqual([
      'create-board-subscription',
      'delete-subscription-by-id',
      'get-subscription-by-id',
      'get-user-subscriptions',
      'update-board-subscription',
    ]);
    expect(d.operations.removed.every((o) => o.path.startsWith('/v2-experimental/webhooks/'))).toBe(true);
    expect(d.changes.filter((c) => c.kind === 'operation-removed').every((c) => c.severity === 'major')).toBe(true);
    expect(d.bump).toBe('major');
  });

  it('2026-02-13 -> 2026-04-22: 7 operations added, none removed; minor, with a note on a response enum', async () => {
    const d = await diff('2026-02-13', '2026-04-22');
    expect(ids(d.operations.added)).toEqual([
      'create-code-widget-item',
      'delete-code-widget-item',
      'enterprise-get-ai-interaction-logs',
      'get-code-widget-item',
      'get-code-widget-items',
      'move-code-widget-item',
      'update-code-widget-item',
    ]);
    expect(d.operations.removed).toEqual([]);
    expect(d.schemas.removed).toEqual([]);
    expect(d.changes.filter((c) => c.note).map((c) => c.where)).toEqual(['OrganizationMember.license']);
    expect(d.bump).toBe('minor');
  });

  it('going back 2026-04-22 -> 2026-02-13 removes those 7 operations: major', async () => {
    const d = await diff('2026-04-22', '2026-02-13');
    expect(d.operations.removed).toHaveLength(7);
    expect(d.operations.added).toEqual([]);
    expect(d.bump).toBe('major');
  });

  it('finds no change between a spec and itself', async () => {
    const d = await diff('2026-04-22', '2026-04-22');
    expect(d.changes).toEqual([]);
    expect(d.bump).toBe('patch');
  });

  it('writes a changelog that lists the removed operations under breaking changes', async () => {
    const d = await diff('2025-02-05', '2026-02-13');
    const text = renderChangelog(
      d,
      { published: '2025-02-05', commit: '9148ff5114d4', sha256: '90e31001a02f' },
      { published: '2026-02-13', commit: '5ae658825d05', sha256: 'd4b24e1ae535' },
    );
    const breaking = text.slice(text.indexOf('#### Breaking changes'), text.indexOf('#### New operations'));
    for (const name of [
      'createBoardSubscription',
      'deleteSubscriptionById',
      'getSubscriptionById',
      'getUserSubscriptions',
      'updateBoardSubscription',
    ]) {
      expect(breaking).toContain(`\`${name}\`: operation removed`);
    }
    expect(text).toContain('#### New operations (50)');
    expect(text.startsWith('Miro REST API spec updated to the version published 2026-02-13 (commit 5ae6588')).toBe(
      true,
    );
  });
});
