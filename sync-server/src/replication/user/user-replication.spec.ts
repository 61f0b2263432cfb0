// `/db/profiles/` over real HTTP with real sessions from the real sign-up route: each user sees and writes only
// their own profile, a foreign one is exactly as absent as a missing one, and refusals come before body parsing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import type { SyncServer } from '../../server';
import type { StoredDoc } from '../../store/store.types';
import { createTestEnv, request, type TestEnv } from '../../test-support/test-server';
import { call, signUp, type TestSession } from '../../authz/session-client';

let env: TestEnv;
let server: SyncServer;
let a: TestSession;
let b: TestSession;
/** A well-formed user id nobody has: what "missing" looks like. */
const NOBODY = 'uaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start();
  a = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
  b = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
});
afterAll(() => env.cleanup());

const profiles = () => server.store.database('profiles');
const stored = async (id: string) => (await (await profiles()).get(id)) as StoredDoc;
/** `body` as text with `from` replaced by `to`, for "same answer as for a missing id" comparisons. */
const swapped = (body: unknown, from: string, to: string) => JSON.stringify(body).replaceAll(from, to);

describe('anonymous', () => {
  it.each([
    ['GET', '/db/profiles/'],
    ['GET', '/db/profiles/_changes?since=0&include_docs=true'],
    ['GET', '/db/profiles/_changes?feed=longpoll&since=now'],
    ['POST', '/db/profiles/_all_docs'],
    ['POST', '/db/profiles/_bulk_get'],
    ['POST', '/db/profiles/_revs_diff'],
    ['POST', '/db/profiles/_bulk_docs'],
    ['GET', '/db/profiles/_local/x'],
    ['PUT', '/db/profiles/x'],
    ['DELETE', '/db/profiles/x'],
  ])('%s %s → 401 before the body is read', async (method, path) => {
    // A body that is not JSON: a 400 would mean it was parsed before the refusal.
    const init: RequestInit = { method, headers: { origin: server.url, 'content-type': 'application/json' } };
    if (method !== 'GET') init.body = '{not json';
    const res = await request(`${server.url}${path}`, init);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized', reason: expect.any(String) as string });
  });

  it('gets 401 on every document id, its own-looking or not', async () => {
    for (const id of [a.userId, NOBODY]) {
      const res = await request(`${server.url}/db/profiles/${id}`);
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toContain('Анна');
    }
  });
});

describe('a signed-in user reads only their own profile', () => {
  it('info counts only the own profile, though the collection holds two', async () => {
    const res = await call(server, a, 'GET', '/db/profiles/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ db_name: 'profiles', doc_count: 1 });
    const all = await (await profiles()).allDocs();
    expect(all.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('a first pull (RxDB’s query) gets exactly the own profile', async () => {
    const res = await call(
      server,
      a,
      'GET',
      '/db/profiles/_changes?style=all_docs&feed=normal&include_docs=true' +
        '&since=0&heartbeat=60000&limit=500&seq_interval=500',
    );
    expect(res.status).toBe(200);
    const body = res.body as { results: { id: string; doc: StoredDoc }[]; last_seq: number };
    expect(body.results.map((r) => r.id)).toEqual([a.userId]);
    expect(body.results[0]?.doc).toMatchObject({ _id: a.userId, name: 'Анна', email: 'anna@example.ru' });
    expect(JSON.stringify(body)).not.toContain(b.userId);
    expect(JSON.stringify(body)).not.toContain('boris@example.ru');
  });

  it('_all_docs lists only the own profile; a foreign key reads as not_found, like a missing one', async () => {
    const listed = await call(server, a, 'GET', '/db/profiles/_all_docs?include_docs=true');
    expect((listed.body as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual([a.userId]);
    expect(listed.body).toMatchObject({ total_rows: 1 });
    const keyed = await call(server, a, 'POST', '/db/profiles/_all_docs', {
      keys: [b.userId, a.userId, NOBODY],
      include_docs: true,
    });
    const rows = (keyed.body as { rows: unknown[] }).rows;
    expect(rows[0]).toEqual({ key: b.userId, error: 'not_found' });
    expect(rows[1]).toMatchObject({ id: a.userId, doc: { name: 'Анна' } });
    expect(rows[2]).toEqual({ key: NOBODY, error: 'not_found' });
  });

  it('a foreign document is as absent as a missing one on every read', async () => {
    const bRev = (await stored(b.userId))._rev;
    const reads: [string, string, unknown?][] = [
      ['GET', `/db/profiles/ID`],
      ['GET', `/db/profiles/ID?rev=${bRev}`],
      ['GET', `/db/profiles/ID?open_revs=all`],
      ['GET', `/db/profiles/ID?open_revs=${encodeURIComponent(JSON.stringify([bRev]))}`],
      ['POST', '/db/profiles/_bulk_get', { docs: [{ id: 'ID' }, { id: 'ID', rev: bRev }] }],
      ['POST', '/db/profiles/_revs_diff', { ID: [bRev] }],
      ['POST', '/db/profiles/_changes?filter=_doc_ids&since=0', { doc_ids: ['ID'] }],
    ];
    for (const [method, path, body] of reads) {
      const sub = (s: string, id: string) => s.replaceAll('ID', id);
      const foreign = await call(
        server,
        a,
        method,
        sub(path, b.userId),
        body && JSON.parse(sub(JSON.stringify(body), b.userId)),
      );
      const missing = await call(
        server,
        a,
        method,
        sub(path, NOBODY),
        body && JSON.parse(sub(JSON.stringify(body), NOBODY)),
      );
      expect(foreign.status, `${method} ${path}`).toBe(missing.status);
      expect(swapped(foreign.body, b.userId, NOBODY), `${method} ${path}`).toBe(JSON.stringify(missing.body));
      expect(JSON.stringify(foreign.body)).not.toContain('Борис');
    }
  });

  it('another user’s edit never shows in the feed; the own edit does', async () => {
    const first = await call(server, a, 'GET', '/db/profiles/_changes?since=0');
    const since = (first.body as { last_seq: number }).last_seq;
    expect((await call(server, b, 'PATCH', accountRoutes.profile, { name: 'Борис Б.' })).status).toBe(200);
    const afterB = await call(server, a, 'GET', `/db/profiles/_changes?since=${since}&include_docs=true`);
    expect(afterB.body).toMatchObject({ results: [] });
    // The checkpoint still moves past the foreign write, so the next pull does not scan it again.
    expect((afterB.body as { last_seq: number }).last_seq).toBeGreaterThan(since);
    expect(JSON.stringify(afterB.body)).not.toContain('Борис');
    expect((await call(server, a, 'PATCH', accountRoutes.profile, { name: 'Анна А.' })).status).toBe(200);
    const afterA = await call(server, a, 'GET', `/db/profiles/_changes?since=${since}&include_docs=true`);
    const rows = (afterA.body as { results: { id: string; doc: StoredDoc }[] }).results;
    expect(rows.map((r) => [r.id, r.doc['name']])).toEqual([[a.userId, 'Анна А.']]);
  });

  it('a long-poll sleeps through another user’s edit and answers with the own one', async () => {
    const now = await call(server, a, 'GET', '/db/profiles/_changes?since=now');
    const since = (now.body as { last_seq: number }).last_seq;
    const polled = call(server, a, 'GET', `/db/profiles/_changes?feed=longpoll&include_docs=true&since=${since}`);
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(1);
    expect((await call(server, b, 'PATCH', accountRoutes.profile, { name: 'Борис Бодрствующий' })).status).toBe(200);
    expect((await call(server, a, 'PATCH', accountRoutes.profile, { phone: '8 (910) 123-45-67' })).status).toBe(200);
    const answer = await polled;
    const rows = (answer.body as { results: { id: string; doc: StoredDoc }[] }).results;
    // Had it answered on B's edit, the answer would be empty (A's edit came after it).
    expect(rows.map((r) => [r.id, r.doc['phone']])).toEqual([[a.userId, '+79101234567']]);
    expect(JSON.stringify(answer.body)).not.toContain('Бодрствующий');
  });

  it('a long-poll that only sees foreign edits ends empty when its time is up', async () => {
    const now = await call(server, a, 'GET', '/db/profiles/_changes?since=now');
    const since = (now.body as { last_seq: number }).last_seq;
    const polled = call(server, a, 'GET', `/db/profiles/_changes?feed=longpoll&timeout=1500&since=${since}`);
    await expect.poll(() => server.activeLongPolls()).toBeGreaterThanOrEqual(1);
    expect((await call(server, b, 'PATCH', accountRoutes.profile, { name: 'Борис Спящий' })).status).toBe(200);
    const answer = await polled;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ results: [] });
  });
});

describe('writes', () => {
  it('_bulk_docs stores the own edit through the profile rules; a foreign row is forbidden; order kept', async () => {
    const own = await stored(a.userId);
    const foreign = await stored(b.userId);
    const res = await call(server, a, 'POST', '/db/profiles/_bulk_docs', {
      docs: [
        { ...foreign, name: 'Взломано' },
        { ...own, name: 'Анна Офлайн', updatedAt: new Date().toISOString() },
        { ...own, roles: ['patient', 'admin'] },
      ],
    });
    expect(res.status).toBe(201);
    const rows = res.body as { id: string; ok?: true; error?: string }[];
    expect(rows.map((r) => [r.id, r.ok ?? r.error])).toEqual([
      [b.userId, 'forbidden'],
      [a.userId, true],
      // the third row still carries the old _rev, and would change roles anyway
      [a.userId, 'conflict'],
    ]);
    expect((await stored(a.userId))['name']).toBe('Анна Офлайн');
    expect((await stored(a.userId))['roles']).toEqual(['patient']);
    expect(await stored(b.userId)).toEqual(foreign);
  });

  it('a changed role is answered as a conflict, and nothing is stored', async () => {
    const own = await stored(a.userId);
    const res = await call(server, a, 'POST', '/db/profiles/_bulk_docs', { docs: [{ ...own, roles: ['admin'] }] });
    expect(res.body).toMatchObject([{ id: a.userId, error: 'conflict' }]);
    expect(await stored(a.userId)).toEqual(own);
  });

  it('a push with a malformed row is refused whole: not even its valid rows are stored', async () => {
    const own = await stored(a.userId);
    const res = await call(server, a, 'POST', '/db/profiles/_bulk_docs', {
      docs: [{ ...own, name: 'Анна Наполовину' }, 'not a document'],
    });
    expect(res.status).toBe(400);
    expect(await stored(a.userId)).toEqual(own);
  });

  it('new_edits=false is refused with the reason', async () => {
    const own = await stored(a.userId);
    const res = await call(server, a, 'POST', '/db/profiles/_bulk_docs', { docs: [own], new_edits: false });
    expect(res.status).toBe(400);
    expect((res.body as { reason: string }).reason).toMatch(/new_edits/);
    expect(await stored(a.userId)).toEqual(own);
  });

  it.each([
    ['PUT', '/db/profiles/OWN'],
    ['DELETE', '/db/profiles/OWN'],
    ['POST', '/db/profiles/'],
    ['PUT', '/db/profiles/'],
    ['DELETE', '/db/profiles/'],
    ['PUT', '/db/profiles/_local/checkpoint'],
    ['POST', '/db/profiles/_purge'],
    ['POST', '/db/profiles/_compact'],
    ['PUT', '/db/profiles/OWN/photo.jpg'],
    ['PATCH', '/db/profiles/OWN'],
    ['PUT', '/db/%70rofiles/OWN'],
  ])('%s %s → 405 before the body is read', async (method, path) => {
    const own = await stored(a.userId);
    const res = await request(`${server.url}${path.replace('OWN', a.userId)}`, {
      method,
      headers: { origin: server.url, cookie: a.cookie, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(res.status).toBe(405);
    expect(res.body).toMatchObject({ error: 'method_not_allowed', reason: expect.any(String) as string });
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await stored(a.userId)).toEqual(own);
  });

  it('the catalogue still refuses a signed-in user’s write with 403', async () => {
    const res = await call(server, a, 'POST', '/db/clinics/_bulk_docs', { docs: [{ _id: 'x' }] });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden' });
  });

  it('a profile collection is not a town scope', async () => {
    const res = await call(server, a, 'GET', '/db/scope/kaluga/profiles/');
    expect(res.status).toBe(404);
  });
});
