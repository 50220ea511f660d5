// Text for SVG, which does not wrap: Miro's little content HTML turned into lines that fit a box.

/** The tags Miro's content HTML uses for formatting; any other `<...>` is the user's text. */
const FORMAT_TAG = /<\/?(?:p|br|strong|b|em|i|u|s|span|a|ol|ul|li|div)(?:\s[^<>]*)?\/?>/gi;
const BREAK_TAG = /<(?:br\s*\/?|\/p|\/li|\/div)>/gi;
const ENTITY = /&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : '';
}

/**
 * The plain text of Miro content (`<p>Ship &amp; go</p>` is `Ship & go`): formatting tags become
 * line breaks or vanish, entities are decoded, and anything else, `<script>` included, stays as
 * the characters it is (the markup layer escapes it).
 */
export function contentText(content: unknown): string {
  if (typeof content !== 'string') return '';
  return content
    .replace(BREAK_TAG, '\n')
    .replace(FORMAT_TAG, '')
    .replace(ENTITY, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name.toLowerCase()] ?? '';
      return codePoint(Number.parseInt(dec ?? hex ?? '', dec ? 10 : 16));
    })
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

export const LINE_HEIGHT = 1.3;

/** Estimated advance of a character in ems, for a sans-serif face (wide CJK, wider capitals). */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1;
  if (/[A-Z@%&MWmw]/.test(char)) return 0.72;
  if (/[ijlI.,;:'|!]/.test(char)) return 0.28;
  return 0.54;
}

export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += charWidth(char);
  return ems * fontSize;
}

/** Greedy word wrap; a word longer than the line is cut. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate, fontSize) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = '';
      let rest = word;
      while (textWidth(rest, fontSize) > width && rest.length > 1) {
        let cut = 1;
        while (cut < rest.length && textWidth(rest.slice(0, cut + 1), fontSize) <= width) cut += 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export interface TextBlock {
  readonly lines: readonly string[];
  readonly fontSize: number;
}

const AUTO_SIZES = [64, 48, 40, 36, 32, 28, 24, 20, 18, 16, 14, 12, 10, 8];

/**
 * Lines of `text` in a box: at `fontSize` when given (lines past the box's height are cut, the
 * last ending in an ellipsis), else at the largest size that fits, as Miro sizes sticky note text.
 */
export function fitText(text: string, box: { width: number; height: number }, fontSize?: number): TextBlock {
  if (text === '') return { lines: [], fontSize: fontSize ?? 14 };
  const width = Math.max(box.width, 1);
  if (fontSize === undefined) {
    for (const size of AUTO_SIZES) {
      const lines = wrapText(text, width, size);
      if (lines.length * size * LINE_HEIGHT <= box.height) return { lines, fontSize: size };
    }
  }
  const size = fontSize ?? AUTO_SIZES[AUTO_SIZES.length - 1] ?? 8;
  const lines = wrapText(text, width, size);
  const room = Math.max(1, Math.floor(box.height / (size * LINE_HEIGHT)));
  if (lines.length <= room) return { lines, fontSize: size };
  const kept = lines.slice(0, room);
  kept[room - 1] = `${kept[room - 1] ?? ''}…`;
  return { lines: kept, fontSize: size };
}

/** A one-line label cut to a width, with an ellipsis when cut. */
export function clip(text: string, width: number, fontSize: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (textWidth(line, fontSize) <= width) return line;
  let end = line.length;
  while (end > 0 && textWidth(`${line.slice(0, end)}…`, fontSize) > width) end -= 1;
  return `${line.slice(0, end)}…`;
}
