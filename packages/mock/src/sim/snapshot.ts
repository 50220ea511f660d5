import { jobState } from './board-exports.js';
import type {
  BoardGroupRole,
  BoardRecord,
  BoardRole,
  ConnectorRecord,
  ExportJobState,
  GroupRecord,
  ItemRecord,
  MindmapNodeRecord,
  OrgRole,
  Store,
  TagRecord,
  TeamRole,
} from './store.js';

/**
 * Copies of the simulation's state for assertions in tests: plain data, detached from the store
 * (changing one changes nothing in the simulation).
 */

/** A file uploaded for an image or document item (its bytes stay in the simulation). */
export interface ResourceSnapshot {
  readonly id: string;
  readonly family: 'images' | 'documents';
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

export interface BoardSnapshot {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly teamId: string;
  readonly ownerId: string;
  /** Items in creation order; positions as stored (relative to the parent frame when `parentId` is set). */
  readonly items: readonly ItemRecord[];
  readonly connectors: readonly ConnectorRecord[];
  readonly tags: readonly TagRecord[];
  readonly members: readonly { readonly userId: string; readonly role: BoardRole }[];
  readonly groups: readonly GroupRecord[];
  readonly mindmapNodes: readonly MindmapNodeRecord[];
  readonly userGroups: readonly { readonly groupId: string; readonly role: BoardGroupRole }[];
  readonly classificationLabelId: string | undefined;
  /** Files uploaded for the board's image and document items. */
  readonly resources: readonly ResourceSnapshot[];
}

export interface OrganizationSnapshot {
  readonly id: string;
  readonly name: string;
  readonly members: readonly { readonly userId: string; readonly email: string; readonly role: OrgRole }[];
  readonly classificationLabels: readonly { readonly id: string; readonly name: string; readonly default: boolean }[];
}

export interface TeamSnapshot {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly members: readonly { readonly userId: string; readonly role: TeamRole }[];
  readonly userGroupIds: readonly string[];
  readonly settings: Readonly<Record<string, unknown>>;
  readonly classification: { readonly enabled: boolean; readonly defaultLabelId: string | undefined };
}

export interface UserGroupSnapshot {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly description: string;
  readonly memberIds: readonly string[];
}

export interface ExportJobSnapshot {
  readonly id: string;
  readonly requestId: string;
  readonly boardFormat: 'SVG' | 'HTML' | 'PDF';
  readonly status: ExportJobState;
  readonly boardIds: readonly string[];
}

export function boardSnapshot(store: Store, board: BoardRecord): BoardSnapshot {
  const resources: ResourceSnapshot[] = [];
  for (const [id, upload] of store.uploads) {
    if (upload.boardId !== board.id) continue;
    const { family, name, contentType } = upload;
    resources.push({ id, family, name, contentType, size: upload.bytes.byteLength });
  }
  return structuredClone({
    id: board.id,
    name: board.name,
    description: board.description,
    teamId: board.teamId,
    ownerId: board.ownerId,
    items: [...board.items.values()],
    connectors: [...board.connectors.values()],
    tags: [...board.tags.values()],
    members: [...board.members.entries()].map(([userId, role]) => ({ userId, role })),
    groups: [...board.groups.values()],
    mindmapNodes: [...board.mindmapNodes.values()],
    userGroups: [...board.userGroups.entries()].map(([groupId, role]) => ({ groupId, role })),
    classificationLabelId: board.classificationLabelId,
    resources,
  });
}

export function organizationSnapshot(store: Store): OrganizationSnapshot {
  const org = store.organization;
  return {
    id: org.id,
    name: org.name,
    members: [...org.members.entries()].map(([userId, m]) => ({
      userId,
      email: store.users.get(userId)?.email ?? '',
      role: m.role,
    })),
    classificationLabels: org.classification.labels.map((l) => ({ id: l.id, name: l.name, default: l.default })),
  };
}

export function teamSnapshots(store: Store): TeamSnapshot[] {
  return [...store.teams.values()].map((team) =>
    structuredClone({
      id: team.id,
      orgId: team.orgId,
      name: team.name,
      members: [...team.members.entries()].map(([userId, m]) => ({ userId, role: m.role })),
      userGroupIds: [...team.userGroups],
      settings: team.settings,
      classification: { enabled: team.classification.enabled, defaultLabelId: team.classification.defaultLabelId },
    }),
  );
}

export function userGroupSnapshots(store: Store): UserGroupSnapshot[] {
  return [...store.userGroups.values()].map((g) => ({
    id: g.id,
    orgId: g.orgId,
    name: g.name,
    description: g.description,
    memberIds: [...g.memberIds],
  }));
}

export function exportJobSnapshots(store: Store, now: number): ExportJobSnapshot[] {
  return [...store.exportJobs.values()].map((job) => ({
    id: job.id,
    requestId: job.requestId,
    boardFormat: job.boardFormat,
    status: jobState(job, now, store.options.exportDurationMs),
    boardIds: job.tasks.map((t) => t.boardId),
  }));
}
