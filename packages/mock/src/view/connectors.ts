import { cssColor } from './colors.js';
import type { LaidOutItem, Point } from './geometry.js';
import { formatNumber as n, markup, type Markup } from './markup.js';
import type { ConnectorEndSnapshot, ConnectorSnapshot } from './snapshot.js';
import { contentText, LINE_HEIGHT } from './text.js';

type Side = 'top' | 'right' | 'bottom' | 'left';

const NORMALS: Readonly<Record<Side, Point>> = {
  top: { x: 0, y: -1 },
  right: { x: 1, y: 0 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
};

interface Anchor {
  readonly point: Point;
  readonly side: Side;
}

function percent(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = Number.parseFloat(String(value));
  return Number.isFinite(parsed) ? Math.min(100, Math.max(0, parsed)) / 100 : undefined;
}

function sidePoint(placed: LaidOutItem, side: Side): Point {
  const { box } = placed;
  switch (side) {
    case 'top':
      return { x: box.x + box.width / 2, y: box.y };
    case 'bottom':
      return { x: box.x + box.width / 2, y: box.y + box.height };
    case 'left':
      return { x: box.x, y: box.y + box.height / 2 };
    case 'right':
      return { x: box.x + box.width, y: box.y + box.height / 2 };
  }
}

/** The side of the item facing `toward`, judged relative to the item's own proportions. */
function facingSide(placed: LaidOutItem, toward: Point): Side {
  const dx = (toward.x - placed.center.x) / placed.box.width;
  const dy = (toward.y - placed.center.y) / placed.box.height;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 'right' : 'left';
  return dy >= 0 ? 'bottom' : 'top';
}

/** Where a connector meets its item: the given point (percentages of the item), the snapped side, or the side facing the other end. */
function anchor(placed: LaidOutItem, end: ConnectorEndSnapshot, toward: Point): Anchor {
  const u = percent(end.position?.x);
  const v = percent(end.position?.y);
  if (u !== undefined && v !== undefined) {
    const point = { x: placed.box.x + u * placed.box.width, y: placed.box.y + v * placed.box.height };
    const distances: [Side, number][] = [
      ['left', u],
      ['right', 1 - u],
      ['top', v],
      ['bottom', 1 - v],
    ];
    distances.sort((a, b) => a[1] - b[1]);
    return { point, side: distances[0]?.[0] ?? 'right' };
  }
  const snapped = end.snapTo;
  const side =
    snapped === 'top' || snapped === 'right' || snapped === 'bottom' || snapped === 'left'
      ? snapped
      : facingSide(placed, toward);
  return { point: sidePoint(placed, side), side };
}

export interface ConnectorRoute {
  readonly start: Point;
  readonly end: Point;
  readonly d: string;
  /** The point at fraction `t` (0..1) along the connector, for captions. */
  pointAt(t: number): Point;
}

function polyline(points: readonly Point[]): ConnectorRoute {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - (points[i] as Point).x, p.y - (points[i] as Point).y));
  const total = lengths.reduce((a, b) => a + b, 0);
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  return {
    start: first,
    end: last,
    d: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join(' '),
    pointAt(t) {
      let remaining = t * total;
      for (let i = 0; i < lengths.length; i++) {
        const length = lengths[i] as number;
        const a = points[i] as Point;
        const b = points[i + 1] as Point;
        if (remaining <= length || i === lengths.length - 1) {
          const f = length === 0 ? 0 : Math.min(1, remaining / length);
          return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
        }
        remaining -= length;
      }
      return first;
    },
  };
}

function elbow(start: Anchor, end: Anchor): Point[] {
  const s = start.point;
  const e = end.point;
  const startAcross = start.side === 'left' || start.side === 'right';
  const endAcross = end.side === 'left' || end.side === 'right';
  if (startAcross && endAcross) {
    const mx = (s.x + e.x) / 2;
    return [s, { x: mx, y: s.y }, { x: mx, y: e.y }, e];
  }
  if (!startAcross && !endAcross) {
    const my = (s.y + e.y) / 2;
    return [s, { x: s.x, y: my }, { x: e.x, y: my }, e];
  }
  return startAcross ? [s, { x: e.x, y: s.y }, e] : [s, { x: s.x, y: e.y }, e];
}

function curve(start: Anchor, end: Anchor): ConnectorRoute {
  const s = start.point;
  const e = end.point;
  const reach = Math.max(40, Math.hypot(e.x - s.x, e.y - s.y) * 0.4);
  const c1 = { x: s.x + NORMALS[start.side].x * reach, y: s.y + NORMALS[start.side].y * reach };
  const c2 = { x: e.x + NORMALS[end.side].x * reach, y: e.y + NORMALS[end.side].y * reach };
  return {
    start: s,
    end: e,
    d: `M${n(s.x)} ${n(s.y)} C${n(c1.x)} ${n(c1.y)} ${n(c2.x)} ${n(c2.y)} ${n(e.x)} ${n(e.y)}`,
    pointAt(t) {
      const u = 1 - t;
      const bezier = (a: number, b: number, c: number, d: number) =>
        u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
      return { x: bezier(s.x, c1.x, c2.x, e.x), y: bezier(s.y, c1.y, c2.y, e.y) };
    },
  };
}

/** The line a connector draws between its two items. */
export function routeConnector(connector: ConnectorSnapshot, from: LaidOutItem, to: LaidOutItem): ConnectorRoute {
  const start = anchor(from, connector.startItem, to.center);
  const end = anchor(to, connector.endItem, from.center);
  if (connector.shape === 'curved') return curve(start, end);
  if (connector.shape === 'elbowed') return polyline(elbow(start, end));
  return polyline([start.point, end.point]);
}

/** Arrowheads, one marker per cap kind and colour, collected while connectors are drawn. */
export class Markers {
  private readonly ids = new Map<string, string>();
  private readonly defined: Markup[] = [];

  /** The `url(#id)` of a marker for the cap, or `undefined` for no cap. */
  use(cap: string, color: string): string | undefined {
    const kind = CAP_KINDS[cap] ?? (cap === 'none' ? undefined : 'arrow');
    if (!kind) return undefined;
    const key = `${kind}|${color}`;
    let id = this.ids.get(key);
    if (!id) {
      id = `marker-${this.ids.size}`;
      this.ids.set(key, id);
      this.defined.push(markerDefinition(id, kind, color));
    }
    return `url(#${id})`;
  }

  definitions(): readonly Markup[] {
    return this.defined;
  }
}

type CapKind =
  | 'stealth'
  | 'arrow'
  | 'triangle'
  | 'filled_triangle'
  | 'diamond'
  | 'filled_diamond'
  | 'oval'
  | 'filled_oval';

const CAP_KINDS: Readonly<Record<string, CapKind>> = {
  stealth: 'stealth',
  rounded_stealth: 'stealth',
  arrow: 'arrow',
  triangle: 'triangle',
  filled_triangle: 'filled_triangle',
  diamond: 'diamond',
  filled_diamond: 'filled_diamond',
  oval: 'oval',
  filled_oval: 'filled_oval',
};

function markerDefinition(id: string, kind: CapKind, color: string): Markup {
  const filled = kind === 'stealth' || kind.startsWith('filled_');
  const paint = markup`fill="${filled ? color : kind === 'arrow' ? 'none' : '#ffffff'}" stroke="${color}" stroke-width="1.2"`;
  const shape =
    kind === 'stealth'
      ? markup`<path d="M0 0 L10 5 L0 10 L3 5 Z" ${paint}/>`
      : kind === 'arrow'
        ? markup`<path d="M1 1 L9 5 L1 9" ${paint} stroke-linecap="round" stroke-linejoin="round"/>`
        : kind.endsWith('triangle')
          ? markup`<path d="M1 1 L9 5 L1 9 Z" ${paint}/>`
          : kind.endsWith('diamond')
            ? markup`<path d="M1 5 L5 1.5 L9 5 L5 8.5 Z" ${paint}/>`
            : markup`<circle cx="5" cy="5" r="3.5" ${paint}/>`;
  return markup`<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="strokeWidth" orient="auto-start-reverse">${shape}</marker>`;
}

const DASHES: Readonly<Record<string, string>> = { dashed: '10 6', dotted: '2 5' };

/** One connector: its line, arrowheads and captions. */
export function connectorSvg(
  connector: ConnectorSnapshot,
  route: ConnectorRoute,
  markers: Markers,
  describe: string,
): Markup {
  const style = connector.style;
  const color = cssColor(style.strokeColor, '#1a1a1a');
  const width = Math.min(24, Math.max(0.5, Number.parseFloat(String(style.strokeWidth ?? '2')) || 2));
  const startCap = markers.use(typeof style.startStrokeCap === 'string' ? style.startStrokeCap : 'none', color);
  const endCap = markers.use(typeof style.endStrokeCap === 'string' ? style.endStrokeCap : 'stealth', color);
  const dash = DASHES[String(style.strokeStyle ?? 'normal')];
  const fontSize = Math.min(72, Math.max(6, Number.parseFloat(String(style.fontSize ?? '14')) || 14));
  const textColor = cssColor(style.color, '#1a1a1a');
  const captions = connector.captions.map((caption) => {
    const at = route.pointAt(percent(caption.position ?? '50%') ?? 0.5);
    const lines = contentText(caption.content).split('\n');
    const top = at.y - ((lines.length - 1) * fontSize * LINE_HEIGHT) / 2;
    return markup`<text class="caption" x="${at.x}" y="${top}" font-size="${fontSize}" fill="${textColor}" text-anchor="middle" dominant-baseline="central" paint-order="stroke" stroke="#ffffff" stroke-width="${fontSize / 3}" stroke-linejoin="round">${lines.map(
      (line, i) => markup`<tspan x="${at.x}" y="${top + i * fontSize * LINE_HEIGHT}">${line}</tspan>`,
    )}</text>`;
  });
  return markup`<g class="connector" id="connector-${connector.id}" data-connector-id="${connector.id}" data-start-item="${connector.startItem.id}" data-end-item="${connector.endItem.id}" data-start="${route.start.x},${route.start.y}" data-end="${route.end.x},${route.end.y}"><title>${describe}</title><path d="${route.d}" fill="none" stroke="${color}" stroke-width="${width}"${dash ? markup` stroke-dasharray="${dash}"` : ''}${startCap ? markup` marker-start="${startCap}"` : ''}${endCap ? markup` marker-end="${endCap}"` : ''} stroke-linecap="round" stroke-linejoin="round"/>${captions}</g>`;
}
