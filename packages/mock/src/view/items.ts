import { cssColor, stickyFill, tagFill, textOn } from './colors.js';
import type { Box, LaidOutItem } from './geometry.js';
import { markup, type Markup } from './markup.js';
import { roundedRect, shapeOutline } from './shapes.js';
import type { ResourceSnapshot, TagSnapshot } from './snapshot.js';
import { clip, contentText, fitText, LINE_HEIGHT, textWidth } from './text.js';

/** What drawing an item needs besides the item: the board's tags and uploaded files. */
export interface ItemContext {
  readonly tags: ReadonlyMap<string, TagSnapshot>;
  /** The uploaded file an item's `imageUrl`/`documentUrl` points at, if it is one of this board's. */
  resourceOf(url: unknown): ResourceSnapshot | undefined;
  /** Where the board view serves an uploaded file. */
  resourceHref(resource: ResourceSnapshot): string;
}

type Align = 'left' | 'center' | 'right';
type VerticalAlign = 'top' | 'middle' | 'bottom';

interface TextStyle {
  readonly align: Align;
  readonly verticalAlign: VerticalAlign;
  readonly color: string;
  readonly fontFamily: string;
  /** Fixed size; absent, the largest that fits. */
  readonly fontSize?: number | undefined;
  readonly bold?: boolean;
  readonly className: string;
}

const ANCHORS: Readonly<Record<Align, string>> = { left: 'start', center: 'middle', right: 'end' };

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function num(value: unknown, fallback: number): number {
  const parsed = typeof value === 'number' ? value : Number.parseFloat(str(value));
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function align(value: unknown, fallback: Align): Align {
  return value === 'left' || value === 'center' || value === 'right' ? value : fallback;
}

function verticalAlign(value: unknown, fallback: VerticalAlign): VerticalAlign {
  return value === 'top' || value === 'middle' || value === 'bottom' ? value : fallback;
}

/** Miro's font names (`open_sans`) as a CSS font list. */
function fontFamily(value: unknown): string {
  const name = str(value);
  if (!/^[a-z_]{2,40}$/.test(name) || name === 'arial') return 'Arial, Helvetica, sans-serif';
  return `${name.replace(/_/g, ' ')}, Arial, Helvetica, sans-serif`;
}

function inset(box: Box, left: number, top = left, right = left, bottom = top): Box {
  return {
    x: box.x + left,
    y: box.y + top,
    width: Math.max(1, box.width - left - right),
    height: Math.max(1, box.height - top - bottom),
  };
}

/** Lines of text in a box, wrapped and aligned; nothing when the text is empty. */
function textIn(text: string, box: Box, style: TextStyle): Markup | undefined {
  const block = fitText(text, box, style.fontSize);
  if (block.lines.length === 0) return undefined;
  const lineHeight = block.fontSize * LINE_HEIGHT;
  const total = block.lines.length * lineHeight;
  const top =
    style.verticalAlign === 'top'
      ? box.y
      : style.verticalAlign === 'bottom'
        ? box.y + box.height - total
        : box.y + (box.height - total) / 2;
  const x = style.align === 'left' ? box.x : style.align === 'right' ? box.x + box.width : box.x + box.width / 2;
  return markup`<text class="${style.className}" font-size="${block.fontSize}" fill="${style.color}" font-family="${style.fontFamily}" text-anchor="${ANCHORS[style.align]}"${style.bold ? markup` font-weight="bold"` : ''}>${block.lines.map(
    (line, i) =>
      markup`<tspan x="${x}" y="${top + i * lineHeight + lineHeight / 2}" dominant-baseline="central">${line}</tspan>`,
  )}</text>`;
}

/** Tag pills in a row along the bottom of `area`; those that do not fit are counted in a last `+N`. */
function tagPills(tagIds: readonly string[], context: ItemContext, area: Box): Markup[] {
  const height = area.height;
  const fontSize = height * 0.62;
  const padding = height * 0.45;
  const gap = height * 0.3;
  const pills: Markup[] = [];
  let x = area.x;
  for (const [index, tagId] of tagIds.entries()) {
    const tag = context.tags.get(tagId);
    if (!tag) continue;
    const label = clip(tag.title, area.width * 0.6, fontSize);
    const width = textWidth(label, fontSize) + 2 * padding;
    const left = tagIds.length - index;
    if (x + width > area.x + area.width && pills.length > 0) {
      pills.push(
        markup`<text class="tag-more" x="${x}" y="${area.y + height / 2}" dominant-baseline="central" font-size="${fontSize}" fill="#555">+${left}</text>`,
      );
      break;
    }
    const fill = tagFill(tag.fillColor);
    pills.push(
      markup`<g class="tag" data-tag-id="${tag.id}"><rect x="${x}" y="${area.y}" width="${width}" height="${height}" rx="${height / 2}" fill="${fill}"/><text x="${x + width / 2}" y="${area.y + height / 2}" dominant-baseline="central" text-anchor="middle" font-size="${fontSize}" fill="${textOn(fill)}" font-family="Arial, Helvetica, sans-serif">${label}</text></g>`,
    );
    x += width + gap;
  }
  return pills;
}

function stickyNote(placed: LaidOutItem, context: ItemContext): Markup {
  const { box, item } = placed;
  const fill = stickyFill(item.style.fillColor);
  const pad = Math.min(box.width, box.height) * 0.08;
  const tagHeight = item.tagIds.length > 0 ? Math.max(10, Math.min(28, box.height * 0.1)) : 0;
  const textBox = inset(box, pad, pad, pad, pad + (tagHeight > 0 ? tagHeight + pad / 2 : 0));
  const tagArea = {
    x: box.x + pad,
    y: box.y + box.height - pad - tagHeight,
    width: box.width - 2 * pad,
    height: tagHeight,
  };
  return markup`<rect class="body" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${fill}" filter="url(#shadow)"/>${textIn(
    contentText(item.data.content),
    textBox,
    {
      align: align(item.style.textAlign, 'center'),
      verticalAlign: verticalAlign(item.style.textAlignVertical, 'top'),
      color: textOn(fill),
      fontFamily: fontFamily(undefined),
      className: 'content',
    },
  )}${tagPills(item.tagIds, context, tagArea)}`;
}

function shape(placed: LaidOutItem): Markup {
  const { box, item } = placed;
  const style = item.style;
  const outline = shapeOutline(str(item.data.shape) || 'rectangle', box);
  const borderWidth = Math.min(24, num(style.borderWidth, 2));
  const borderStyle = str(style.borderStyle);
  const dash =
    borderStyle === 'dashed'
      ? markup` stroke-dasharray="${borderWidth * 4} ${borderWidth * 3}"`
      : borderStyle === 'dotted'
        ? markup` stroke-dasharray="${borderWidth} ${borderWidth * 2}"`
        : '';
  const fill = outline.open ? 'none' : cssColor(style.fillColor, '#ffffff');
  const fillOpacity = Math.min(1, num(style.fillOpacity, 1));
  const borderOpacity = Math.min(1, num(style.borderOpacity, 1));
  const pad = Math.min(box.width, box.height) * 0.1;
  return markup`<path class="body" d="${outline.d}" fill="${fill}" fill-opacity="${fillOpacity}" stroke="${cssColor(style.borderColor, '#1a1a1a')}" stroke-opacity="${borderOpacity}" stroke-width="${borderWidth}" stroke-linejoin="round"${dash}/>${textIn(
    contentText(item.data.content),
    inset(box, pad),
    {
      align: align(style.textAlign, 'center'),
      verticalAlign: verticalAlign(style.textAlignVertical, 'middle'),
      color: cssColor(style.color, '#1a1a1a'),
      fontFamily: fontFamily(style.fontFamily),
      fontSize: num(style.fontSize, 14),
      className: 'content',
    },
  )}`;
}

function text(placed: LaidOutItem): Markup {
  const { box, item } = placed;
  const fill = cssColor(item.style.fillColor, 'transparent');
  const background =
    fill === 'transparent'
      ? ''
      : markup`<rect class="body" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${fill}" fill-opacity="${Math.min(1, num(item.style.fillOpacity, 1))}"/>`;
  return markup`${background}${textIn(contentText(item.data.content), box, {
    align: align(item.style.textAlign, 'left'),
    verticalAlign: 'top',
    color: cssColor(item.style.color, '#1a1a1a'),
    fontFamily: fontFamily(item.style.fontFamily),
    fontSize: num(item.style.fontSize, 14),
    className: 'content',
  })}`;
}

/** A card's layout unit: text and padding grow with the card, from Miro's default 320 x 94. */
function cardScale(box: Box): number {
  return Math.max(0.4, Math.min(box.width / 320, box.height / 94, 4));
}

function cardFrame(box: Box, s: number): Markup {
  return markup`<path class="body" d="${roundedRect(box, 6 * s)}" fill="#ffffff" stroke="#d9dce1" stroke-width="${s}" filter="url(#shadow)"/>`;
}

function cardText(item: LaidOutItem['item'], box: Box, s: number, footer: boolean): Markup {
  const pad = 12 * s;
  const area = inset(box, pad + 4 * s, pad, pad, pad + (footer ? 18 * s : 0));
  const titleSize = 14 * s;
  const title = textIn(
    contentText(item.data.title),
    { ...area, height: Math.min(area.height, titleSize * LINE_HEIGHT * 2) },
    {
      align: 'left',
      verticalAlign: 'top',
      color: '#1a1a1a',
      fontFamily: fontFamily(undefined),
      fontSize: titleSize,
      bold: true,
      className: 'title',
    },
  );
  const titleLines = fitText(contentText(item.data.title), area, titleSize).lines.length;
  const used = Math.min(2, titleLines) * titleSize * LINE_HEIGHT + 2 * s;
  const description = textIn(contentText(item.data.description), inset(area, 0, used, 0, 0), {
    align: 'left',
    verticalAlign: 'top',
    color: '#5f6369',
    fontFamily: fontFamily(undefined),
    fontSize: 12 * s,
    className: 'description',
  });
  return markup`${title}${description}`;
}

function card(placed: LaidOutItem, context: ItemContext): Markup {
  const { box, item } = placed;
  const s = cardScale(box);
  const theme = cssColor(item.style.cardTheme, '#2d9bf0');
  const due = str(item.data.dueDate).slice(0, 10);
  const assignee = str(item.data.assigneeId);
  const footer = due !== '' || assignee !== '' || item.tagIds.length > 0;
  const footerY = box.y + box.height - 12 * s - 14 * s;
  const footerText = [due ? `Due ${due}` : '', assignee ? `Assignee ${assignee}` : '']
    .filter((t) => t !== '')
    .join(' · ');
  const tagX = box.x + 16 * s + (footerText ? textWidth(footerText, 11 * s) + 10 * s : 0);
  return markup`${cardFrame(box, s)}<rect class="theme" x="${box.x}" y="${box.y}" width="${5 * s}" height="${box.height}" rx="${2 * s}" fill="${theme}"/>${cardText(item, box, s, footer)}${
    footerText
      ? markup`<text class="meta" x="${box.x + 16 * s}" y="${footerY + 7 * s}" dominant-baseline="central" font-size="${11 * s}" fill="#5f6369" font-family="Arial, Helvetica, sans-serif">${footerText}</text>`
      : ''
  }${tagPills(item.tagIds, context, { x: tagX, y: footerY, width: box.x + box.width - 12 * s - tagX, height: 14 * s })}`;
}

const STATUS_COLORS: Readonly<Record<string, string>> = {
  connected: '#1fb36b',
  disconnected: '#9aa0a6',
  disabled: '#e5484d',
};

function appCard(placed: LaidOutItem): Markup {
  const { box, item } = placed;
  const s = cardScale(box);
  const accent = cssColor(item.style.fillColor, '#2d9bf0');
  const status = str(item.data.status) || 'disconnected';
  const fields = Array.isArray(item.data.fields) ? (item.data.fields as unknown[]) : [];
  const pillHeight = 14 * s;
  const pillY = box.y + box.height - 12 * s - pillHeight;
  let x = box.x + 16 * s;
  const pills: Markup[] = [];
  for (const field of fields) {
    if (typeof field !== 'object' || field === null) continue;
    const f = field as Record<string, unknown>;
    const label = clip(str(f.value) || str(f.tooltip), box.width * 0.4, 10 * s);
    if (label === '') continue;
    const width = textWidth(label, 10 * s) + 12 * s;
    if (x + width > box.x + box.width - 12 * s) break;
    const fill = cssColor(f.fillColor, '#eef0f3');
    pills.push(
      markup`<g class="field"><rect x="${x}" y="${pillY}" width="${width}" height="${pillHeight}" rx="${3 * s}" fill="${fill}"/><text x="${x + 6 * s}" y="${pillY + pillHeight / 2}" dominant-baseline="central" font-size="${10 * s}" fill="${cssColor(f.textColor, textOn(fill))}" font-family="Arial, Helvetica, sans-serif">${label}</text></g>`,
    );
    x += width + 6 * s;
  }
  return markup`${cardFrame(box, s)}<rect class="accent" x="${box.x}" y="${box.y}" width="${box.width}" height="${4 * s}" rx="${2 * s}" fill="${accent}"/><circle class="status" data-status="${status}" cx="${box.x + box.width - 14 * s}" cy="${box.y + 14 * s}" r="${4 * s}" fill="${STATUS_COLORS[status] ?? '#9aa0a6'}"><title>${status}</title></circle>${cardText(item, inset(box, 0, 0, 12 * s, 0), s, pills.length > 0)}${pills}`;
}

function frame(placed: LaidOutItem): Markup {
  const { box, item } = placed;
  const titleSize = Math.max(12, Math.min(64, box.width * 0.025));
  const title = clip(contentText(item.data.title), box.width, titleSize);
  return markup`<rect class="body" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${cssColor(item.style.fillColor, '#ffffff')}" stroke="#c9ccd1" stroke-width="${Math.max(1, box.width / 800)}"/><text class="frame-title" x="${box.x}" y="${box.y - titleSize * 0.5}" font-size="${titleSize}" fill="#5f6369" font-family="Arial, Helvetica, sans-serif">${title}</text>`;
}

function caption(box: Box, label: string, color: string): Markup | undefined {
  const fontSize = Math.max(10, Math.min(32, box.width * 0.075));
  const line = clip(label, box.width * 0.9, fontSize);
  if (line === '') return undefined;
  return markup`<text class="label" x="${box.x + box.width / 2}" y="${box.y + box.height * 0.78}" dominant-baseline="central" text-anchor="middle" font-size="${fontSize}" fill="${color}" font-family="Arial, Helvetica, sans-serif">${line}</text>`;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function image(placed: LaidOutItem, context: ItemContext): Markup {
  const { box, item } = placed;
  const url = str(item.data.imageUrl);
  const resource = context.resourceOf(url);
  if (resource?.contentType.startsWith('image/')) {
    return markup`<image class="picture" href="${context.resourceHref(resource)}" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" preserveAspectRatio="xMidYMid meet"/>`;
  }
  // A picture from elsewhere is not fetched: the view works offline and sends nothing out.
  const icon = Math.min(box.width, box.height) * 0.3;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height * 0.42;
  return markup`<rect class="placeholder" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#eef0f3" stroke="#c7cad1" stroke-width="${Math.max(1, icon / 40)}"/><path d="M${cx - icon} ${cy + icon * 0.6} L${cx - icon * 0.35} ${cy - icon * 0.25} L${cx + icon * 0.1} ${cy + icon * 0.3} L${cx + icon * 0.45} ${cy} L${cx + icon} ${cy + icon * 0.6} Z" fill="#b4b9c2"/><circle cx="${cx + icon * 0.55}" cy="${cy - icon * 0.45}" r="${icon * 0.18}" fill="#b4b9c2"/>${caption(box, contentText(item.data.title) || hostOf(url) || 'image', '#5f6369')}`;
}

function extensionOf(...names: string[]): string {
  for (const name of names) {
    const path = URL.canParse(name) ? new URL(name).pathname : name;
    const match = /\.([a-z0-9]{1,5})$/i.exec(path);
    if (match?.[1]) return match[1].toUpperCase();
  }
  return 'DOC';
}

function documentItem(placed: LaidOutItem, context: ItemContext): Markup {
  const { box, item } = placed;
  const url = str(item.data.documentUrl);
  const resource = context.resourceOf(url);
  const title = contentText(item.data.title);
  const fold = Math.min(box.width, box.height) * 0.18;
  const { x, y, width: w, height: h } = box;
  const badge = Math.min(w * 0.5, h * 0.2);
  const extension = extensionOf(resource?.name ?? '', title, url);
  return markup`<path class="page" d="M${x} ${y} H${x + w - fold} L${x + w} ${y + fold} V${y + h} H${x} Z" fill="#ffffff" stroke="#c7cad1" stroke-width="${Math.max(1, w / 200)}" filter="url(#shadow)"/><path d="M${x + w - fold} ${y} V${y + fold} H${x + w}" fill="#eef0f3" stroke="#c7cad1" stroke-width="${Math.max(1, w / 200)}"/><rect class="badge" x="${x + w / 2 - badge}" y="${y + h * 0.35}" width="${badge * 2}" height="${badge}" rx="${badge * 0.15}" fill="#e5484d"/><text x="${x + w / 2}" y="${y + h * 0.35 + badge / 2}" dominant-baseline="central" text-anchor="middle" font-size="${badge * 0.5}" font-weight="bold" fill="#ffffff" font-family="Arial, Helvetica, sans-serif">${extension}</text>${caption(box, title || resource?.name || hostOf(url), '#1a1a1a')}`;
}

function embed(placed: LaidOutItem): Markup {
  const { box, item } = placed;
  const r = Math.min(box.width, box.height) * 0.12;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height * 0.42;
  return markup`<rect class="placeholder" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${r * 0.3}" fill="#1f2430"/><circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffffff" fill-opacity="0.9"/><path d="M${cx - r * 0.35} ${cy - r * 0.5} L${cx + r * 0.55} ${cy} L${cx - r * 0.35} ${cy + r * 0.5} Z" fill="#1f2430"/>${caption(box, hostOf(str(item.data.url)), '#ffffff')}`;
}

/** The drawing of one item (without its group), by kind. */
export function itemBody(placed: LaidOutItem, context: ItemContext): Markup {
  switch (placed.item.type) {
    case 'sticky_note':
      return stickyNote(placed, context);
    case 'shape':
      return shape(placed);
    case 'text':
      return text(placed);
    case 'card':
      return card(placed, context);
    case 'app_card':
      return appCard(placed);
    case 'frame':
      return frame(placed);
    case 'image':
      return image(placed, context);
    case 'document':
      return documentItem(placed, context);
    case 'embed':
      return embed(placed);
  }
}
