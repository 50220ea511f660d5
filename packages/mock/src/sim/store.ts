import { ALL_SCOPES, type ResolvedOptions } from './options.js';
import { IdFactory, Random } from './random.js';
import type { JsonObject } from './validate.js';

export const ITEM_TYPES = [
  'sticky_note',
  'shape',
  'text',
  'card',
  'app_card',
  'frame',
  'image',
  'document',
  'embed',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const BOARD_ROLES = ['viewer', 'commenter', 'editor', 'coowner', 'owner'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** Roles in an organization, as Miro names them. */
export const ORG_ROLES = [
  'organization_internal_admin',
  'organization_internal_user',
  'organization_external_user',
  'organization_team_guest_user',
  'unknown',
] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const TEAM_ROLES = ['non_team', 'member', 'admin'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Roles a user group can have on a board it is shared with. */
export const BOARD_GROUP_ROLES = ['VIEWER', 'COMMENTER', 'EDITOR'] as const;
export type BoardGroupRole = (typeof BOARD_GROUP_ROLES)[number];

export interface UserRecord {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface ItemRecord {
  readonly id: string;
  readonly type: ItemType;
  data: JsonObject;
  style: JsonObject;
  position: { x: number; y: number };
  geometry: JsonObject;
  parentId?: string;
  /** Attached tags, in the order they were attached. */
  tagIds: string[];
  readonly createdAt: number;
  readonly createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
}

export interface ConnectorEnd {
  id: string;
  position?: JsonObject;
  snapTo?: string;
}

export interface ConnectorRecord {
  readonly id: string;
  startItem: ConnectorEnd;
  endItem: ConnectorEnd;
  shape: string;
  style: JsonObject;
  captions: JsonObject[];
  readonly createdAt: number;
  readonly createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
}

export interface TagRecord {
  readonly id: string;
  title: string;
  fillColor: string;
}

/** A group of items on a board: its items move and delete together. */
export interface GroupRecord {
  readonly id: string;
  /** In the order they were grouped. */
  readonly itemIds: readonly string[];
}

/** A node of a mind map (Miro's experimental mind map API); a node without a parent is a root. */
export interface MindmapNodeRecord {
  readonly id: string;
  readonly parentId?: string;
  content: string;
  /** Side of the root a branch grows on; unset for a root. */
  readonly direction?: 'start' | 'end';
  position: { x: number; y: number };
  geometry: JsonObject;
  readonly createdAt: number;
  readonly createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
}

export interface UploadRecord {
  readonly boardId: string;
  readonly family: 'images' | 'documents';
  readonly name: string;
  readonly contentType: string;
  readonly bytes: ArrayBuffer;
}

export interface BoardRecord {
  readonly id: string;
  name: string;
  description: string;
  teamId: string;
  projectId?: string;
  policy: JsonObject;
  ownerId: string;
  readonly createdAt: number;
  readonly createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
  lastOpenedAt: number;
  lastOpenedBy: string;
  /** Insertion order is id order, since ids increase. */
  readonly items: Map<string, ItemRecord>;
  readonly connectors: Map<string, ConnectorRecord>;
  readonly tags: Map<string, TagRecord>;
  /** Member user id -> role. */
  readonly members: Map<string, BoardRole>;
  readonly groups: Map<string, GroupRecord>;
  readonly mindmapNodes: Map<string, MindmapNodeRecord>;
  /** User groups the board is shared with: group id -> role. */
  readonly userGroups: Map<string, BoardGroupRole>;
  /** The data classification label set on the board, if any. */
  classificationLabelId?: string;
}

export interface OrgMemberRecord {
  role: OrgRole;
  license: string;
  active: boolean;
  readonly licenseAssignedAt: number;
  lastActivityAt: number;
}

export interface ClassificationLabel {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly default: boolean;
  readonly orderNumber: number;
  readonly sharingRecommendation: string;
  readonly guidelineUrl: string;
}

export interface OrganizationRecord {
  readonly id: string;
  name: string;
  plan: string;
  fullLicensesPurchased: number;
  /** User id -> membership. */
  readonly members: Map<string, OrgMemberRecord>;
  readonly classification: { enabled: boolean; readonly labels: ClassificationLabel[] };
  /** The settings a new team starts with (`TeamSettings` without the team id). */
  readonly defaultTeamSettings: JsonObject;
}

export interface TeamMemberRecord {
  role: TeamRole;
  readonly createdAt: number;
  readonly createdBy: string;
  modifiedAt: number;
  modifiedBy: string;
}

export interface TeamRecord {
  readonly id: string;
  readonly orgId: string;
  name: string;
  readonly members: Map<string, TeamMemberRecord>;
  /** `TeamSettings` as answered, without `teamId`/`organizationId`/`type`. */
  settings: JsonObject;
  readonly classification: { enabled: boolean; defaultLabelId?: string | undefined };
  /** User groups that are members of the team. */
  readonly userGroups: Set<string>;
}

/** An organization's user group (enterprise "user groups", not groups of board items). */
export interface UserGroupRecord {
  readonly id: string;
  readonly orgId: string;
  name: string;
  description: string;
  /** Member user ids, in the order they joined. */
  readonly memberIds: Set<string>;
}

export const EXPORT_JOB_STATES = ['CREATED', 'IN_PROGRESS', 'CANCELLED', 'FINISHED'] as const;
export type ExportJobState = (typeof EXPORT_JOB_STATES)[number];

export interface ExportTaskRecord {
  readonly id: string;
  readonly boardId: string;
  /** The exported file, made when the job was created (what the board held then); absent when the board was not found. */
  readonly artifact?: { readonly contentType: string; readonly body: string };
  readonly errorMessage?: string;
}

export interface ExportJobRecord {
  readonly id: string;
  readonly orgId: string;
  readonly requestId: string;
  readonly boardFormat: 'SVG' | 'HTML' | 'PDF';
  readonly creatorId: string;
  readonly createdAt: number;
  cancelledAt?: number;
  readonly tasks: readonly ExportTaskRecord[];
}

export interface TokenRecord {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly clientId: string;
  readonly userId: string;
  readonly teamId: string;
  readonly scope: string;
  readonly issuedAt: number;
  /** `null` for tokens that never expire (static tokens). */
  readonly expiresAt: number | null;
  readonly refreshExpiresAt: number | null;
  revoked: boolean;
  /** Set once its refresh token was exchanged: the pair is then dead. */
  rotated: boolean;
}

export interface AuthCodeRecord {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly userId: string;
  readonly teamId: string;
  readonly expiresAt: number;
  used: boolean;
  /** Access tokens issued from this code, revoked if the code is replayed. */
  readonly issued: string[];
}

export interface SimulationCounters {
  /** Every request to `POST /v1/oauth/token`, successful or not. */
  tokenRequests: number;
  /** Successful `authorization_code` exchanges. */
  codeExchanges: number;
  /** Successful `refresh_token` exchanges. */
  refreshes: number;
  /** Token requests answered with an error. */
  failedTokenRequests: number;
  /** Approvals on the authorize page (or automatic ones). */
  authorizations: number;
  revocations: number;
  /** Authenticated REST API requests (those that carried a valid token). */
  apiRequests: number;
  /** API requests answered 429 because the budget was spent. */
  rateLimited: number;
}

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Credits charged, 0 when the request was not charged. */
  readonly credits: number;
  /** The `X-Request-Id` the response carried. */
  readonly requestId: string;
}

export const LOG_LIMIT = 10_000;

/** The whole mutable state of one simulation; `reset()` swaps in a fresh one. */
export class Store {
  readonly random: Random;
  readonly ids: IdFactory;
  readonly boards = new Map<string, BoardRecord>();
  readonly users = new Map<string, UserRecord>();
  readonly usersByEmail = new Map<string, UserRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly refreshTokens = new Map<string, TokenRecord>();
  readonly codes = new Map<string, AuthCodeRecord>();
  /** Files uploaded for image and document items, by resource id. */
  readonly uploads = new Map<string, UploadRecord>();
  readonly organizations = new Map<string, OrganizationRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly userGroups = new Map<string, UserGroupRecord>();
  readonly exportJobs = new Map<string, ExportJobRecord>();
  readonly log: RequestLogEntry[] = [];
  readonly counters: SimulationCounters = {
    tokenRequests: 0,
    codeExchanges: 0,
    refreshes: 0,
    failedTokenRequests: 0,
    authorizations: 0,
    revocations: 0,
    apiRequests: 0,
    rateLimited: 0,
  };
  readonly defaultUser: UserRecord;
  /** The demo organization, on the Enterprise plan; the default user is its Company Admin. */
  readonly organization: OrganizationRecord;
  /** The demo team, where boards go unless told otherwise; the default user is its admin. */
  readonly team: TeamRecord;

  /** A stream of its own, so that request ids do not shift the ids of boards and items. */
  private readonly requestIds: Random;

  constructor(readonly options: ResolvedOptions) {
    this.random = new Random(options.seed);
    this.requestIds = new Random(options.seed ^ 0x5eed1d);
    this.ids = new IdFactory(this.random);
    // Ids in this order, so that the demo user keeps the id it always had for a seed.
    this.organization = newOrganization(this.ids.userId(), 'Demo Organization');
    this.organizations.set(this.organization.id, this.organization);
    this.team = this.addTeam(this.organization, 'Demo Team');
    this.defaultUser = this.userFor('demo.user@example.com', 'Demo User');
    this.organization.classification.labels.push(...demoLabels(this.ids));
    this.team.classification.defaultLabelId = this.organization.classification.labels.find((l) => l.default)?.id;
    const now = options.now();
    this.joinOrganization(this.organization, this.defaultUser.id, now, 'organization_internal_admin');
    this.team.members.set(this.defaultUser.id, {
      role: 'admin',
      createdAt: now,
      createdBy: this.defaultUser.id,
      modifiedAt: now,
      modifiedBy: this.defaultUser.id,
    });
    for (const accessToken of options.staticTokens) this.addStaticToken(accessToken);
  }

  /** A new team of `org` with the organization's default settings. */
  addTeam(org: OrganizationRecord, name: string): TeamRecord {
    const team: TeamRecord = {
      id: this.ids.userId(),
      orgId: org.id,
      name,
      members: new Map(),
      settings: structuredClone(org.defaultTeamSettings),
      classification: { enabled: org.classification.enabled },
      userGroups: new Set(),
    };
    const label = org.classification.labels.find((l) => l.default);
    if (label) team.classification.defaultLabelId = label.id;
    this.teams.set(team.id, team);
    return team;
  }

  /** Makes `userId` a member of `org` (with a full license) unless it already is. */
  joinOrganization(
    org: OrganizationRecord,
    userId: string,
    now: number,
    role: OrgRole = 'organization_internal_user',
  ): void {
    if (org.members.has(userId)) return;
    org.members.set(userId, { role, license: 'full', active: true, licenseAssignedAt: now, lastActivityAt: now });
  }

  /** The user with this email, created on first sight (board invitations name users by email). */
  userFor(email: string, name?: string): UserRecord {
    const key = email.toLowerCase();
    const existing = this.usersByEmail.get(key);
    if (existing) return existing;
    const user: UserRecord = { id: this.ids.userId(), name: name ?? email.split('@')[0] ?? email, email };
    this.users.set(user.id, user);
    this.usersByEmail.set(key, user);
    return user;
  }

  addStaticToken(accessToken: string, userId = this.defaultUser.id, scope = ALL_SCOPES.join(' ')): TokenRecord {
    const record: TokenRecord = {
      accessToken,
      clientId: this.options.clients[0]?.clientId ?? 'static',
      userId,
      teamId: this.team.id,
      scope,
      issuedAt: this.options.now(),
      expiresAt: null,
      refreshExpiresAt: null,
      revoked: false,
      rotated: false,
    };
    this.tokens.set(accessToken, record);
    return record;
  }

  /** The id of the next response, UUID-shaped (Miro's API gives each response an id to quote to support). */
  nextRequestId(): string {
    const hex = this.requestIds.chars('0123456789abcdef', 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  record(entry: RequestLogEntry): void {
    if (this.log.length >= LOG_LIMIT) this.log.shift();
    this.log.push(entry);
  }
}

const DEFAULT_TEAM_SETTINGS: JsonObject = {
  teamAccountDiscoverySettings: { accountDiscovery: 'request' },
  teamCollaborationSettings: { coOwnerRole: 'enabled' },
  teamCopyAccessLevelSettings: { copyAccessLevel: 'team_members', copyAccessLevelLimitation: 'anyone' },
  teamInvitationSettings: { inviteExternalUsers: 'allowed', whoCanInvite: 'all_members' },
  teamSharingPolicySettings: {
    allowListedDomains: [],
    createAssetAccessLevel: 'all_members',
    defaultBoardAccess: 'private',
    defaultBoardSharingAccess: 'team_members_with_editing_rights',
    defaultOrganizationAccess: 'private',
    defaultProjectAccess: 'private',
    moveBoardToAccount: 'allowed',
    restrictAllowedDomains: 'disabled',
    sharingOnAccount: 'allowed',
    sharingOnOrganization: 'allowed',
    sharingViaPublicLink: 'allowed',
  },
};

function newOrganization(id: string, name: string): OrganizationRecord {
  return {
    id,
    name,
    plan: 'company',
    fullLicensesPurchased: 100,
    members: new Map(),
    classification: { enabled: true, labels: [] },
    defaultTeamSettings: DEFAULT_TEAM_SETTINGS,
  };
}

/** Three data classification labels, `Internal` the default. Their ids stay below 2^53: Miro sends some as JSON numbers. */
function demoLabels(ids: IdFactory): ClassificationLabel[] {
  const label = (name: string, color: string, orderNumber: number, isDefault: boolean): ClassificationLabel => ({
    id: ids.userId(),
    name,
    color,
    default: isDefault,
    orderNumber,
    sharingRecommendation: isDefault ? 'NO_SHARING_RESTRICTIONS' : 'SHARE_WITH_CAUTION',
    guidelineUrl: 'https://example.com/data-classification',
  });
  return [
    label('Public', '#8FD14F', 1, false),
    label('Internal', '#F5DC80', 2, true),
    label('Confidential', '#F24726', 3, false),
  ];
}
