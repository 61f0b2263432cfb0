// Start-up against CouchDB that is not up yet: the real CouchDB adapter against a port where the stand-in starts
// only later. The waits are recorded instead of slept, so the backoff is checked without timing anything.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startCouchStandIn } from '../store/couchdb-stand-in.fixture';
import { openCouchdbStore } from '../store/couchdb.store';
import { waitForStore } from './wait-for-store';

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('waitForStore', () => {
  it('retries an unreachable CouchDB with doubling waits and one line per attempt, then opens it', async () => {
    const standIn = await startCouchStandIn();
    const down = `http://admin:secret@127.0.0.1:${await closedPort()}`;
    const lines: string[] = [];
    const waits: number[] = [];
    let attempts = 0;
    const store = await waitForStore({
      // The first three attempts reach nothing; then the store is "up".
      open: () => openCouchdbStore({ url: ++attempts <= 3 ? down : standIn.url }),
      maxWaitMs: 60_000,
      log: { warn: (_f, message) => lines.push(message), info: (_f, message) => lines.push(message) },
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    try {
      expect(store.kind).toBe('couchdb');
      expect(waits).toEqual([500, 1000, 2000]);
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^store not reachable \(attempt 1\): CouchDB at .* is not usable.*retrying in 500 ms$/);
      expect(lines.join('\n')).not.toContain('secret');
      expect(lines[3]).toBe('store reachable');
    } finally {
      await store.close();
      await standIn.stop();
    }
  });

  it('gives up with the store error once the wait is over', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    let now = 0;
    const failing = waitForStore({
      open: () => openCouchdbStore({ url: down }),
      maxWaitMs: 10_000,
      log: { warn: () => undefined, info: () => undefined },
      clock: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    await expect(failing).rejects.toThrow(/is not usable/);
  });
});
