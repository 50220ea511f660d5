/** A defect in the spec (or an overlay) that stops generation; `pointer` is a JSON pointer into the spec. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    message: string,
    readonly pointer: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${pointer ? `at ${pointer}: ` : ''}${message}`);
  }
}

/** Escapes one JSON-pointer segment (RFC 6901 section 4). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.length === 0 ? '' : `/${segments.map(pointerSegment).join('/')}`;
}
