import { afterEach, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { clinicSchema, collectionUrl, scopedCollectionUrl, type Clinic, type ManagedClinic } from '@poisklinik/shared';
import { call } from '../authz/session-client';
import type { SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';
import { TICKETS_DB } from '../tickets/ticket-doc';
import { ADMIN, clinicPath, createClinic, draft, people, saveClinic } from './clinic-test-kit';

addRxPlugin(RxDBMigrationSchemaPlugin);

// Monday 2026-11-30 07:00 in Kaluga (Europe/Moscow): the whole day's schedule still lies ahead.
const MONDAY_0700 = Date.parse('2026-11-30T04:00:00Z');

type Changes = { results: { id: string; deleted?: boolean; doc?: StoredDoc }[]; last_seq: string | number };

async function changes(url: string, since: string | number = 0): Promise<Changes> {
  return (await request(`${url}_changes?include_docs=true&since=${since}`)).body as Changes;
}

async function clinicTickets(server: SyncServer, clinicId: string): Promise<StoredDoc[]> {
  const db = await server.store.database(TICKETS_DB);
  const { rows } = await db.allDocs({ includeDocs: true, startkey: `${clinicId}.`, endkey: `${clinicId}.\ufff0` });
  return rows.flatMap((r) => ('error' in r || !r.doc || r.doc._deleted ? [] : [r.doc]));
}

describe('managed clinics reach devices and the scheduler', { timeout: 90_000 }, () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('a created clinic replicates; an hours edit arrives through the feeds; schedule edits move free tickets', async () => {
    env = await createTestEnv();
    const server = await env.start({ ...ADMIN, scheduler: false, now: () => MONDAY_0700 });
    const who = await people(server);
    const clinicsUrl = collectionUrl(server.url, 'clinics');
    const townUrl = scopedCollectionUrl(server.url, 'clinics', { kind: 'town', townId: 'kaluga' });

    const created = await createClinic(server, who.owner, 'new-1');
    const everywhere = await changes(clinicsUrl);
    expect(everywhere.results.find((r) => r.id === 'new-1')?.doc).toMatchObject({ name: 'Клиника «Новая»' });
    const inTown = await changes(townUrl);
    expect(inTown.results.map((r) => r.id)).toContain('new-1');
    // Monday 09:00–13:00 of therapy, 30-minute slots: 8 tickets for today, the first at 09:00.
    const first = await clinicTickets(server, 'new-1');
    expect(first.filter((t) => t['localDate'] === '2026-11-30').map((t) => t['localTime'])).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '12:00',
      '12:30',
    ]);

    // A patient holds the 09:00 ticket: the schedule edit below drops that time, but never a booking.
    const ticketsDb = await server.store.database(TICKETS_DB);
    const heldId = 'new-1.31.08.49.20261130-0900';
    const free = await ticketsDb.get(heldId);
    if (!free) throw new Error('no 09:00 ticket');
    const held = {
      ...free,
      status: 'booked',
      bookingId: `${who.patient.userId}.k1`,
      version: Number(free['version']) + 1,
    };
    expect((await ticketsDb.put(held)).ok).toBe(true);

    // A device that synced the town once sees the new hours on its next pull.
    const hours = [{ day: 1, from: '10:00', to: '16:00' }];
    const schedule = [{ day: 1, from: '14:00', to: '15:00' }];
    const edited = await saveClinic(
      server,
      who.owner,
      'new-1',
      draft({
        hours,
        specialties: [
          { code: '31.08.49', schedule },
          { code: '31.08.26', schedule },
        ],
      }),
      created.rev,
    );
    expect(edited.status).toBe(200);
    const pulled = await changes(townUrl, inTown.last_seq);
    expect(pulled.results.find((r) => r.id === 'new-1')?.doc).toMatchObject({ hours });

    const today = (await clinicTickets(server, 'new-1')).filter((t) => t['localDate'] === '2026-11-30');
    expect(
      today.map((t) => `${String(t['specialtyCode'])} ${String(t['localTime'])} ${String(t['status'])}`).sort(),
    ).toEqual([
      '31.08.26 14:00 free',
      '31.08.26 14:30 free',
      '31.08.49 09:00 booked',
      '31.08.49 14:00 free',
      '31.08.49 14:30 free',
    ]);
    const runs = await server.scheduler.latestRuns(5);
    expect(runs[0]).toMatchObject({ trigger: 'clinic', clinicId: 'new-1', created: expect.any(Number) as number });

    // Deleting the clinic takes its free tickets with it, and the deletion reaches the town's devices.
    const booked = await ticketsDb.get(heldId);
    if (!booked) throw new Error('the booked ticket went');
    expect((await ticketsDb.put({ ...booked, _deleted: true })).ok).toBe(true); // the booking was cancelled
    const rev = (edited.body as ManagedClinic).rev;
    expect((await call(server, who.owner, 'DELETE', `${clinicPath('new-1')}?rev=${rev}`)).status).toBe(200);
    expect(await clinicTickets(server, 'new-1')).toEqual([]);
    const gone = await changes(townUrl, pulled.last_seq);
    expect(gone.results.find((r) => r.id === 'new-1')).toMatchObject({ deleted: true });
  });

  it('a restart re-imports the demo data without undoing an edit, a rating or a deletion', async () => {
    env = await createTestEnv();
    const first = await env.start({ ...ADMIN, scheduler: false });
    const who = await people(first);
    // The admin edits a demo clinic and deletes another; the reviews server rates a third.
    const demo = (await call(first, who.admin, 'GET', clinicPath('clinic-a'))).body as ManagedClinic;
    const renamed = draft({ name: 'Поликлиника № 1 (переименована)', specialties: demo.clinic.specialties });
    expect((await saveClinic(first, who.admin, 'clinic-a', renamed, demo.rev)).status).toBe(200);
    const doomed = (await call(first, who.admin, 'GET', clinicPath('clinic-c'))).body as ManagedClinic;
    expect((await call(first, who.admin, 'DELETE', `${clinicPath('clinic-c')}?rev=${doomed.rev}`)).status).toBe(200);
    const clinics = await first.store.database('clinics');
    const rated = await clinics.get('clinic-b');
    if (!rated) throw new Error('clinic-b missing');
    expect((await clinics.put({ ...rated, rating: 4.2, reviewCount: 5 })).ok).toBe(true);
    await first.close();

    const second = await env.start({ ...ADMIN, scheduler: false });
    const again = await second.store.database('clinics');
    expect(await again.get('clinic-a')).toMatchObject({ name: 'Поликлиника № 1 (переименована)' });
    expect(await again.get('clinic-b')).toMatchObject({ rating: 4.2, reviewCount: 5 });
    expect(await again.get('clinic-c')).toBeNull();
  });

  it('a device replicating its town (RxDB, validating) shows the hours a manager saved', async () => {
    env = await createTestEnv();
    const server = await env.start({ ...ADMIN, scheduler: false });
    const who = await people(server);
    const created = await createClinic(server, who.owner, 'device-1');

    const db = await createRxDatabase<{ clinics: RxCollection<Clinic> }>({
      name: `manage-device-${Date.now()}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    await db.addCollections({
      clinics: { schema: clinicSchema, migrationStrategies: { 1: (doc: unknown) => doc, 2: (doc: unknown) => doc } },
    });
    const replication = replicateCouchDB<Clinic>({
      replicationIdentifier: 'manage-device',
      collection: db.clinics,
      url: scopedCollectionUrl(server.url, 'clinics', { kind: 'town', townId: 'kaluga' }),
      live: true,
      waitForLeadership: false,
      retryTime: 500,
      pull: {},
    });
    const errors: unknown[] = [];
    replication.error$.subscribe((e) => errors.push(e));
    try {
      await replication.awaitInitialReplication();
      expect((await db.clinics.findOne('device-1').exec())?.phone).toBe('+74842123456');

      const hours = [
        { day: 1, from: '09:00', to: '21:00' },
        { day: 6, from: '10:00', to: '14:00' },
      ];
      const saved = await saveClinic(server, who.owner, 'device-1', draft({ hours }), created.rev);
      expect(saved.status).toBe(200);
      await expect
        .poll(async () => (await db.clinics.findOne('device-1').exec())?.hours, { timeout: 20_000 })
        .toEqual(hours);
      expect(errors).toEqual([]);
    } finally {
      await replication.cancel();
      await db.remove();
    }
  });
});
