import type { Box } from './geometry.js';
import { formatNumber as n } from './markup.js';

/** An SVG path for a shape of Miro's `data.shape`, filling its box; `open` shapes take no fill. */
export interface ShapeOutline {
  readonly d: string;
  readonly open: boolean;
}

type UnitPoint = readonly [number, number];

function polygon(box: Box, points: readonly UnitPoint[]): string {
  return `${points.map(([u, v], i) => `${i === 0 ? 'M' : 'L'}${n(box.x + u * box.width)} ${n(box.y + v * box.height)}`).join(' ')} Z`;
}

function regular(sides: number, startDegrees: number): UnitPoint[] {
  return Array.from({ length: sides }, (_, k) => {
    const angle = ((startDegrees + (360 / sides) * k) * Math.PI) / 180;
    return [0.5 + 0.5 * Math.cos(angle), 0.5 + 0.5 * Math.sin(angle)] as const;
  });
}

function star(): UnitPoint[] {
  return Array.from({ length: 10 }, (_, k) => {
    const radius = k % 2 === 0 ? 0.5 : 0.2;
    const angle = ((-90 + 36 * k) * Math.PI) / 180;
    return [0.5 + radius * Math.cos(angle), 0.52 + radius * Math.sin(angle)] as const;
  });
}

/** A rectangle with rounded corners, as a path. */
export function roundedRect(box: Box, radius: number): string {
  const r = Math.min(radius, box.width / 2, box.height / 2);
  const { x, y, width: w, height: h } = box;
  return (
    `M${n(x + r)} ${n(y)} H${n(x + w - r)} A${n(r)} ${n(r)} 0 0 1 ${n(x + w)} ${n(y + r)} ` +
    `V${n(y + h - r)} A${n(r)} ${n(r)} 0 0 1 ${n(x + w - r)} ${n(y + h)} H${n(x + r)} ` +
    `A${n(r)} ${n(r)} 0 0 1 ${n(x)} ${n(y + h - r)} V${n(y + r)} A${n(r)} ${n(r)} 0 0 1 ${n(x + r)} ${n(y)} Z`
  );
}

function ellipse(box: Box): string {
  const rx = box.width / 2;
  const ry = box.height / 2;
  const cy = box.y + ry;
  return `M${n(box.x)} ${n(cy)} A${n(rx)} ${n(ry)} 0 1 1 ${n(box.x + box.width)} ${n(cy)} A${n(rx)} ${n(ry)} 0 1 1 ${n(box.x)} ${n(cy)} Z`;
}

function can(box: Box): string {
  const { x, y, width: w, height: h } = box;
  const rx = w / 2;
  const ry = Math.min(h * 0.12, w * 0.25);
  return (
    `M${n(x)} ${n(y + ry)} A${n(rx)} ${n(ry)} 0 0 1 ${n(x + w)} ${n(y + ry)} V${n(y + h - ry)} ` +
    `A${n(rx)} ${n(ry)} 0 0 1 ${n(x)} ${n(y + h - ry)} Z M${n(x)} ${n(y + ry)} A${n(rx)} ${n(ry)} 0 0 0 ${n(x + w)} ${n(y + ry)}`
  );
}

function cloud(box: Box): string {
  const at = (u: number, v: number) => `${n(box.x + u * box.width)} ${n(box.y + v * box.height)}`;
  const arc = (r: number, u: number, v: number) => `A${n(r * box.width)} ${n(r * box.height)} 0 0 1 ${at(u, v)}`;
  return `M${at(0.22, 0.88)} ${arc(0.2, 0.12, 0.45)} ${arc(0.22, 0.4, 0.18)} ${arc(0.2, 0.72, 0.2)} ${arc(0.2, 0.9, 0.55)} ${arc(0.2, 0.72, 0.88)} Z`;
}

function brace(box: Box, side: 'left' | 'right'): string {
  const u = (value: number) => n(box.x + (side === 'left' ? value : 1 - value) * box.width);
  const v = (value: number) => n(box.y + value * box.height);
  return (
    `M${u(0.8)} ${v(0)} Q${u(0.45)} ${v(0)} ${u(0.45)} ${v(0.15)} V${v(0.38)} Q${u(0.45)} ${v(0.5)} ${u(0.15)} ${v(0.5)} ` +
    `Q${u(0.45)} ${v(0.5)} ${u(0.45)} ${v(0.62)} V${v(0.85)} Q${u(0.45)} ${v(1)} ${u(0.8)} ${v(1)}`
  );
}

const POLYGONS: Readonly<Record<string, readonly UnitPoint[]>> = {
  triangle: [
    [0.5, 0],
    [1, 1],
    [0, 1],
  ],
  rhombus: [
    [0.5, 0],
    [1, 0.5],
    [0.5, 1],
    [0, 0.5],
  ],
  parallelogram: [
    [0.2, 0],
    [1, 0],
    [0.8, 1],
    [0, 1],
  ],
  trapezoid: [
    [0.2, 0],
    [0.8, 0],
    [1, 1],
    [0, 1],
  ],
  pentagon: regular(5, -90),
  hexagon: regular(6, 0),
  octagon: regular(8, 22.5),
  star: star(),
  cross: [
    [0.33, 0],
    [0.67, 0],
    [0.67, 0.33],
    [1, 0.33],
    [1, 0.67],
    [0.67, 0.67],
    [0.67, 1],
    [0.33, 1],
    [0.33, 0.67],
    [0, 0.67],
    [0, 0.33],
    [0.33, 0.33],
  ],
  right_arrow: [
    [0, 0.25],
    [0.6, 0.25],
    [0.6, 0],
    [1, 0.5],
    [0.6, 1],
    [0.6, 0.75],
    [0, 0.75],
  ],
  left_arrow: [
    [1, 0.25],
    [0.4, 0.25],
    [0.4, 0],
    [0, 0.5],
    [0.4, 1],
    [0.4, 0.75],
    [1, 0.75],
  ],
  left_right_arrow: [
    [0, 0.5],
    [0.25, 0],
    [0.25, 0.25],
    [0.75, 0.25],
    [0.75, 0],
    [1, 0.5],
    [0.75, 1],
    [0.75, 0.75],
    [0.25, 0.75],
    [0.25, 1],
  ],
  wedge_round_rectangle_callout: [
    [0, 0],
    [1, 0],
    [1, 0.8],
    [0.4, 0.8],
    [0.15, 1],
    [0.22, 0.8],
    [0, 0.8],
  ],
};

/** The outline of a shape kind; kinds this view does not draw get a rectangle (their name is in the item list). */
export function shapeOutline(kind: string, box: Box): ShapeOutline {
  const points = POLYGONS[kind];
  if (points) return { d: polygon(box, points), open: false };
  switch (kind) {
    case 'circle':
      return { d: ellipse(box), open: false };
    case 'round_rectangle':
      return { d: roundedRect(box, Math.min(box.width, box.height) * 0.15), open: false };
    case 'can':
      return { d: can(box), open: false };
    case 'cloud':
      return { d: cloud(box), open: false };
    case 'left_brace':
    case 'right_brace':
      return { d: brace(box, kind === 'left_brace' ? 'left' : 'right'), open: true };
    case 'flow_chart_predefined_process': {
      const inner = box.width * 0.1;
      const { x, y, height: h } = box;
      const lines = `M${n(x + inner)} ${n(y)} V${n(y + h)} M${n(x + box.width - inner)} ${n(y)} V${n(y + h)}`;
      return { d: `${roundedRect(box, 0)} ${lines}`, open: false };
    }
    default:
      return { d: roundedRect(box, 0), open: false };
  }
}
