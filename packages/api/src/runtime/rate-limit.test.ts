import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseResetHeader, parseRetryAfter, rateLimitState } from './rate-limit.js';

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
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(new Date(now + 4000).toUTCString(), now)).toBe(4000);
    expect(parseRetryAfter(new Date(now - 4000).toUTCString(), now)).toBe(0);
  });

  it.each([
    '1e9',
    '0x10',
    '1.5',
    '-1',
    '+3',
    ' 3',
    '3s',
    'soon',
    '',
    'Wed, 01 Jan 2025 00:00:00',
    '2025-01-01T00:00:00Z',
  ])('refuses a Retry-After that is neither digits nor an HTTP date: %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('reads the three HTTP-date formats of RFC 9110, in GMT, and refuses impossible dates', () => {
    const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', now)).toBe(expected);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(expected);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', now)).toBe(expected);
    // A two-digit year more than 50 years ahead is the century before; otherwise this one.
    expect(parseHttpDate('Friday, 01-Jan-30 00:00:00 GMT', now)).toBe(Date.UTC(2030, 0, 1));
    expect(parseHttpDate('Sat, 31 Feb 2025 00:00:00 GMT', now)).toBeUndefined();
    expect(parseHttpDate('Wed, 01 Jan 2025 24:00:00 GMT', now)).toBeUndefined();
    expect(parseHttpDate('Wed, 01 Jan 2025 00:00:00 UTC', now)).toBeUndefined();
  });

  it('leaves out absent or malformed headers', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': '100000', 'X-RateLimit-Remaining': 'lots' });
    expect(rateLimitState(headers, now)).toEqual({ limit: 100000 });
  });
});
