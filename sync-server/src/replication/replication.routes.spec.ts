import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYNC_CONTRACT_HEADER, SYNC_CONTRACT_VERSION, collectionUrl } from '@poisklinik/shared';
import type { SyncServer } from '../server';

// expect's asymmetric matchers are typed `any`; giving them `unknown` keeps the lint rules on for everything else.
const anything = (matcher: unknown): unknown => matcher;
import { createTestEnv, postJson, request, type TestEnv } from '../test-support/test-server';

type Changes = {
  results: { seq: number; id: string; changes: { rev: string }[]; doc?: Record<string, unknown> }[];
  last_seq: number;
};
type AllDocs = { total_rows: number; rows: Record<string, unknown>[] };

let env: TestEnv;
let server: SyncServer;
let clinics: string;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ longpollTimeoutMs: 30_000 });
  clinics = collectionUrl(server.url, 'clinics');
});
afterAll(async () => env.cleanup());

async function currentSeq(): Promise<number> {
  return ((await request(clinics)).body as { update_seq: number }).update_seq;
}

describe('GET /db/ and database info', () => {
  it('welcomes with the contract version and collections; every /db answer carries the contract header', async () => {
    const res = await request(`${server.url}/db/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      couchdb: 'Welcome',
      contract: SYNC_CONTRACT_VERSION,
      collections: ['clinics', 'specialties', 'towns'],
    });
    for (const path of ['/db/', '/db/clinics/', '/db/nope/', '/db/clinics/missing-doc']) {
      expect((await request(server.url + path)).headers.get(SYNC_CONTRACT_HEADER)).toBe(String(SYNC_CONTRACT_VERSION));
    }
  });

  it('describes a database in CouchDB shape', async () => {
    const res = await request(clinics);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ db_name: 'clinics', doc_count: 3, doc_del_count: 0, instance_start_time: '0' });
    expect(typeof (res.body as { update_seq: unknown }).update_seq).toBe('number');
  });

  it('answers 404 JSON for an unknown collection', async () => {
    for (const path of ['/db/users/', '/db/users/_changes', '/db/users/_all_docs', '/db/users/x']) {
      const res = await request(server.url + path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', reason: 'Database does not exist.' });
    }
  });
});

describe('_changes', () => {
  it('lists every document with docs (RxDB query shape) and pages with limit/since', async () => {
    const url = `${clinics}_changes?style=all_docs&feed=normal&include_docs=true&since=0&limit=2&seq_interval=2&heartbeat=60000`;
    const page1 = (await request(url)).body as Changes;
    expect(page1.results.map((r) => r.id)).toEqual(['clinic-a', 'clinic-b']);
    expect(page1.results[0]?.doc).toMatchObject({ _id: 'clinic-a', name: 'Поликлиника № 1' });
    expect(page1.results[0]?.doc).not.toHaveProperty('_revisions');
    const page2 = (await request(url.replace('since=0', `since=${page1.last_seq}`))).body as Changes;
    expect(page2.results.map((r) => r.id)).toEqual(['clinic-c']);
    const page3 = (await request(url.replace('since=0', `since=${page2.last_seq}`))).body as Changes;
    expect(page3).toEqual({ results: [], last_seq: page2.last_seq });
  });

  it('omits docs without include_docs and accepts since=now', async () => {
    const all = (await request(`${clinics}_changes`)).body as Changes;
    expect(all.results).toHaveLength(3);
    expect(all.results[0]).not.toHaveProperty('doc');
    const now = (await request(`${clinics}_changes?since=now`)).body as Changes;
    expect(now).toEqual({ results: [], last_seq: await currentSeq() });
  });

  it('a long-poll is woken by a store write and returns it', async () => {
    const since = await currentSeq();
    const pending = request(`${clinics}_changes?feed=longpoll&include_docs=true&since=${since}&timeout=60000`);
    const db = await server.store.database('clinics');
    const doc = await db.get('clinic-c');
    await db.put({ ...doc!, name: 'Детская больница № 2' });
    const res = (await pending).body as Changes;
    expect(res.results.map((r) => [r.id, r.doc?.['name']])).toEqual([['clinic-c', 'Детская больница № 2']]);
    expect(res.last_seq).toBe(await currentSeq());
  });

  it('a long-poll with since=now is woken by the next write', async () => {
    const pending = request(`${clinics}_changes?feed=longpoll&since=now&include_docs=true`);
    // Write only once the poll is waiting, else "now" would already include the write.
    await vi.waitFor(() => expect(server.activeLongPolls()).toBe(1));
    const db = await server.store.database('clinics');
    const doc = await db.get('clinic-a');
    await db.put({ ...doc!, phone: '+74842111111' });
    const res = (await pending).body as Changes;
    expect(res.results.map((r) => r.id)).toContain('clinic-a');
  });

  it('a client going away ends its long-poll on the server', async () => {
    const abort = new AbortController();
    const pending = fetch(`${clinics}_changes?feed=longpoll&since=now`, { signal: abort.signal }).catch(
      () => 'aborted',
    );
    await vi.waitFor(() => expect(server.activeLongPolls()).toBe(1));
    abort.abort();
    expect(await pending).toBe('aborted');
    await vi.waitFor(() => expect(server.activeLongPolls()).toBe(0));
  });

  it('a long-poll that sees nothing ends empty at the client timeout', async () => {
    const since = await currentSeq();
    const res = await request(`${clinics}_changes?feed=longpoll&since=${since}&timeout=150`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [], last_seq: since });
  });

  it('filters by doc_ids (POST, as PouchDB sends it, and GET)', async () => {
    const post = await postJson(`${clinics}_changes?filter=_doc_ids&style=all_docs`, { doc_ids: ['clinic-b'] });
    expect(post.status).toBe(200);
    expect((post.body as Changes).results.map((r) => r.id)).toEqual(['clinic-b']);
    const get = await request(`${clinics}_changes?filter=_doc_ids&doc_ids=${encodeURIComponent('["clinic-a"]')}`);
    expect((get.body as Changes).results.map((r) => r.id)).toEqual(['clinic-a']);
  });
});

describe('_all_docs', () => {
  it('GET with keys reports a missing key as not_found, in key order', async () => {
    const keys = encodeURIComponent(JSON.stringify(['clinic-b', 'nope', 'clinic-a']));
    const res = (await request(`${clinics}_all_docs?include_docs=true&keys=${keys}`)).body as AllDocs;
    expect(res.rows.map((r) => r['key'])).toEqual(['clinic-b', 'nope', 'clinic-a']);
    expect(res.rows[1]).toEqual({ key: 'nope', error: 'not_found' });
    expect(res.rows[0]).toMatchObject({ id: 'clinic-b', doc: { _id: 'clinic-b', ownership: 'commercial' } });
  });

  it('POST with {keys, include_docs} in the body (RxDB push pre-read)', async () => {
    const res = await postJson(`${clinics}_all_docs?`, { keys: ['clinic-a'], include_docs: true, deleted: 'ok' });
    expect(res.status).toBe(200);
    expect((res.body as AllDocs).rows).toEqual([
      anything(
        expect.objectContaining({
          id: 'clinic-a',
          key: 'clinic-a',
          doc: anything(expect.objectContaining({ _id: 'clinic-a' })),
        }),
      ),
    ]);
  });

  it('an empty key matches nothing (PouchDB would read it as "no key" and list everything)', async () => {
    const keys = encodeURIComponent(JSON.stringify(['', 'clinic-a']));
    const res = (await request(`${clinics}_all_docs?keys=${keys}`)).body as AllDocs;
    expect(res.rows.map((r) => [r['key'], r['error'] ?? r['id']])).toEqual([
      ['', 'not_found'],
      ['clinic-a', 'clinic-a'],
    ]);
    expect(((await request(`${clinics}_all_docs?key=""`)).body as AllDocs).rows).toEqual([]);
  });

  it('ranges with startkey/endkey/limit/skip', async () => {
    const res = (await request(`${clinics}_all_docs?startkey="clinic-b"&endkey="clinic-z"&limit=5`)).body as AllDocs;
    expect(res.rows.map((r) => r['id'])).toEqual(['clinic-b', 'clinic-c']);
    expect(res.total_rows).toBe(3);
    const skipped = (await request(`${clinics}_all_docs?skip=1&limit=1`)).body as AllDocs;
    expect(skipped.rows.map((r) => r['id'])).toEqual(['clinic-b']);
  });
});

describe('documents, _bulk_get, _revs_diff, _local', () => {
  it('GET a document with revs, a specific rev, conflicts and open_revs', async () => {
    const doc = (await request(`${clinics}clinic-b?revs=true&conflicts=true`)).body as Record<string, unknown>;
    expect(doc).toMatchObject({ _id: 'clinic-b', _revisions: { start: 1 } });
    expect(doc).not.toHaveProperty('_conflicts');
    const rev = String(doc['_rev']);
    expect((await request(`${clinics}clinic-b?rev=${rev}`)).body).toMatchObject({ _id: 'clinic-b', _rev: rev });
    const open = (
      await request(
        `${clinics}clinic-b?revs=true&latest=true&open_revs=${encodeURIComponent(JSON.stringify([rev, '9-nope']))}`,
      )
    ).body;
    expect(open).toEqual([
      { ok: anything(expect.objectContaining({ _rev: rev, _revisions: anything(expect.any(Object)) })) },
      { missing: '9-nope' },
    ]);
    expect((await request(`${clinics}clinic-b?open_revs=all`)).body).toEqual([
      { ok: anything(expect.objectContaining({ _rev: rev })) },
    ]);
    expect(await request(`${clinics}nope`)).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('_bulk_get returns revisions with history, and errors per missing one', async () => {
    const rev = String(((await request(`${clinics}clinic-b`)).body as Record<string, unknown>)['_rev']);
    const res = await postJson(`${clinics}_bulk_get?revs=true&latest=true`, {
      docs: [{ id: 'clinic-b', rev }, { id: 'nope' }],
    });
    expect(res.status).toBe(200);
    const results = (res.body as { results: { id: string; docs: Record<string, unknown>[] }[] }).results;
    expect(results[0]).toEqual({
      id: 'clinic-b',
      docs: [{ ok: anything(expect.objectContaining({ _rev: rev, _revisions: anything(expect.any(Object)) })) }],
    });
    expect(results[1]).toEqual({
      id: 'nope',
      docs: [{ error: anything(expect.objectContaining({ id: 'nope', error: 'not_found' })) }],
    });
  });

  it('_revs_diff reports what the server lacks', async () => {
    const rev = String(((await request(`${clinics}clinic-b`)).body as Record<string, unknown>)['_rev']);
    const res = await postJson(`${clinics}_revs_diff`, { 'clinic-b': [rev, '7-abc'], nope: ['1-x'] });
    expect(res.body).toEqual({ 'clinic-b': { missing: ['7-abc'] }, nope: { missing: ['1-x'] } });
  });

  it('exposes conflicting leaves only where asked: conflicts=true, open_revs=all, style=all_docs', async () => {
    const specialties = collectionUrl(server.url, 'specialties');
    const db = await server.store.database('specialties');
    const winner = await db.get('31.08.49');
    const [written] = await db.bulkDocs(
      [{ ...winner!, name: 'Терапия (ветка)', _rev: '1-ffffffffffffffffffffffffffffffff', _revisions: undefined }],
      { newEdits: false },
    );
    expect(written?.ok).toBe(true);

    const plain = (await request(`${specialties}31.08.49`)).body as Record<string, unknown>;
    expect(plain).not.toHaveProperty('_conflicts');
    const withConflicts = (await request(`${specialties}31.08.49?conflicts=true`)).body as { _conflicts?: string[] };
    expect(withConflicts._conflicts).toHaveLength(1);
    const open = (await request(`${specialties}31.08.49?open_revs=all`)).body as { ok: { _rev: string } }[];
    expect(open.map((o) => o.ok._rev).sort()).toEqual([plain['_rev'], withConflicts._conflicts?.[0]].sort());

    const feed = (await request(`${specialties}_changes?style=all_docs&include_docs=true`)).body as Changes;
    const row = feed.results.find((r) => r.id === '31.08.49');
    expect(row?.changes).toHaveLength(2);
    expect(row?.doc).not.toHaveProperty('_conflicts');
    const mainOnly = (await request(`${specialties}_changes`)).body as Changes;
    expect(mainOnly.results.find((r) => r.id === '31.08.49')?.changes).toHaveLength(1);
  });

  it('_local documents do not exist (no server-side checkpoints)', async () => {
    const res = await request(`${clinics}_local/some-checkpoint`);
    expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});

describe('long-poll cap and shutdown', () => {
  it('the server cap ends a long-poll even when the client asks for longer', async () => {
    const capped = await env.start({ longpollTimeoutMs: 100, importDemoData: false, dataDir: `${env.root}/capped` });
    const res = await request(`${collectionUrl(capped.url, 'towns')}_changes?feed=longpoll&since=now&timeout=600000`);
    expect(res).toMatchObject({ status: 200, body: { results: [] } });
    await capped.close();
  });

  it('closing the server ends pending long-polls instead of waiting them out', async () => {
    const other = await env.start({
      importDemoData: false,
      dataDir: `${env.root}/closing`,
      longpollTimeoutMs: 600_000,
    });
    const pending = request(`${collectionUrl(other.url, 'towns')}_changes?feed=longpoll&since=now`);
    await vi.waitFor(() => expect(other.activeLongPolls()).toBe(1));
    await other.close();
    const res = await pending;
    expect(res).toMatchObject({ status: 200, body: { results: [] } });
  });
});
