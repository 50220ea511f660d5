import type { STICKY_COLORS } from '../sim/item-kinds.js';
import type { TAG_COLORS } from '../sim/tags.js';

/** The colours Miro paints its named sticky note fills with. */
const STICKY_FILLS: Readonly<Record<(typeof STICKY_COLORS)[number], string>> = {
  gray: '#f5f6f8',
  light_yellow: '#fff9b1',
  yellow: '#f5d128',
  orange: '#ff9d48',
  light_green: '#d5f692',
  green: '#c9df56',
  dark_green: '#93d275',
  cyan: '#67c6c0',
  light_pink: '#ffcee0',
  pink: '#ea94bb',
  violet: '#c6a2d2',
  red: '#f0939d',
  light_blue: '#a6ccf5',
  blue: '#6cd8fa',
  dark_blue: '#9ea9ff',
  black: '#1a1a1a',
};

const TAG_FILLS: Readonly<Record<(typeof TAG_COLORS)[number], string>> = {
  red: '#f24726',
  light_green: '#cee741',
  cyan: '#12cdd4',
  yellow: '#fac710',
  magenta: '#da0063',
  green: '#8fd14f',
  blue: '#2d9bf0',
  gray: '#808080',
  violet: '#9510ac',
  dark_green: '#0ca789',
  dark_blue: '#414bb2',
  black: '#1a1a1a',
};

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A colour from item data, used only when it is a hex colour or `transparent`; else the fallback. */
export function cssColor(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const color = value.trim();
  return HEX.test(color) || color === 'transparent' ? color : fallback;
}

function lookup<K extends string>(table: Readonly<Record<K, string>>, name: unknown): string | undefined {
  return typeof name === 'string' && Object.hasOwn(table, name) ? table[name as K] : undefined;
}

export function stickyFill(name: unknown): string {
  return lookup(STICKY_FILLS, name) ?? cssColor(name, STICKY_FILLS.light_yellow);
}

export function tagFill(name: unknown): string {
  return lookup(TAG_FILLS, name) ?? cssColor(name, TAG_FILLS.red);
}

/** Black or white, whichever reads better on the fill. */
export function textOn(fill: string): string {
  const hex = fill.replace('#', '');
  if (!/^[0-9a-f]{6}/i.test(hex)) return '#1a1a1a';
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? '#ffffff' : '#1a1a1a';
}
