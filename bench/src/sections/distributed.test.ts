import { describe, expect, it } from 'vitest';
import { BenchSetupError } from '../setup-error.js';
import { checkRedis, redisUrl, share } from './distributed.js';

describe('the distributed section', () => {
  it('gives each process a contiguous share of the notes, together every note once', () => {
    const shares = [0, 1, 2, 3].map((p) => share({ notes: 2002, processes: 4 }, p));
    expect(shares).toEqual([
      { firstNote: 0, notes: 501 },
      { firstNote: 501, notes: 501 },
      { firstNote: 1002, notes: 500 },
      { firstNote: 1502, notes: 500 },
    ]);
  });

  it('takes Redis from REDIS_URL, else the local server', () => {
    expect(redisUrl({ REDIS_URL: 'redis://cache:6380' })).toBe('redis://cache:6380');
    expect(redisUrl({})).toBe('redis://127.0.0.1:6379');
  });

  it('fails in one line naming the URL and REDIS_URL when Redis does not answer', async () => {
    const attempt = checkRedis('redis://127.0.0.1:1');
    await expect(attempt).rejects.toThrow(BenchSetupError);
    await expect(checkRedis('redis://127.0.0.1:1')).rejects.toThrow(
      /^bench: the distributed section needs Redis at redis:\/\/127\.0\.0\.1:1 \(set REDIS_URL\): .*ECONNREFUSED/,
    );
  });
});
