import type { ItemType, Store } from '../sim/store.js';

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

/** A file uploaded for an image or document item (its bytes stay in the simulation). */
export interface ResourceSnapshot {
  readonly id: string;
  readonly family: 'images' | 'documents';
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
}

/** Everything on one board, as plain data: what the board view renders. */
export interface BoardSnapshot {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** In creation order. */
  readonly items: readonly ItemSnapshot[];
  readonly connectors: readonly ConnectorSnapshot[];
  readonly tags: readonly TagSnapshot[];
  readonly resources: readonly ResourceSnapshot[];
}

/** A deep copy of one board of the store, or `undefined` when there is no such board. */
export function snapshotBoard(store: Store, boardId: string): BoardSnapshot | undefined {
  const board = store.boards.get(boardId);
  if (!board) return undefined;
  const resources: ResourceSnapshot[] = [];
  for (const [id, upload] of store.uploads) {
    if (upload.boardId !== boardId) continue;
    const { family, name, contentType } = upload;
    resources.push({ id, family, name, contentType, size: upload.bytes.byteLength });
  }
  return {
    id: board.id,
    name: board.name,
    description: board.description,
    items: [...board.items.values()].map((item) => {
      const { id, type, data, style, position, geometry, parentId, tagIds } = item;
      return structuredClone({ id, type, data, style, position, geometry, tagIds, ...(parentId ? { parentId } : {}) });
    }),
    connectors: [...board.connectors.values()].map((c) => {
      const { id, startItem, endItem, shape, style, captions } = c;
      return structuredClone({ id, startItem, endItem, shape, style, captions });
    }),
    tags: [...board.tags.values()].map((t) => ({ id: t.id, title: t.title, fillColor: t.fillColor })),
    resources,
  };
}
