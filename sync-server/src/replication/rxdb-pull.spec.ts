// The real client protocol: RxDB 17's CouchDB replication pulling from the running server into collections
// built from the shared schemas (validated, so a stray wire field such as `_conflicts` would fail the pull).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import {
  catalogueCollections,
  clinicSchema,
  collectionUrl,
  fromWireDoc,
  PULL_BATCH_SIZE,
  specialtySchema,
  townSchema,
  type Clinic,
  type Specialty,
  type Town,
} from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { repoRoot } from '../config';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

addRxPlugin(RxDBMigrationSchemaPlugin);

type Collections = { clinics: RxCollection<Clinic>; specialties: RxCollection<Specialty>; towns: RxCollection<Town> };

let env: TestEnv;
let server: SyncServer;
let db: RxDatabase<Collections>;
const replications: RxCouchDBReplicationState<unknown>[] = [];

beforeAll(async () => {
  env = await createTestEnv({});
  // The shipped demo dataset: ~100 documents, more than one pull batch of specialties at a small batch size.
  server = await env.start({ demoDataDir: `${repoRoot}sync-server/demo-data` });
  db = await createRxDatabase<Collections>({
    name: `pull-test-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  await db.addCollections({
    // A fresh database at clinic schema v1 still needs a strategy per version (v1 only added an optional field).
    clinics: { schema: clinicSchema, migrationStrategies: { 1: (doc: unknown) => doc, 2: (doc: unknown) => doc } },
    specialties: { schema: specialtySchema },
    towns: { schema: townSchema },
  });
});

afterAll(async () => {
  await Promise.all(replications.map((r) => r.cancel()));
  await db?.remove();
  await env.cleanup();
});

function replicate<T>(collection: RxCollection<T>, batchSize: number): RxCouchDBReplicationState<T> {
  const replication = replicateCouchDB<T>({
    replicationIdentifier: `test-pull:${collection.name}`,
    collection,
    url: collectionUrl(server.url, collection.name),
    live: true,
    waitForLeadership: false,
    retryTime: 500,
    pull: { batchSize },
  });
  replications.push(replication as RxCouchDBReplicationState<unknown>);
  return replication;
}

describe('RxDB 17 replication-couchdb against the server', () => {
  it('pulls the whole catalogue; every document equals the store', async () => {
    const errors: unknown[] = [];
    const states = [
      replicate(db.clinics, PULL_BATCH_SIZE),
      replicate(db.specialties, 20), // several batches: exercises since/last_seq paging
      replicate(db.towns, PULL_BATCH_SIZE),
    ];
    for (const s of states) s.error$.subscribe((e) => errors.push(e));
    await Promise.all(states.map((s) => s.awaitInitialReplication()));
    expect(errors).toEqual([]);

    for (const name of catalogueCollections) {
      const stored = await (await server.store.database(name)).allDocs({ includeDocs: true });
      const expected = stored.rows.flatMap((r) => ('doc' in r && r.doc ? [fromWireDoc(r.doc as never)] : []));
      const local = (await db[name].find().exec()).map((d) => d.toMutableJSON());
      expect(local.length).toBeGreaterThan(0);
      expect(local.length).toBe(expected.length);
      const byId = (xs: { id: string }[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(local as { id: string }[])).toEqual(byId(expected as { id: string }[]));
    }
  });

  it('a clinic changed in the store afterwards arrives through the live long-poll', async () => {
    const clinics = await server.store.database('clinics');
    const [first] = (await clinics.allDocs({ includeDocs: true, limit: 1 })).rows;
    if (!first || !('doc' in first) || !first.doc) throw new Error('no clinic to change');
    const id = first.id;

    // Change only once RxDB's live long-poll is waiting on the server, so the change must travel through it.
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(3);
    const arrived = new Promise<string>((resolve) => {
      const sub = db.clinics.findOne(id).$.subscribe((doc) => {
        if (doc?.name === 'Переименованная клиника') {
          sub.unsubscribe();
          resolve(doc.updatedAt);
        }
      });
    });
    const updatedAt = new Date().toISOString();
    const write = await clinics.put({ ...first.doc, name: 'Переименованная клиника', updatedAt });
    expect(write.ok).toBe(true);
    expect(await arrived).toBe(updatedAt);
  });
});
