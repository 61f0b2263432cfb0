// The public ticket feeds over HTTP: what each feed shows, that nobody learns who booked, and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsUrl } from '@poisklinik/shared';
import type { SyncServer } from '../../server';
import type { StoredDoc } from '../../store/store.types';
import { clinicFixture, datasetFixture } from '../../test-support/fixtures';
import { createTestEnv, postJson, request, type TestEnv } from '../../test-support/test-server';
import { TICKETS_DB } from '../../tickets/ticket-doc';

// Monday 08:00 in Kaluga; 14 days of Mon–Fri 08:00–20:00 in 30-minute slots = 240 tickets per clinic.
const NOW = Date.parse('2026-11-30T05:00:00Z');
const PER_CLINIC = 240;
const BOOKED = 'clinic-a.31.08.26.20261201-1000';

type Row = { seq: number; id: string; deleted?: boolean; doc?: StoredDoc };
type Changes = { results: Row[]; last_seq: number };

let env: TestEnv;
let server: SyncServer;
const clinicUrl = (id: string): string => ticketsUrl(server.url, { kind: 'clinic', clinicId: id });
const townUrl = (id: string): string => ticketsUrl(server.url, { kind: 'town', townId: id });

async function changes(url: string, query = ''): Promise<Changes> {
  const res = await request(`${url}_changes?include_docs=true${query}`);
  expect(res.status).toBe(200);
  return res.body as Changes;
}

async function setTicket(id: string, fields: Record<string, unknown>): Promise<void> {
  const db = await server.store.database(TICKETS_DB);
  const doc = await db.get(id);
  if (!doc || typeof doc.version !== 'number') throw new Error(`no ticket ${id}`);
  const { bookingId: _b, ...rest } = doc;
  expect((await db.put({ ...rest, ...fields, version: doc.version + 1 })).ok).toBe(true);
}

beforeAll(async () => {
  const dataset = datasetFixture();
  dataset.towns.push({
    id: 'vladivostok',
    name: 'Владивосток',
    region: 'Приморский край',
    location: { lat: 43.1155, lon: 131.8855 },
    timezone: 'Asia/Vladivostok',
    districts: [],
  });
  dataset.clinics.push(clinicFixture('clinic-v', 'Поликлиника на краю', { townId: 'vladivostok', districtId: '' }));
  env = await createTestEnv(dataset);
  server = await env.start({ now: () => NOW, scheduler: false, longpollTimeoutMs: 20_000 });
  await server.scheduler.runNow();
  await setTicket(BOOKED, { status: 'booked', bookingId: 'uaaaaaaaaaaaaaaaaaaaa.k1' });
}, 60_000);

afterAll(async () => env.cleanup());

describe('ticket feeds', { timeout: 30_000 }, () => {
  it("a clinic's feed holds exactly its tickets, the booked one without who booked it", async () => {
    const feed = await changes(clinicUrl('clinic-a'));
    expect(feed.results).toHaveLength(PER_CLINIC);
    expect(feed.results.every((r) => r.doc?.clinicId === 'clinic-a')).toBe(true);
    const booked = feed.results.find((r) => r.id === BOOKED)?.doc;
    expect(booked).toMatchObject({ status: 'booked', version: 2 });
    expect(feed.results.some((r) => r.doc && 'bookingId' in r.doc)).toBe(false);

    // Every read endpoint hides it too.
    const one = await request(`${clinicUrl('clinic-a')}${BOOKED}`);
    expect(one).toMatchObject({ status: 200, body: { status: 'booked' } });
    expect(one.body).not.toHaveProperty('bookingId');
    const all = await request(`${clinicUrl('clinic-a')}_all_docs?include_docs=true`);
    expect(all.body).toMatchObject({ total_rows: PER_CLINIC });
    expect(JSON.stringify(all.body)).not.toContain('bookingId');
    const keyed = await postJson(`${clinicUrl('clinic-a')}_all_docs?include_docs=true`, { keys: [BOOKED] });
    expect(JSON.stringify(keyed.body)).not.toContain('bookingId');
    const bulk = await postJson(`${clinicUrl('clinic-a')}_bulk_get?revs=true`, { docs: [{ id: BOOKED }] });
    expect(bulk.status).toBe(200);
    expect(JSON.stringify(bulk.body)).toContain('"booked"');
    expect(JSON.stringify(bulk.body)).not.toContain('bookingId');
    expect(await request(clinicUrl('clinic-a'))).toMatchObject({ status: 200, body: { doc_count: PER_CLINIC } });
  });

  it("another clinic's ticket is missing from a clinic's feed", async () => {
    expect(await request(`${clinicUrl('clinic-b')}${BOOKED}`)).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    const keyed = await postJson(`${clinicUrl('clinic-b')}_all_docs`, { keys: [BOOKED] });
    expect(keyed.body).toMatchObject({ rows: [{ key: BOOKED, error: 'not_found' }] });
  });

  it("a town scope's feed holds the tickets of the clinics in it, not those far away", async () => {
    const kaluga = await changes(townUrl('kaluga'));
    expect(kaluga.results).toHaveLength(3 * PER_CLINIC);
    expect(new Set(kaluga.results.map((r) => r.doc?.clinicId))).toEqual(new Set(['clinic-a', 'clinic-b', 'clinic-c']));
    expect(JSON.stringify(kaluga.results)).not.toContain('bookingId');
    const far = await changes(townUrl('vladivostok'));
    // It is already 15:00 there: Monday's first 14 slots are past and were never made.
    expect(far.results).toHaveLength(PER_CLINIC - 14);
    expect(far.results[0]?.doc).toMatchObject({
      clinicId: 'clinic-v',
      localTime: '15:00',
      startsAt: '2026-11-30T05:00:00.000Z',
    });
  });

  it('a removed time reaches the devices of its clinic as a deletion, not those of another', async () => {
    const sinceA = (await changes(clinicUrl('clinic-a'), '&limit=1&since=now')).last_seq;
    const clinics = await server.store.database('clinics');
    const clinic = await clinics.get('clinic-a');
    if (!clinic) throw new Error('no clinic-a');
    const mornings = [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '12:00' }));
    await clinics.put({ ...clinic, specialties: [{ code: '31.08.26', schedule: mornings }] });
    expect(await server.scheduler.runNow()).toMatchObject({ removed: 16 * 10 });

    const after = await changes(clinicUrl('clinic-a'), `&since=${sinceA}`);
    expect(after.results).toHaveLength(16 * 10);
    expect(after.results.every((r) => r.deleted === true && r.doc?._deleted === true)).toBe(true);
    // The tombstone keeps the ticket's body (RxDB validates deleted documents against the schema too).
    expect(after.results[0]?.doc).toMatchObject({ clinicId: 'clinic-a', status: 'free' });
    expect((await changes(clinicUrl('clinic-b'), `&since=${sinceA}`)).results).toEqual([]);
    expect((await changes(townUrl('vladivostok'), `&since=${sinceA}`)).results).toEqual([]);
    // A device pulling from scratch gets no deletions at all.
    expect((await changes(clinicUrl('clinic-a'))).results.some((r) => r.deleted)).toBe(false);
  });

  it('a waiting long-poll wakes when one of its tickets changes', async () => {
    const since = (await changes(clinicUrl('clinic-b'), '&limit=1&since=now')).last_seq;
    const before = server.activeLongPolls();
    const waiting = changes(clinicUrl('clinic-b'), `&feed=longpoll&timeout=15000&since=${since}`);
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThan(before);
    // A change to another clinic's ticket does not end the wait; this one does.
    await setTicket('clinic-c.31.08.26.20261201-1100', { status: 'booked', bookingId: 'ubbbbbbbbbbbbbbbbbbbb.k2' });
    await setTicket('clinic-b.31.08.26.20261201-1100', { status: 'booked', bookingId: 'ubbbbbbbbbbbbbbbbbbbb.k3' });
    const woke = await waiting;
    expect(woke.results.map((r) => r.id)).toEqual(['clinic-b.31.08.26.20261201-1100']);
    expect(woke.results[0]?.doc).toMatchObject({ status: 'booked' });
    expect(woke.results[0]?.doc).not.toHaveProperty('bookingId');
  });

  it('the whole collection is not served, writes are refused, unknown scopes are 404', async () => {
    for (const path of ['/db/tickets/', '/db/tickets/_changes', `/db/tickets/${BOOKED}`, '/db/tickets/_all_docs']) {
      expect(await request(`${server.url}${path}`)).toMatchObject({
        status: 404,
        body: { error: 'not_found', reason: expect.stringContaining('per scope') as string },
      });
    }
    expect(await postJson(`${clinicUrl('clinic-a')}_bulk_docs`, { docs: [] })).toMatchObject({ status: 403 });
    expect(await postJson(`${townUrl('kaluga')}_bulk_docs`, { docs: [] })).toMatchObject({ status: 403 });
    expect(await postJson(`${server.url}/db/tickets/_bulk_docs`, { docs: [] })).toMatchObject({ status: 403 });
    const put = await request(`${clinicUrl('clinic-a')}${BOOKED}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'free' }),
    });
    expect(put).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Reads by POST are reads.
    expect(await postJson(`${clinicUrl('clinic-a')}_changes?limit=1`, {})).toMatchObject({ status: 200 });
    expect(await request(`${clinicUrl('nowhere')}_changes`)).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(await request(`${clinicUrl('_design')}_changes`)).toMatchObject({ status: 404 });
    expect(await request(`${townUrl('atlantis')}_changes`)).toMatchObject({ status: 404 });
    expect(await request(`${server.url}/db/clinic/clinic-a/clinics/`)).toMatchObject({ status: 404 });
    expect(await getBooked()).toMatchObject({ status: 'booked' });
  });
});

async function getBooked(): Promise<StoredDoc | null> {
  return (await server.store.database(TICKETS_DB)).get(BOOKED);
}
