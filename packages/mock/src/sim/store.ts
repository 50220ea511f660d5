import type { ResolvedOptions } from './options.js';
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
  readonly team: { readonly id: string; readonly name: string };
  readonly organization: { readonly id: string; readonly name: string };

  /** A stream of its own, so that request ids do not shift the ids of boards and items. */
  private readonly requestIds: Random;

  constructor(readonly options: ResolvedOptions) {
    this.random = new Random(options.seed);
    this.requestIds = new Random(options.seed ^ 0x5eed1d);
    this.ids = new IdFactory(this.random);
    this.organization = { id: this.ids.userId(), name: 'Demo Organization' };
    this.team = { id: this.ids.userId(), name: 'Demo Team' };
    this.defaultUser = this.userFor('demo.user@example.com', 'Demo User');
    for (const accessToken of options.staticTokens) this.addStaticToken(accessToken);
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

  addStaticToken(accessToken: string, userId = this.defaultUser.id, scope = 'boards:read boards:write'): TokenRecord {
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
