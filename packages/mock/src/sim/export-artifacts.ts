import { canvasPosition } from './item-ops.js';
import type { BoardRecord, ExportJobRecord } from './store.js';

/**
 * The files a board export produces, small but real: an SVG with a box per item, an HTML page
 * listing the items, or a one-page PDF. Each names the board and the text of every item.
 */

const CONTENT_TYPES: Record<ExportJobRecord['boardFormat'], string> = {
  SVG: 'image/svg+xml',
  HTML: 'text/html; charset=utf-8',
  PDF: 'application/pdf',
};

interface Line {
  readonly type: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function itemText(data: Record<string, unknown>): string {
  const raw = [data.content, data.title].find((v) => typeof v === 'string' && v !== '') as string | undefined;
  return (raw ?? '').replace(/<[^>]*>/g, '').trim();
}

function linesOf(board: BoardRecord): Line[] {
  return [...board.items.values()].map((item) => ({
    type: item.type,
    text: itemText(item.data),
    ...canvasPosition(board, item),
    width: Number(item.geometry.width ?? 100),
    height: Number(item.geometry.height ?? 100),
  }));
}

const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );

function svg(board: BoardRecord, lines: readonly Line[]): string {
  const boxes = lines.map(
    (l) =>
      `<g data-type="${l.type}"><rect x="${l.x - l.width / 2}" y="${l.y - l.height / 2}" width="${l.width}" height="${l.height}" fill="none" stroke="#1a1a1a"/>` +
      `<text x="${l.x}" y="${l.y}" text-anchor="middle">${escapeXml(l.text)}</text></g>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(board.name)}</title>${boxes.join('')}</svg>\n`;
}

function html(board: BoardRecord, lines: readonly Line[]): string {
  const items = lines.map((l) => `<li data-type="${l.type}">${escapeXml(l.text)}</li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeXml(board.name)}</title></head><body><h1>${escapeXml(board.name)}</h1><ul>${items}</ul></body></html>\n`;
}

/** A one-page PDF 1.4 of text lines (Helvetica; non-Latin-1 characters become `?`). */
function pdf(board: BoardRecord, lines: readonly Line[]): string {
  const escapePdf = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [board.name, ...lines.map((l) => `${l.type}: ${l.text}`)]
    .map((line, i) => `BT /F1 12 Tf 50 ${780 - i * 16} Td (${escapePdf(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return body;
}

/** The export of a board in a format, as it is now. */
export function renderBoard(
  board: BoardRecord,
  format: ExportJobRecord['boardFormat'],
): { contentType: string; body: string } {
  const lines = linesOf(board);
  const body = format === 'SVG' ? svg(board, lines) : format === 'HTML' ? html(board, lines) : pdf(board, lines);
  return { contentType: CONTENT_TYPES[format], body };
}
