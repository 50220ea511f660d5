import { describe, expect, it } from 'vitest';
import { crashLockHolder } from './helpers/crash-lock-holder.js';

// The holder's token request timeout; its lease is that plus the 2 s margin.
const TOKEN_TIMEOUT_MS = 1_000;
const LEASE_MS = 3_000;

describe('a lock holder killed with SIGKILL in the middle of a refresh', () => {
  it('Redis: holds the others back by its lease at most (token timeout + margin), then one refresh goes through', async () => {
    // The waiter gives up after the lease plus a generous 5 s: it must get in within that.
    const outcome = await crashLockHolder('redis', TOKEN_TIMEOUT_MS, LEASE_MS + 5_000);
    expect(outcome.leaseMs).toBe(LEASE_MS);
    expect(outcome.leaseLeftAtKillMs).toBeGreaterThan(0);
    expect(outcome.leaseLeftAtKillMs).toBeLessThanOrEqual(LEASE_MS);
    expect(outcome).toMatchObject({ tokenRequests: 2, reusedRefreshTokens: 0, refreshed: true });
  }, 30_000);

  it('PostgreSQL: the dead session releases the lock, then one refresh goes through', async () => {
    const outcome = await crashLockHolder('postgres', TOKEN_TIMEOUT_MS, LEASE_MS + 5_000);
    expect(outcome).toMatchObject({ tokenRequests: 2, reusedRefreshTokens: 0, refreshed: true });
  }, 30_000);
});
