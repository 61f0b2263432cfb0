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
  it('two instances hitting one account at once count every attempt: past 5 allowed the rest are refused', async () => {
    const one = await StoreRateLimiter.open(store, rules, () => clock);
    const two = await StoreRateLimiter.open(store, rules, () => clock);
    const decisions = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).hit('signInPerAccount', 'anna@example.ru')),
    );
    // Nobody below the limit is refused; two instances deciding in the same millisecond may let one more through
    // (the documented lenient side), never a whole burst.
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeGreaterThanOrEqual(5);
    expect(allowed).toBeLessThanOrEqual(6);
    // Another account is untouched; the 15-minute window (aligned: 09:00–09:15) ends, then attempts count afresh.
    expect(await one.hit('signInPerAccount', 'boris@example.ru')).toEqual({ allowed: true });
    clock += 10 * MINUTE;
    expect(await two.hit('signInPerAccount', 'anna@example.ru')).toEqual({ allowed: false, retryAfterSeconds: 300 });
    clock += 5 * MINUTE;
    expect(await two.hit('signInPerAccount', 'anna@example.ru')).toEqual({ allowed: true });
  });

  it('purges windows that ended and keeps running ones', async () => {
    const limiter = await StoreRateLimiter.open(store, rules, () => clock);
    await limiter.hit('signInPerAccount', 'old@example.ru');
    clock += 16 * MINUTE;
    await limiter.hit('signInPerAccount', 'new@example.ru');
    await limiter.purge(clock);
    const ids = (await (await store.database(RATE_LIMITS_DB)).allDocs()).rows.map((row) => row.key);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^signInPerAccount:new%40example\.ru:/);
  });

  it('a burst of 60 sign-ups from one address is counted exactly: 10 allowed, 50 refused (no lost races)', async () => {
    const limiter = await StoreRateLimiter.open(store, rules, () => clock);
    const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.hit('signUpPerIp', '2001:db8::7')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(rules.signUpPerIp.max);
    // An IPv6 address (with colons) and its prefix-looking neighbour are separate keys.
    expect(await limiter.hit('signUpPerIp', '2001:db8::')).toEqual({ allowed: true });
  });

  it('keeps the per-IP sign-in limit in memory: it writes nothing to the store', async () => {
    const limiter = await SharedRateLimiter.open(store, rules, () => clock);
    expect(await limiter.hit('signInPerIp', '203.0.113.7')).toEqual({ allowed: true });
    expect((await (await store.database(RATE_LIMITS_DB)).allDocs()).rows).toEqual([]);
    expect(await limiter.hit('signUpPerIp', '203.0.113.7')).toEqual({ allowed: true });
    expect((await (await store.database(RATE_LIMITS_DB)).allDocs()).rows).toHaveLength(1);
  });
});
