import type { ResourceSnapshot } from '../sim/snapshot.js';
import type { ItemType } from '../sim/store.js';

export type { ResourceSnapshot };

type Fields = Readonly<Record<string, unknown>>;

/** One item as the simulation holds it: `position` is its centre, relative to its frame's top-left when `parentId` is set. */
export interface ItemSnapshot {
  readonly id: string;
  readonly type: ItemType;
  readonly data: Fields;
  readonly style: Fields;
  readonly position: { readonly x: number; readonly y: number };
  readonly geometry: Fields;
  readonly parentId?: string | undefined;
  /** Attached tags, in the order they were attached. */
  readonly tagIds: readonly string[];
}

export interface ConnectorEndSnapshot {
  readonly id: string;
  /** Where on the item, as percentages (`{ x: '100%', y: '50%' }`). */
  readonly position?: Fields | undefined;
  readonly snapTo?: string | undefined;
}

export interface ConnectorSnapshot {
  readonly id: string;
  readonly startItem: ConnectorEndSnapshot;
  readonly endItem: ConnectorEndSnapshot;
  /** `straight`, `elbowed` or `curved`. */
  readonly shape: string;
  readonly style: Fields;
  readonly captions: readonly Fields[];
}

export interface TagSnapshot {
  readonly id: string;
  readonly title: string;
  readonly fillColor: string;
}

/**
 * What the board view draws: one board as plain data. The simulation's `state.board(id)` is one; a test can
 * also build one by hand.
 */
export interface BoardDrawing {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** In creation order. */
  readonly items: readonly ItemSnapshot[];
  readonly connectors: readonly ConnectorSnapshot[];
  readonly tags: readonly TagSnapshot[];
  readonly resources: readonly ResourceSnapshot[];
}
