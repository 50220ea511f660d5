import { describe, expect, it } from 'vitest';
import { parseResetHeader, parseRetryAfter, rateLimitState } from './rate-limit.js';

const now = Date.UTC(2025, 0, 1);

describe('rate-limit headers', () => {
  it('reads X-RateLimit-Reset as epoch seconds (as Miro documents), seconds-until, epoch ms or an HTTP date', () => {
    expect(parseResetHeader(String(now / 1000 + 30), now)).toBe(now + 30_000);
    expect(parseResetHeader('30', now)).toBe(now + 30_000);
    expect(parseResetHeader(String(now + 5000), now)).toBe(now + 5000);
    expect(parseResetHeader(new Date(now + 9000).toUTCString(), now)).toBe(now + 9000);
    expect(parseResetHeader('soon', now)).toBeUndefined();
    expect(parseResetHeader(null, now)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(new Date(now + 4000).toUTCString(), now)).toBe(4000);
    expect(parseRetryAfter(new Date(now - 4000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });

  it('leaves out absent or malformed headers', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': '100000', 'X-RateLimit-Remaining': 'lots' });
    expect(rateLimitState(headers, now)).toEqual({ limit: 100000 });
  });
});
