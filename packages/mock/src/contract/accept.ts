/**
 * Whether an `Accept` header admits `mediaType` (RFC 9110 section 12.5.1): the most specific
 * matching range decides (`type/subtype` over `type/*` over `*\/*`), and `q=0` refuses.
 */
export function accepts(accept: string, mediaType: string): boolean {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let decided: { specificity: number; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [value = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const [rangeType, rangeSubtype] = value.split('/');
    const specificity =
      rangeType === type && rangeSubtype === subtype
        ? 2
        : rangeType === type && rangeSubtype === '*'
          ? 1
          : value === '*/*'
            ? 0
            : -1;
    if (specificity < 0 || (decided && decided.specificity >= specificity)) continue;
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    decided = { specificity, q: Number.isNaN(q) ? 1 : q };
  }
  return decided !== undefined && decided.q > 0;
}
