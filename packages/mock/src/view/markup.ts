/**
 * Markup built only through the `markup` tag: every interpolated value is escaped unless it is
 * itself `Markup`, so text from the simulation (a sticky note's content, a board name) can never
 * become an element or an attribute. One escaping serves HTML text, attribute values and SVG.
 */
export class Markup {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** Values a `markup` template accepts; `null`, `undefined` and `false` render as nothing. */
export type MarkupValue = Markup | string | number | null | undefined | false | readonly MarkupValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: MarkupValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') return formatNumber(value);
  return escapeMarkup(value as string);
}

export function markup(strings: TemplateStringsArray, ...values: readonly MarkupValue[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Coordinates with at most two decimals: the page stays small and the output stable. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
