// The real client: RxDB 17 pulls a clinic's tickets into a collection built from the shared ticket schema
// (validated: `additionalProperties: false`, so a leaked `bookingId` would fail the pull), then sees a claim live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { fromWireDoc, PULL_BATCH_SIZE, ticketSchema, ticketsUrl, type Ticket } from '@poisklinik/shared';
import type { SyncServer } from '../../server';
import { createTestEnv, type TestEnv } from '../../test-support/test-server';
import { TICKETS_DB } from '../../tickets/ticket-doc';

const NOW = Date.parse('2026-11-30T05:00:00Z');
const TICKET = 'clinic-a.31.08.26.20261202-0930';

let env: TestEnv;
let server: SyncServer;
let db: RxDatabase<{ tickets: RxCollection<Ticket> }>;
let replication: RxCouchDBReplicationState<Ticket> | undefined;
const errors: unknown[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ now: () => NOW, scheduler: false });
  await server.scheduler.runNow();
  db = await createRxDatabase({
    name: `tickets-test-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections({ tickets: { schema: ticketSchema } });
}, 60_000);

afterAll(async () => {
  await replication?.cancel();
  await db?.remove();
  await env.cleanup();
});

describe('RxDB 17 pulling a clinic ticket feed', { timeout: 60_000 }, () => {
  it("gets the clinic's free tickets, then sees one claimed in the store turn booked, without bookingId", async () => {
    replication = replicateCouchDB<Ticket>({
      replicationIdentifier: 'test-tickets:clinic-a',
      collection: db.tickets,
      url: ticketsUrl(server.url, { kind: 'clinic', clinicId: 'clinic-a' }),
      live: true,
      waitForLeadership: false,
      retryTime: 500,
      pull: { batchSize: PULL_BATCH_SIZE },
    });
    replication.error$.subscribe((e) => errors.push(e));
    await replication.awaitInitialReplication();
    expect(errors).toEqual([]);

    const local = await db.tickets.find().exec();
    expect(local).toHaveLength(240);
    expect(local.every((t) => t.clinicId === 'clinic-a' && t.status === 'free')).toBe(true);
    const stored = await (await server.store.database(TICKETS_DB)).get(TICKET);
    if (!stored) throw new Error(`no ticket ${TICKET}`);
    expect((await db.tickets.findOne(TICKET).exec())?.toMutableJSON()).toEqual(fromWireDoc(stored as never));

    // What the booking service does to claim it: a revision-checked write, version + 1, the booking's id.
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(1);
    const seen = new Promise<Ticket>((resolve) => {
      const sub = db.tickets.findOne(TICKET).$.subscribe((doc) => {
        if (doc?.status === 'booked') {
          sub.unsubscribe();
          resolve(doc.toMutableJSON());
        }
      });
    });
    const claim = await (
      await server.store.database(TICKETS_DB)
    ).put({
      ...stored,
      status: 'booked',
      bookingId: 'uaaaaaaaaaaaaaaaaaaaa.k1',
      version: 2,
      updatedAt: new Date(NOW).toISOString(),
    });
    expect(claim.ok).toBe(true);
    const booked = await seen;
    expect(booked).toMatchObject({ id: TICKET, status: 'booked', version: 2 });
    expect(booked).not.toHaveProperty('bookingId');
    expect(errors).toEqual([]);
  });
});
