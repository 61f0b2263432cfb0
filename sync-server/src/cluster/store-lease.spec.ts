// The lease on the real embedded store, two "instances" in one process with a movable clock: who holds it, when
// it may be taken over, and that a release hands it on at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPouchdbStore } from '../store/pouchdb.store';
import type { Store } from '../store/store.types';
import { LEASES_DB, StoreLease } from './store-lease';

const TTL = 30_000;
const quiet = { info: () => undefined, warn: () => undefined };
let dir: string;
let store: Store;
let clock: number;
const leases: StoreLease[] = [];

function lease(instanceId: string): StoreLease {
  const made = new StoreLease({ store, name: 'jobs', instanceId, ttlMs: TTL, clock: () => clock, log: quiet });
  leases.push(made);
  return made;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poisklinik-lease-'));
  store = await openPouchdbStore({ dataDir: dir });
  clock = Date.parse('2026-03-01T09:00:00Z');
});
afterEach(async () => {
  await Promise.all(leases.splice(0).map((l) => l.release()));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('StoreLease', () => {
  it('one of two instances holds it; the other takes over only once it expired unrenewed', async () => {
    const first = lease('one');
    const second = lease('two');
    const seen: boolean[] = [];
    second.onChange((held) => seen.push(held));
    await first.tick();
    await second.tick();
    expect([first.held, second.held]).toEqual([true, false]);
    expect(await second.holder()).toBe('one');

    // Renewed in time: still the first's.
    clock += TTL - 1;
    await first.tick();
    clock += TTL - 1;
    await second.tick();
    expect([first.held, second.held]).toEqual([true, false]);

    // The first stops renewing (dead): at its expiry it stops acting, and the second takes the lease.
    clock += 1;
    expect(first.held).toBe(false);
    await second.tick();
    expect(second.held).toBe(true);
    expect(await first.holder()).toBe('two');
    expect(seen).toEqual([true]);
    // The first comes back (a long pause): it does not get the lease back while the second renews.
    await first.tick();
    expect(first.held).toBe(false);
  });

  it('two instances racing for a free lease: exactly one wins', async () => {
    const racers = ['a', 'b', 'c', 'd'].map(lease);
    await Promise.all(racers.map((r) => r.tick()));
    expect(racers.filter((r) => r.held)).toHaveLength(1);
  });

  it('release hands it over at once, without waiting for the TTL', async () => {
    const first = lease('one');
    const second = lease('two');
    await first.tick();
    await first.release();
    expect(first.held).toBe(false);
    await second.tick();
    expect(second.held).toBe(true);
    const doc = await (await store.database(LEASES_DB)).get('jobs');
    expect(doc).toMatchObject({ holder: 'two', expiresAt: clock + TTL });
  });
});
