// The shared counters on the real embedded store: two limiters (two instances) count one limit together, even
// when their attempts race, and windows that ended are purged.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPouchdbStore } from '../store/pouchdb.store';
import type { Store } from '../store/store.types';
import { defaultRateLimits } from './rate-limits';
import { RATE_LIMITS_DB, SharedRateLimiter, StoreRateLimiter } from './store-rate-limiter';

const MINUTE = 60_000;
let dir: string;
let store: Store;
let clock: number;
const rules = { ...defaultRateLimits(), signInPerAccount: { max: 5, windowMs: 15 * MINUTE } };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poisklinik-limits-'));
  store = await openPouchdbStore({ dataDir: dir });
  clock = Date.parse('2026-03-01T09:00:00Z');
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('StoreRateLimiter', () => {
  it('two instances hitting one account at once count every attempt: the 6th of 5 allowed is refused', async () => {
    const one = await StoreRateLimiter.open(store, rules, () => clock);
    const two = await StoreRateLimiter.open(store, rules, () => clock);
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).hit('signInPerAccount', 'anna@example.ru')),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(3);
    // Another account is untouched; the window ends 15 minutes after its first attempt.
    expect(await one.hit('signInPerAccount', 'boris@example.ru')).toEqual({ allowed: true });
    clock += 10 * MINUTE;
    expect(await two.hit('signInPerAccount', 'anna@example.ru')).toEqual({ allowed: false, retryAfterSeconds: 300 });
    clock += 5 * MINUTE;
    expect(await two.hit('signInPerAccount', 'anna@example.ru')).toEqual({ allowed: true });
  });

  it('purges windows that ended and keeps running ones', async () => {
    const limiter = await StoreRateLimiter.open(store, rules, () => clock);
    await limiter.hit('signInPerAccount', 'old@example.ru');
    clock += 10 * MINUTE;
    await limiter.hit('signInPerAccount', 'new@example.ru');
    clock += 6 * MINUTE;
    await limiter.purge(clock);
    const ids = (await (await store.database(RATE_LIMITS_DB)).allDocs()).rows.map((row) => row.key);
    expect(ids).toEqual(['signInPerAccount:new@example.ru']);
  });

  it('keeps the per-IP sign-in limit in memory: it writes nothing to the store', async () => {
    const limiter = await SharedRateLimiter.open(store, rules, () => clock);
    expect(await limiter.hit('signInPerIp', '203.0.113.7')).toEqual({ allowed: true });
    expect((await (await store.database(RATE_LIMITS_DB)).allDocs()).rows).toEqual([]);
    expect(await limiter.hit('signUpPerIp', '203.0.113.7')).toEqual({ allowed: true });
    expect((await (await store.database(RATE_LIMITS_DB)).allDocs()).rows).toHaveLength(1);
  });
});
