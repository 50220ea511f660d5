/**
 * Facts Miro keeps only in the prose of operation descriptions: the rate-limit level and the
 * required scopes. Descriptions end with `<h3>Required scope</h3> <a ...>boards:read</a>` and
 * `<h3>Rate limiting</h3> <a ...>Level 1</a>`.
 */

import type { RateLimitLevel } from '../runtime.js';

/** The level the description names (the credits of each level are the runtime's `CREDITS_BY_LEVEL`). */
export function rateLimitLevelOf(description: string | undefined): RateLimitLevel | null {
  if (!description) return null;
  const section = description.split(/Rate limiting/i)[1] ?? '';
  const match = /Level\s*([1-4])\b/i.exec(section) ?? /rate[- ]limit[^.]*?Level\s*([1-4])\b/i.exec(description);
  return match ? (Number(match[1]) as RateLimitLevel) : null;
}

/**
 * Whether the documented level is charged per item of the call ("Level 2 per item": bulk creates,
 * group membership changes), not per call. "per item ID" (a read that names one id) is per call.
 */
export function chargedPerItem(description: string | undefined): boolean {
  const section = description?.split(/Rate limiting/i)[1] ?? '';
  return /Level\s*[1-4]\s*(<\/a>)?\s*per item(?!\s*ID)/i.test(section);
}

export function scopesOf(description: string | undefined): string[] {
  if (!description) return [];
  const section = /Required scopes?<\/h3>([\s\S]*?)(<h3>|$)/i.exec(description)?.[1] ?? '';
  const scopes = [...section.matchAll(/>\s*([a-z][a-z:_-]*:[a-z:_-]+)\s*</gi)].map((m) => m[1]!);
  return [...new Set(scopes)];
}

/** The public reference page of an operation: Miro's developer docs name pages by operationId. */
export function docsUrlOf(operationId: string): string {
  return `https://developers.miro.com/reference/${operationId.toLowerCase()}`;
}

/** Turns the description's HTML into plain Markdown-ish text fit for JSDoc. */
export function descriptionToDoc(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const plain = description
    .replace(/<h3>(.*?)<\/h3>/gi, '\n\n$1: ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<a[^>]*href=["']?([^"' >]+)["']?[^>]*>(.*?)<\/a>/gi, '$2')
    .replace(/<\/?(b|strong)>/gi, '**')
    .replace(/<\/?(i|em)>/gi, '_')
    .replace(/<\/?code>/gi, '`')
    .replace(/<img[^>]*>/gi, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\*\//g, '*\\/')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain || undefined;
}
