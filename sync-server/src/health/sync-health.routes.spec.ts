// The sync-health view on a real server and store: each figure moves when the thing it counts happens.
import { describe, expect, it } from 'vitest';
import { adminRoutes, type SyncHealth } from '@poisklinik/shared';
import { call } from '../authz/session-client';
import { seedTicket } from '../bookings/booking-test-kit';
import { TICKETS_DB } from '../bookings/booking.store';
import { request } from '../test-support/test-server';
import { useAdminWorld } from '../admin/admin-test-kit';

const w = useAdminWorld();

async function health(): Promise<SyncHealth> {
  const res = await call(w.server, w.admin, 'GET', adminRoutes.syncHealth);
  expect(res.status).toBe(200);
  return res.body as SyncHealth;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

describe('sync health', () => {
  it('names the instance and shows each replicated collection with its sequence, documents and the store size', async () => {
    const h = await health();
    expect(h.instanceId).toBe(w.server.config.instanceId);
    const clinics = h.collections.find((c) => c.name === 'clinics');
    expect(clinics).toMatchObject({ docCount: 3 });
    expect(Number(clinics?.updateSeq)).toBeGreaterThanOrEqual(3);
    expect(h.store.kind).toBe('embedded');
    expect(h.store.sizeBytes).toBeGreaterThan(0);
    expect(h.store.databases.map((d) => d.name)).toEqual(expect.arrayContaining(['clinics', 'accounts', 'sessions']));
  });

  it('counts a conflict made on purpose in any database, and 0 after a sweep', async () => {
    const ticket = await seedTicket(w.server, { startsAt: '2031-05-05T06:00:00.000Z' });
    const db = await w.server.store.database(TICKETS_DB);
    // A sibling revision as a second cluster node would replicate it: same parent, other content.
    const [row] = await db.bulkDocs(
      [
        {
          ...ticket,
          _rev: '2-00000000000000000000000000000abc',
          _revisions: { start: 2, ids: ['00000000000000000000000000000abc', ticket._rev.split('-')[1] ?? ''] },
          status: 'closed',
        },
        {
          ...ticket,
          _rev: '2-00000000000000000000000000000def',
          _revisions: { start: 2, ids: ['00000000000000000000000000000def', ticket._rev.split('-')[1] ?? ''] },
          version: 2,
        },
      ],
      { newEdits: false },
    );
    expect(row?.ok).toBe(true);
    const conflicted = await health();
    expect(conflicted.conflicts.unresolved).toBe(1);
    expect(conflicted.conflicts.byDatabase).toEqual([{ name: TICKETS_DB, count: 1 }]);

    expect((await call(w.server, w.admin, 'POST', adminRoutes.conflictSweeps)).status).toBe(200);
    expect((await health()).conflicts).toEqual({ unresolved: 0, byDatabase: [] });
  });

  it('counts answers by status class in the current minute', async () => {
    const before = (await health()).requests.total;
    await request(`${w.server.url}/db/clinics/`);
    await request(`${w.server.url}/db/nothing-here/`);
    await call(w.server, null, 'GET', adminRoutes.syncHealth);
    const after = await until(health, (h) => h.requests.total['4xx'] >= before['4xx'] + 2);
    // The health read before this one is a 2xx too.
    expect(after.requests.total['2xx']).toBeGreaterThanOrEqual(before['2xx'] + 2);
    expect(after.requests.total['4xx']).toBe(before['4xx'] + 2);
    expect(after.requests.perMinute).toHaveLength(after.requests.windowMinutes);
    expect(after.requests.perMinute.at(-1)?.['4xx']).toBeGreaterThanOrEqual(2);
  });

  it('counts an open long-poll and its client, and the lag of a client that starts behind', async () => {
    const before = await health();
    const controller = new AbortController();
    const poll = fetch(`${w.server.url}/db/specialties/_changes?feed=longpoll&since=now&timeout=20000`, {
      signal: controller.signal,
      headers: { cookie: w.patient.cookie },
    }).catch(() => undefined);
    const during = await until(health, (h) => h.clients.longPollsOpen >= 1);
    expect(during.clients.longPollsOpen).toBe(1);
    controller.abort();
    await poll;

    // A device that was away: it asks for every clinic change since the start.
    await request(`${w.server.url}/db/clinics/_changes?since=0`);
    const after = await until(health, (h) => (h.collections.find((c) => c.name === 'clinics')?.lag.requests ?? 0) > 0);
    const clinics = after.collections.find((c) => c.name === 'clinics');
    expect(clinics?.lag.max).toBeGreaterThanOrEqual(3);
    expect(after.clients.recent).toBeGreaterThan(before.clients.recent);
    expect(after.lagWindowMinutes).toBe(5);

    // A clinic's public reviews feed is measured against the database it reads, not the authors' `reviews`.
    await request(`${w.server.url}/db/clinic/clinic-a/reviews/_changes?since=0`);
    const reviews = await until(
      health,
      (h) => (h.collections.find((c) => c.name === 'public-reviews')?.lag.requests ?? 0) > 0,
    );
    expect(reviews.collections.find((c) => c.name === 'public-reviews')?.lag.requests).toBe(1);
    expect(reviews.collections.find((c) => c.name === 'reviews')?.lag.requests).toBe(0);
  });

  it('is for admins only', async () => {
    for (const { name, session, status } of w.others) {
      expect((await call(w.server, session, 'GET', adminRoutes.syncHealth)).status, name).toBe(status);
    }
  });
});
