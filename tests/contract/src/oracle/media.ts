/** `application/json` from `Application/JSON; charset=utf-8`; undefined for none. */
export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/**
 * Whether an `Accept` header (RFC 9110 section 12.5.1) admits `mediaType`. Written apart from the
 * mock's own check (packages/mock/src/contract/accept.ts) on purpose: the oracle shares no code
 * with what it checks. The most specific matching range decides; `q=0` refuses.
 */
export function acceptsMediaType(accept: string, mediaType: string): boolean {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [value = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const [rangeType, rangeSubtype] = value.split('/');
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const specificity =
      rangeType === type && rangeSubtype === subtype
        ? 2
        : rangeType === type && rangeSubtype === '*'
          ? 1
          : rangeType === '*' && rangeSubtype === '*'
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity)) best = { specificity, q };
  }
  return best !== undefined && best.q > 0;
}
