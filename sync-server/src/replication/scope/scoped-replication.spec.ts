// Town-scoped replication over a generated catalogue: the real RxDB client, the raw feed against a brute-force
// filter, long-poll semantics and the HTTP surface.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import {
  clinicSchema,
  distanceMetres,
  fromWireDoc,
  SCOPE_RADIUS_KM,
  scopedCollectionUrl,
  type Clinic,
} from '@poisklinik/shared';
import type { SyncServer } from '../../server';
import type { StoredDoc, StoreDatabase } from '../../store/store.types';
import { createTestEnv, postJson, request, type TestEnv } from '../../test-support/test-server';
import { generateScaleDataset, type ScaleDataset } from '../../scale/clinic-generator';
import { writeScaleDataset } from '../../scale/scale-files';

addRxPlugin(RxDBMigrationSchemaPlugin);

type Row = { seq: number; id: string; changes: { rev: string }[]; deleted?: boolean; doc?: StoredDoc };
type Changes = { results: Row[]; last_seq: number };

let env: TestEnv;
let server: SyncServer;
let dataset: ScaleDataset;
let clinics: StoreDatabase;
let scopeTowns: Set<string>;
let db: RxDatabase<{ clinics: RxCollection<Clinic> }>;
let replication: RxCouchDBReplicationState<Clinic> | undefined;
/** Pull errors of the device (e.g. a tombstone its validating storage rejects). */
const errors: unknown[] = [];
const scopeUrl = (): string => scopedCollectionUrl(server.url, 'clinics', { kind: 'town', townId: 'kaluga' });
const inScope = (doc: StoredDoc): boolean => typeof doc['townId'] === 'string' && scopeTowns.has(doc['townId']);

beforeAll(async () => {
  env = await createTestEnv({});
  dataset = generateScaleDataset({ clinics: 6000, seed: 21 });
  await writeScaleDataset(join(env.root, 'generated'), dataset);
  // No tickets: 6000 clinics' worth would only slow the catalogue feed under test.
  server = await env.start({ demoDataDir: join(env.root, 'generated'), longpollTimeoutMs: 30_000, scheduler: false });
  clinics = await server.store.database('clinics');
  const kaluga = dataset.towns.find((t) => t.id === 'kaluga');
  if (!kaluga) throw new Error('no Kaluga');
  // Brute force, independent of the server's code: towns whose centre is within the radius of Kaluga's.
  scopeTowns = new Set(
    dataset.towns.filter((t) => distanceMetres(t.location, kaluga.location) <= SCOPE_RADIUS_KM * 1000).map((t) => t.id),
  );
  db = await createRxDatabase({
    name: `scope-test-${Date.now()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  // A fresh database at clinic schema v1 still needs a strategy per version (v1 only added an optional field).
  await db.addCollections({ clinics: { schema: clinicSchema, migrationStrategies: { 1: (doc: unknown) => doc, 2: (doc: unknown) => doc } } });
}, 120_000);

afterAll(async () => {
  await replication?.cancel();
  await db?.remove();
  await env.cleanup();
});

async function storeDocs(): Promise<StoredDoc[]> {
  return (await clinics.allDocs({ includeDocs: true })).rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
}

async function move(id: string, townId: string): Promise<void> {
  const doc = await clinics.get(id);
  const town = dataset.towns.find((t) => t.id === townId);
  if (!doc || !town) throw new Error(`cannot move ${id} to ${townId}`);
  const write = await clinics.put({ ...doc, townId, districtId: '', location: town.location });
  expect(write.ok).toBe(true);
}

describe('RxDB pull of a town scope', () => {
  it('gets exactly the clinics in scope, and doc_count says how many', { timeout: 120_000 }, async () => {
    const expected = (await storeDocs()).filter(inScope);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(dataset.clinics.length / 10);
    const info = await request(scopeUrl());
    expect(info.body).toMatchObject({ db_name: 'clinics', doc_count: expected.length });

    replication = replicateCouchDB<Clinic>({
      replicationIdentifier: 'scope-test',
      collection: db.clinics,
      url: scopeUrl(),
      live: true,
      waitForLeadership: false,
      retryTime: 500,
      pull: { batchSize: 7 }, // many pages over a feed where most rows are out of scope
    });
    replication.error$.subscribe((e) => errors.push(e));
    await replication.awaitInitialReplication();
    expect(errors).toEqual([]);
    const local = (await db.clinics.find().exec()).map((d) => d.toMutableJSON());
    const byId = (xs: { id: string }[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(local)).toEqual(byId(expected.map((d) => fromWireDoc<Clinic>(d as never))));
  });

  it(
    'a clinic moved out of scope disappears from the device via the live long-poll; one moved in appears',
    { timeout: 60_000 },
    async () => {
      const docs = await storeDocs();
      const leaving = docs.find(inScope);
      const arriving = docs.find((d) => d['townId'] === 'moskva');
      if (!leaving || !arriving) throw new Error('no clinics to move');
      await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(1);
      expect(await db.clinics.findOne(leaving._id).exec()).not.toBeNull();

      const gone = new Promise<void>((resolve) => {
        const sub = db.clinics.findOne(leaving._id).$.subscribe((doc) => {
          if (doc === null) {
            sub.unsubscribe();
            resolve();
          }
        });
      });
      await move(leaving._id, 'moskva');
      await gone;

      await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(1);
      const came = new Promise<string>((resolve) => {
        const sub = db.clinics.findOne(arriving._id).$.subscribe((doc) => {
          if (doc) {
            sub.unsubscribe();
            resolve(doc.townId);
          }
        });
      });
      await move(arriving._id, 'kondrovo');
      expect(await came).toBe('kondrovo');
      expect((await request(scopeUrl())).body).toMatchObject({ doc_count: (await storeDocs()).filter(inScope).length });
      expect(errors).toEqual([]);
      // Done with the device: the next tests write deletions and edits of their own.
      await replication?.cancel();
    },
  );
});

describe('scoped _changes paging', () => {
  it(
    'limit/since paging over a mixed feed neither skips nor repeats (vs a brute-force filter)',
    { timeout: 120_000 },
    async () => {
      const start = ((await request(`${scopeUrl()}_changes?since=now`)).body as Changes).last_seq;
      const docs = await storeDocs();
      const inside = docs.filter(inScope).slice(0, 8);
      const outside = docs.filter((d) => !inScope(d)).slice(0, 8);
      const left = new Set<string>();
      // Interleaved edits of every kind, so matches and non-matches alternate in the feed.
      for (let i = 0; i < 4; i++) {
        const a = inside[i];
        const b = outside[i];
        if (!a || !b) throw new Error('not enough clinics');
        await clinics.put({ ...b, name: `${String(b['name'])} (ред.)` }); // out of scope, stays out: skipped
        await clinics.put({ ...a, name: `${String(a['name'])} (ред.)` }); // in scope: kept
        await move(b._id, 'peremyshl'); // moves in: kept
      }
      for (const a of inside.slice(4, 6)) {
        await move(a._id, 'omsk'); // moves out: a deletion
        left.add(a._id);
      }
      const del = async (d: StoredDoc | undefined) => {
        const current = d && (await clinics.get(d._id));
        if (current) await clinics.put({ _id: current._id, _rev: current._rev, _deleted: true });
      };
      await del(inside[6]);
      await del(outside[6]);
      await clinics.put({ ...(outside[7] as StoredDoc), _id: 'new-far', _rev: undefined }); // new, out of scope
      await clinics.put({ ...(inside[7] as StoredDoc), _id: 'new-near', _rev: undefined }); // new, in scope

      const all = (
        (await request(`${server.url}/db/clinics/_changes?include_docs=true&since=${start}`)).body as Changes
      ).results;
      const expected = all.flatMap((r) => {
        if (r.deleted) return [`${r.id} deleted`];
        if (r.doc && inScope(r.doc)) return [`${r.id} ${r.changes[0]?.rev}`];
        return left.has(r.id) ? [`${r.id} deleted`] : [];
      });
      expect(expected.length).toBeGreaterThan(10);
      const endSeq = all.at(-1)?.seq;

      for (const limit of [1, 2, 5, 1000]) {
        const got: string[] = [];
        const seqs: number[] = [];
        let since = start;
        for (let pages = 0; pages < 100; pages++) {
          const page = (await request(`${scopeUrl()}_changes?include_docs=true&limit=${limit}&since=${since}`))
            .body as Changes;
          for (const r of page.results) {
            got.push(r.deleted ? `${r.id} deleted` : `${r.id} ${r.changes[0]?.rev}`);
            seqs.push(r.seq);
            if (r.deleted) expect(r.doc).toMatchObject({ _id: r.id, _rev: r.changes[0]?.rev, _deleted: true });
            else expect(r.doc && inScope(r.doc)).toBe(true);
          }
          expect(page.last_seq).toBeGreaterThanOrEqual(since);
          since = page.last_seq;
          if (page.results.length < limit) break;
        }
        expect(got, `limit=${limit}`).toEqual(expected);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(since).toBe(endSeq);
      }
    },
  );

  it('from 0 a device gets no deletions for clinics it never had', { timeout: 60_000 }, async () => {
    const feed = ((await request(`${scopeUrl()}_changes?include_docs=true`)).body as Changes).results;
    const deletedIds = feed.filter((r) => r.deleted).map((r) => r.id);
    const storeDeleted = ((await request(`${server.url}/db/clinics/_changes`)).body as Changes).results
      .filter((r) => r.deleted)
      .map((r) => r.id);
    expect(deletedIds).toEqual(storeDeleted); // real deletions only, no out-of-scope tombstones
    for (const r of feed.filter((x) => !x.deleted)) expect(r.doc && inScope(r.doc)).toBe(true);
  });
});

describe('scoped long-poll', () => {
  it('waits for a matching change: an out-of-scope write does not end it', { timeout: 60_000 }, async () => {
    const before = server.activeLongPolls();
    const poll = request(`${scopeUrl()}_changes?feed=longpoll&since=now&include_docs=true&timeout=20000`);
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThan(before);
    const docs = await storeDocs();
    const far = docs.find((d) => !inScope(d));
    const near = docs.find(inScope);
    if (!far || !near) throw new Error('no clinics');
    await clinics.put({ ...far, _id: 'far-during-poll', _rev: undefined });
    await clinics.put({ ...near, name: 'Изменено во время ожидания' });
    const body = (await poll).body as Changes;
    expect(body.results.map((r) => r.id)).toEqual([near._id]);
    expect(body.results[0]?.doc?.['name']).toBe('Изменено во время ожидания');
  });
});

describe('scoped HTTP surface', () => {
  it(
    'unknown town → 404 JSON; unscoped collections → 404; writes → 403; POST reads allowed',
    { timeout: 60_000 },
    async () => {
      const unknown = await request(`${server.url}/db/scope/atlantis/clinics/_changes`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ error: 'not_found' });
      expect((await request(`${server.url}/db/scope/kaluga/towns/`)).status).toBe(404);
      expect((await request(`${scopeUrl()}_local/checkpoint`)).status).toBe(404);
      const put = await request(`${scopeUrl()}some-id`, { method: 'PUT', body: '{}' });
      expect(put.status).toBe(403);
      expect((await postJson(`${scopeUrl()}_bulk_docs`, { docs: [] })).status).toBe(403);
      expect((await postJson(`${scopeUrl()}_changes`, {})).status).toBe(200);
      expect((await postJson(`${scopeUrl()}_all_docs`, {})).status).toBe(200);
    },
  );

  it(
    'documents: in scope served, out of scope 404 (a tombstone when asked by rev, as the feed announced)',
    { timeout: 60_000 },
    async () => {
      const docs = await storeDocs();
      const near = docs.find(inScope);
      const far = docs.find((d) => !inScope(d));
      if (!near || !far) throw new Error('no clinics');
      expect((await request(`${scopeUrl()}${near._id}`)).status).toBe(200);
      expect((await request(`${scopeUrl()}${far._id}`)).status).toBe(404);
      const bulk = await postJson(`${scopeUrl()}_bulk_get`, {
        docs: [{ id: near._id }, { id: far._id, rev: far._rev }],
      });
      expect(bulk.body).toMatchObject({
        results: [
          { id: near._id, docs: [{ ok: { _id: near._id, name: near['name'] } }] },
          { id: far._id, docs: [{ ok: { _id: far._id, _rev: far._rev, _deleted: true, name: far['name'] } }] },
        ],
      });
      const all = (await postJson(`${scopeUrl()}_all_docs`, { keys: [near._id, far._id] })).body as {
        total_rows: number;
        rows: Record<string, unknown>[];
      };
      expect(all.rows[0]).toMatchObject({ id: near._id });
      expect(all.rows[1]).toEqual({ key: far._id, error: 'not_found' });
      expect(all.total_rows).toBe(docs.filter(inScope).length);
      const range = (await request(`${scopeUrl()}_all_docs?limit=3&skip=1`)).body as { rows: { id: string }[] };
      const inScopeIds = docs
        .filter(inScope)
        .map((d) => d._id)
        .sort();
      expect(range.rows.map((r) => r.id)).toEqual(inScopeIds.slice(1, 4));
    },
  );
});
