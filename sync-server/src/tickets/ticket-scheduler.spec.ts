import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import type { SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { repoRoot } from '../config';
import { TICKETS_DB } from './ticket-doc';

// Monday 2026-11-30, 08:00 in Kaluga (Europe/Moscow): the fixture clinics open Mon–Fri 08:00–20:00, 30-min slots.
const MONDAY_0800 = Date.parse('2026-11-30T05:00:00Z');
const DAY = 86_400_000;
// 14 local days from a Monday hold 10 weekdays of 24 slots; the fixture has three clinics.
const PER_CLINIC = 10 * 24;

async function tickets(server: SyncServer, clinicId?: string): Promise<StoredDoc[]> {
  const db = await server.store.database(TICKETS_DB);
  const { rows } = await db.allDocs({ includeDocs: true });
  const docs = rows.flatMap((r) => ('error' in r || !r.doc ? [] : [r.doc]));
  return clinicId ? docs.filter((d) => d.clinicId === clinicId) : docs;
}

async function getTicket(server: SyncServer, id: string): Promise<StoredDoc | null> {
  return (await server.store.database(TICKETS_DB)).get(id);
}

/** What the booking service does when it claims a ticket: a revision-checked write, version + 1. */
async function book(server: SyncServer, id: string): Promise<void> {
  const db = await server.store.database(TICKETS_DB);
  const doc = await db.get(id);
  if (!doc || typeof doc.version !== 'number') throw new Error(`no ticket ${id}`);
  const written = await db.put({
    ...doc,
    status: 'booked',
    bookingId: 'uaaaaaaaaaaaaaaaaaaaa.k1',
    version: doc.version + 1,
  });
  expect(written.ok).toBe(true);
}

async function editSchedule(server: SyncServer, clinicId: string, specialties: unknown[]): Promise<void> {
  const db = await server.store.database('clinics');
  const clinic = await db.get(clinicId);
  if (!clinic) throw new Error(`no clinic ${clinicId}`);
  expect((await db.put({ ...clinic, specialties })).ok).toBe(true);
}

describe('ticket scheduler on the real store', { timeout: 30_000 }, () => {
  let env: TestEnv;
  let nowMs = MONDAY_0800;
  afterEach(async () => env.cleanup());

  it('creates the window at start and a rerun creates nothing twice', async () => {
    env = await createTestEnv();
    nowMs = MONDAY_0800;
    const server = await env.start({ now: () => nowMs });
    const first = await server.scheduler.startRun;
    expect(first).toMatchObject({ trigger: 'start', clinics: 3, created: 3 * PER_CLINIC, removed: 0, closed: 0 });
    const all = await tickets(server);
    expect(all).toHaveLength(3 * PER_CLINIC);
    expect(await getTicket(server, 'clinic-a.31.08.26.20261130-0800')).toMatchObject({
      clinicId: 'clinic-a',
      townId: 'kaluga',
      specialtyCode: '31.08.26',
      startsAt: '2026-11-30T05:00:00.000Z',
      endsAt: '2026-11-30T05:30:00.000Z',
      localDate: '2026-11-30',
      localTime: '08:00',
      status: 'free',
      version: 1,
    });
    // Nothing on the weekend, nothing after the 14th local day (Sunday 13 December), nothing past 20:00.
    expect(all.some((t) => t.localDate === '2026-12-05' || t.localDate === '2026-12-14')).toBe(false);
    expect(all.some((t) => typeof t.localTime === 'string' && t.localTime >= '20:00')).toBe(false);

    const second = await server.scheduler.runNow('admin');
    expect(second).toMatchObject({ trigger: 'admin', created: 0, updated: 0, removed: 0, closed: 0 });
    expect(await tickets(server)).toHaveLength(3 * PER_CLINIC);
  });

  it('a schedule edit adds and removes future free tickets but keeps a booked one', async () => {
    env = await createTestEnv();
    nowMs = MONDAY_0800;
    const server = await env.start({ now: () => nowMs, scheduler: false });
    expect(await server.scheduler.runNow()).toMatchObject({ created: 3 * PER_CLINIC });
    const bookedId = 'clinic-a.31.08.26.20261202-1500';
    await book(server, bookedId);
    const bookedBefore = await getTicket(server, bookedId);

    // Mornings only now, plus Saturday 10:00–11:00 with 20-minute slots for a new specialty.
    await editSchedule(server, 'clinic-a', [
      { code: '31.08.26', schedule: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '12:00' })) },
      { code: '31.08.49', slotMinutes: 20, schedule: [{ day: 6, from: '10:00', to: '11:00' }] },
    ]);
    const run = await server.scheduler.runNow();
    // Afternoons: 16 slots × 10 days, less the booked one; Saturdays 5 and 12 December: 3 slots each.
    expect(run).toMatchObject({ created: 6, removed: 16 * 10 - 1, closed: 0, clinics: 3 });
    expect(await getTicket(server, bookedId)).toEqual(bookedBefore);
    expect(await getTicket(server, 'clinic-a.31.08.26.20261202-1530')).toBeNull();
    expect(await getTicket(server, 'clinic-a.31.08.49.20261205-1040')).toMatchObject({
      status: 'free',
      endsAt: '2026-12-05T08:00:00.000Z',
    });
    // The other clinics did not change.
    expect(await tickets(server, 'clinic-b')).toHaveLength(PER_CLINIC);

    // A new slot length keeps the starts that still fit (same id) and gives them the new end.
    await editSchedule(server, 'clinic-a', [
      {
        code: '31.08.26',
        slotMinutes: 60,
        schedule: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '12:00' })),
      },
    ]);
    const lengthRun = await server.scheduler.runNow();
    expect(lengthRun).toMatchObject({ created: 0, updated: 4 * 10, removed: 4 * 10 + 6 });
    expect(await getTicket(server, 'clinic-a.31.08.26.20261201-0900')).toMatchObject({
      endsAt: '2026-12-01T07:00:00.000Z',
      version: 2,
    });
    expect(await getTicket(server, bookedId)).toEqual(bookedBefore);
  });

  it('closes past free tickets, extends the window by the clock, and purges old closed ones', async () => {
    env = await createTestEnv();
    nowMs = MONDAY_0800;
    const server = await env.start({ now: () => nowMs, scheduler: false });
    await server.scheduler.runNow();
    const bookedId = 'clinic-a.31.08.26.20261130-0900';
    await book(server, bookedId);

    nowMs = MONDAY_0800 + DAY; // Tuesday 08:00: Monday is over, Monday 14 December enters the window.
    const run = await server.scheduler.runNow();
    expect(run).toMatchObject({ closed: 3 * 24 - 1, created: 3 * 24, removed: 0 });
    expect(await getTicket(server, 'clinic-a.31.08.26.20261130-0800')).toMatchObject({ status: 'closed', version: 2 });
    expect(await getTicket(server, bookedId)).toMatchObject({ status: 'booked', version: 2 });
    expect(await getTicket(server, 'clinic-a.31.08.26.20261214-0800')).toMatchObject({ status: 'free' });

    nowMs = MONDAY_0800 + 5 * DAY; // Saturday: Monday's closed tickets are past the 3-day retention.
    const later = await server.scheduler.runNow();
    expect(later).toMatchObject({ purged: 3 * 24 - 1 });
    expect(await getTicket(server, 'clinic-a.31.08.26.20261130-0800')).toBeNull();
    // A booked ticket stays whatever its age: the booking still points at it.
    expect(await getTicket(server, bookedId)).toMatchObject({ status: 'booked' });
  });

  it('skips a clinic whose town is unknown instead of failing the run', async () => {
    env = await createTestEnv();
    nowMs = MONDAY_0800;
    const server = await env.start({ now: () => nowMs, scheduler: false });
    const clinics = await server.store.database('clinics');
    const { _rev: _r, ...clinic } = (await clinics.get('clinic-c')) ?? { _rev: '' };
    expect((await clinics.put({ ...clinic, _id: 'clinic-d', townId: 'atlantis' })).ok).toBe(true);
    const run = await server.scheduler.runNow();
    expect(run).toMatchObject({ clinics: 3, skipped: 1, created: 3 * PER_CLINIC });
    expect(run.error).toBeUndefined();
  });

  it('the shipped demo catalogue gets tickets of each specialty in its own length', async () => {
    env = await createTestEnv({});
    nowMs = MONDAY_0800;
    const server = await env.start({ now: () => nowMs, demoDataDir: `${repoRoot}sync-server/demo-data` });
    const run = await server.scheduler.startRun;
    expect(run).toMatchObject({ clinics: 7, skipped: 0 });
    expect(run?.created).toBeGreaterThan(0);
    const minutes = (t: StoredDoc): number => (Date.parse(String(t.endsAt)) - Date.parse(String(t.startsAt))) / 60_000;
    const lengths = new Map<string, Set<number>>();
    for (const t of await tickets(server)) {
      const code = String(t.specialtyCode);
      lengths.set(code, (lengths.get(code) ?? new Set()).add(minutes(t)));
    }
    expect(lengths.get('31.08.49')).toEqual(new Set([15]));
    expect(lengths.get('31.08.26')).toEqual(new Set([30])); // no length given: the default
    expect(lengths.get('31.08.42')).toEqual(new Set([20]));
    expect(lengths.get('31.08.43')).toEqual(new Set([45]));
  });
});
