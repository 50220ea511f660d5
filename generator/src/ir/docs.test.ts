import { describe, expect, it } from 'vitest';
import { chargedPerItem, rateLimitLevelOf } from './docs.js';

const rateLimit = (text: string): string => `Does a thing.<br/><h3>Rate limiting</h3> ${text}`;

describe('rate-limit prose', () => {
  it('reads a level charged per item of the call', () => {
    const description = rateLimit(
      '<a href="/reference/rate-limiting">Level 2</a> per item. Three items cost 300 credits.',
    );
    expect(rateLimitLevelOf(description)).toBe(2);
    expect(chargedPerItem(description)).toBe(true);
    expect(chargedPerItem(rateLimit('<a href="x">Level 1</a> per item<br/>'))).toBe(true);
  });

  it('treats "per item ID", a plain level and a missing section as per call', () => {
    expect(chargedPerItem(rateLimit('<a href="x">Level 2</a> per item ID'))).toBe(false);
    expect(chargedPerItem(rateLimit('<a href="x">Level 2</a>'))).toBe(false);
    expect(chargedPerItem('Creates items, 20 per item list.')).toBe(false);
    expect(chargedPerItem(undefined)).toBe(false);
  });
});
