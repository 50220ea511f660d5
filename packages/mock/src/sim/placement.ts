/** Where an item sits: its `position` is its centre, on the canvas or relative to its frame's top-left. */
export interface Placed {
  readonly position: { readonly x: number; readonly y: number };
  readonly geometry: Readonly<Record<string, unknown>>;
  readonly parentId?: string | undefined;
}

/** Top-left corner of a frame on the canvas: its children's positions are relative to it (as in Miro). */
export function frameOrigin(frame: Placed): { x: number; y: number } {
  return {
    x: frame.position.x - (frame.geometry.width as number) / 2,
    y: frame.position.y - (frame.geometry.height as number) / 2,
  };
}

/** The item's centre on the canvas; `parentOf` finds its frame. */
export function canvasPosition(item: Placed, parentOf: (id: string) => Placed | undefined): { x: number; y: number } {
  const parent = item.parentId ? parentOf(item.parentId) : undefined;
  if (!parent) return { x: item.position.x, y: item.position.y };
  const origin = frameOrigin(parent);
  return { x: origin.x + item.position.x, y: origin.y + item.position.y };
}
