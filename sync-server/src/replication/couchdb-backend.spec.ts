// The same replication surface over the CouchDB adapter (against the store's test stand-in): the endpoints must
// not depend on which backend holds the catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { accountRoutes, collectionUrl } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { startCouchStandIn, type CouchStandIn } from '../store/couchdb-stand-in.fixture';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';
import { call, signUp } from '../authz/session-client';

PouchDB.plugin(memoryAdapter);

let env: TestEnv;
let couch: CouchStandIn;
let server: SyncServer;

beforeAll(async () => {
  couch = await startCouchStandIn();
  env = await createTestEnv();
  server = await env.start({ couchdbUrl: couch.url, longpollTimeoutMs: 30_000 });
});
afterAll(async () => {
  await env.cleanup();
  await couch.stop();
});

describe('replication over the CouchDB store', () => {
  it('imports idempotently into CouchDB', async () => {
    expect(server.store.kind).toBe('couchdb');
    expect(server.importSummary?.clinics).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const again = await env.start({ couchdbUrl: couch.url });
    expect(again.importSummary?.clinics).toEqual({ created: 0, updated: 0, unchanged: 3 });
    await again.close();
  });

  it('serves info, changes and keyed _all_docs', async () => {
    const url = collectionUrl(server.url, 'clinics');
    expect(await request(url)).toMatchObject({ status: 200, body: { db_name: 'clinics', doc_count: 3 } });
    const changes = (await request(`${url}_changes?style=all_docs&include_docs=true&since=0&limit=500`)).body as {
      results: { id: string }[];
    };
    expect(changes.results.map((r) => r.id).sort()).toEqual(['clinic-a', 'clinic-b', 'clinic-c']);
    const keys = encodeURIComponent('["clinic-a","nope"]');
    const all = (await request(`${url}_all_docs?keys=${keys}`)).body as { rows: Record<string, unknown>[] };
    expect(all.rows[1]).toEqual({ key: 'nope', error: 'not_found' });
  });

  it('a long-poll is woken by a write to CouchDB', async () => {
    const url = collectionUrl(server.url, 'towns');
    const since = ((await request(url)).body as { update_seq: string | number }).update_seq;
    const pending = request(`${url}_changes?feed=longpoll&include_docs=true&since=${since}`);
    const towns = await server.store.database('towns');
    const town = await towns.get('kaluga');
    await towns.put({ ...town!, name: 'Калуга-2' });
    const res = (await pending).body as { results: { id: string; doc?: { name: string } }[] };
    expect(res.results.map((r) => [r.id, r.doc?.name])).toEqual([['kaluga', 'Калуга-2']]);
  });

  it('a stock PouchDB pull gets every document', async () => {
    const local = new PouchDB(`couch-backed-${Date.now()}`, { adapter: 'memory' });
    try {
      const result = await local.replicate.from(collectionUrl(server.url, 'clinics'));
      expect(result.ok).toBe(true);
      expect(result.docs_written).toBe(3);
    } finally {
      await local.destroy();
    }
  });

  it('a per-user collection shows each user only their own profile, on CouchDB too', async () => {
    const anna = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
    const boris = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
    const first = await call(server, anna, 'GET', '/db/profiles/_changes?style=all_docs&include_docs=true&since=0');
    const body = first.body as { results: { id: string }[]; last_seq: string | number };
    expect(body.results.map((r) => r.id)).toEqual([anna.userId]);
    expect((await call(server, boris, 'PATCH', accountRoutes.profile, { name: 'Борис Б.' })).status).toBe(200);
    const since = encodeURIComponent(String(body.last_seq));
    const later = await call(server, anna, 'GET', `/db/profiles/_changes?include_docs=true&since=${since}`);
    expect(later.body).toMatchObject({ results: [] });
    const listed = await call(server, anna, 'GET', '/db/profiles/_all_docs');
    expect((listed.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([anna.userId]);
    expect((await call(server, anna, 'GET', `/db/profiles/${boris.userId}`)).status).toBe(404);
  });
});
