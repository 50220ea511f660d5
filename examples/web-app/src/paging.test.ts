import { describe, expect, it } from 'vitest';
import { UserError } from './errors.js';
import { pageLinks, parseOffset } from './paging.js';

describe('parseOffset', () => {
  it('reads whole numbers and defaults to 0', () => {
    expect(parseOffset(undefined)).toBe(0);
    expect(parseOffset('')).toBe(0);
    expect(parseOffset('20')).toBe(20);
  });

  it('refuses anything else with a 400 that quotes the value', () => {
    for (const bad of ['-1', '1.5', 'ten', '1e3', '9999999999']) {
      expect(() => parseOffset(bad)).toThrow(UserError);
    }
    expect(() => parseOffset('ten')).toThrow(/got "ten"/);
  });
});

describe('pageLinks', () => {
  const req = { offset: 0, limit: 10 };

  it('has a next page while offset + size < total, and a previous one after the first', () => {
    expect(pageLinks({ offset: 0, limit: 10, size: 10, total: 25 }, req, 10)).toEqual({
      prevOffset: undefined,
      nextOffset: 10,
    });
    expect(pageLinks({ offset: 10, limit: 10, size: 10, total: 25 }, req, 10)).toEqual({
      prevOffset: 0,
      nextOffset: 20,
    });
    expect(pageLinks({ offset: 20, limit: 10, size: 5, total: 25 }, req, 5)).toEqual({
      prevOffset: 10,
      nextOffset: undefined,
    });
  });

  it('has no next page when the total fits exactly', () => {
    expect(pageLinks({ offset: 10, limit: 10, size: 10, total: 20 }, req, 10).nextOffset).toBeUndefined();
  });

  it('does not go below offset 0 from an odd offset', () => {
    expect(pageLinks({ offset: 3, limit: 10, size: 10, total: 30 }, req, 10).prevOffset).toBe(0);
  });

  it('without a total, guesses a next page from a full page', () => {
    expect(pageLinks({}, { offset: 0, limit: 10 }, 10).nextOffset).toBe(10);
    expect(pageLinks({}, { offset: 0, limit: 10 }, 4).nextOffset).toBeUndefined();
  });
});
