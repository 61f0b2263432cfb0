import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueCollections, collectionUrl } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';

let env: TestEnv;
let server: SyncServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ longpollTimeoutMs: 50 });
});
afterAll(async () => env.cleanup());

/** Every document with its rev, and each database's update seq: any write would show here. */
async function storeState(): Promise<unknown> {
  const state: Record<string, unknown> = {};
  for (const c of catalogueCollections) {
    const db = await server.store.database(c);
    const all = await db.allDocs();
    state[c] = { seq: (await db.info()).updateSeq, rows: all.rows };
  }
  return state;
}

const json = { 'content-type': 'application/json' };
const doc = JSON.stringify({ _id: 'clinic-a', name: 'hacked' });

describe('the catalogue is read-only over replication', () => {
  const writes: [string, string, RequestInit?][] = [
    ['PUT', 'clinics/clinic-a', { headers: json, body: doc }],
    ['PUT', 'clinics/new-doc', { headers: json, body: doc }],
    ['POST', 'clinics/', { headers: json, body: doc }],
    ['POST', 'clinics', { headers: json, body: doc }],
    ['DELETE', 'clinics/clinic-a?rev=1-abc'],
    ['POST', 'clinics/_bulk_docs', { headers: json, body: JSON.stringify({ docs: [{ _id: 'x' }] }) }],
    ['POST', 'clinics/_bulk_docs', { headers: json, body: JSON.stringify({ docs: [{ _id: 'x' }], new_edits: false }) }],
    ['PUT', 'clinics/_local/checkpoint', { headers: json, body: JSON.stringify({ last_seq: 5 }) }],
    ['DELETE', 'clinics/_local/checkpoint'],
    ['PUT', 'clinics/clinic-a/photo.png?rev=1-a', { headers: { 'content-type': 'image/png' }, body: 'PNG' }],
    ['DELETE', 'clinics/clinic-a/photo.png?rev=1-a'],
    ['PUT', 'clinics/'],
    ['PUT', 'brand-new-db/'],
    ['DELETE', 'clinics/'],
    ['POST', 'clinics/_purge', { headers: json, body: JSON.stringify({ 'clinic-a': ['1-x'] }) }],
    ['POST', 'clinics/_compact', { headers: json }],
    ['PUT', 'clinics/_design/evil', { headers: json, body: JSON.stringify({ validate_doc_update: 'function(){}' }) }],
    ['COPY', 'clinics/clinic-a', { headers: { destination: 'copy' } }],
    ['PATCH', 'clinics/clinic-a', { headers: json, body: doc }],
    ['PUT', 'clinics/clinic-a', { headers: { 'content-type': 'text/xml' }, body: '<x/>' }],
    ['PUT', 'clinics/clinic-a', { headers: json, body: '{not json' }],
    ['POST', 'clinics/_bulk_docs', { headers: json, body: 'x'.repeat(3_000_000) }],
  ];

  it.each(writes)('%s /db/%s → 403 forbidden JSON', async (method, path, init) => {
    for (const collection of ['clinics', 'towns']) {
      const before = await storeState();
      const res = await request(`${server.url}/db/${path.replace('clinics', collection)}`, { method, ...init });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: 'forbidden' });
      expect((res.body as { reason: string }).reason).toContain('catalogue is read-only');
      expect(Object.keys(res.body as object).sort()).toEqual(['error', 'reason']);
      expect(await storeState()).toEqual(before);
    }
  });

  it.each([
    ['POST', '/%64b/clinics/_bulk_docs'],
    ['PUT', '/%64b/clinics/clinic-a'],
    ['PUT', '/db/%63linics/clinic-a'],
  ])('a percent-encoded spelling the router still matches is refused the same: %s %s', async (method, path) => {
    const before = await storeState();
    const res = await request(`${server.url}${path}`, { method, headers: json, body: doc });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await storeState()).toEqual(before);
  });
});

describe('malformed input → 400 JSON', () => {
  const bad: [string, string?, string?][] = [
    ['clinics/_changes?since=abc'],
    ['clinics/_changes?since=-1'],
    ['clinics/_changes?limit=-1'],
    ['clinics/_changes?limit=ten'],
    ['clinics/_changes?include_docs=maybe'],
    ['clinics/_changes?feed=continuous'],
    ['clinics/_changes?feed=eventsource'],
    ['clinics/_changes?style=everything'],
    ['clinics/_changes?timeout=soon'],
    ['clinics/_changes?heartbeat=often'],
    ['clinics/_changes?descending=true'],
    ['clinics/_changes?filter=app/by_town'],
    ['clinics/_changes?filter=_doc_ids'],
    ['clinics/_changes?filter=_doc_ids&doc_ids=notjson'],
    ['clinics/_changes?filter=_doc_ids', 'POST', '{"doc_ids": "clinic-a"}'],
    ['clinics/_changes?filter=_doc_ids', 'POST', '[1,2]'],
    ['clinics/_all_docs?keys=notjson'],
    ['clinics/_all_docs?keys={"a":1}'],
    ['clinics/_all_docs?keys=[1,2]'],
    ['clinics/_all_docs?startkey=unquoted'],
    ['clinics/_all_docs?keys=["a"]&startkey="a"'],
    ['clinics/_all_docs?limit=1.5'],
    ['clinics/_all_docs?skip=-3'],
    ['clinics/_all_docs', 'POST', '{"keys": "clinic-a"}'],
    ['clinics/_all_docs', 'POST', '{"keys": [null]}'],
    ['clinics/_all_docs', 'POST', '"keys"'],
    ['clinics/_all_docs', 'POST', '{broken'],
    ['clinics/_all_docs', 'POST', '{"__proto__": {"x": 1}}'],
    ['clinics/_bulk_get', 'POST', '{}'],
    ['clinics/_bulk_get', 'POST', '{"docs": [{"rev": "1-a"}]}'],
    ['clinics/_bulk_get', 'POST', '{"docs": [{"id": 5}]}'],
    ['clinics/_bulk_get', 'POST', '{"docs": [null]}'],
    ['clinics/_bulk_get', 'POST', '{"docs": [{"id": "a", "rev": 7}]}'],
    ['clinics/_revs_diff', 'POST', '{"clinic-a": "1-a"}'],
    ['clinics/_revs_diff', 'POST', '[]'],
    ['clinics/_bulk_get', 'POST', `{"docs": [${'{"id":"a"},'.repeat(120_000)}{"id":"b"}]}`],
    ['clinics/clinic-a?revs=yes'],
    ['clinics/clinic-a?open_revs=[1'],
    ['clinics/clinic-a?open_revs={}'],
  ];

  it.each(bad)('%s %s', async (path, method = 'GET', body) => {
    const res = await request(
      `${server.url}/db/${path}`,
      body === undefined ? { method } : { method, headers: json, body },
    );
    expect(res.status).toBe(400);
    const answer = res.body as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['error', 'reason']);
    expect(typeof answer['error'] === 'string' && typeof answer['reason'] === 'string').toBe(true);
  });

  it('a non-JSON content type on a read POST is refused as 415 JSON', async () => {
    const res = await request(`${server.url}/db/clinics/_all_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<keys/>',
    });
    expect(res).toMatchObject({ status: 415, body: { error: 'bad_content_type' } });
  });
});

/** Deterministic pseudo-random generator, so a failing fuzz case reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('fuzz', () => {
  it('hundreds of generated malformed requests to /db never get a 5xx, and the server keeps serving', async () => {
    const next = rng(20261130);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const collections = [...catalogueCollections, 'nope', '_users', '..', '%2e%2e', 'CLINICS', ''];
    const endpoints = [
      '',
      '_changes',
      '_all_docs',
      '_bulk_get',
      '_revs_diff',
      '_local/x',
      'clinic-a',
      '_design/x',
      'a/b/c',
      '%00',
      '_all_docs/',
    ];
    const params = [
      'since',
      'limit',
      'include_docs',
      'keys',
      'key',
      'startkey',
      'endkey',
      'skip',
      'feed',
      'style',
      'rev',
      'revs',
      'open_revs',
      'conflicts',
      'timeout',
      'heartbeat',
      'filter',
      'doc_ids',
      'descending',
      'inclusive_end',
    ];
    const values = [
      '',
      'true',
      'false',
      '-1',
      '0',
      '1e309',
      'NaN',
      'now',
      '[]',
      '{}',
      '["a",1]',
      '"x"',
      'null',
      '%ZZ',
      'all',
      'longpoll',
      '99999999999999999999',
      '[',
      '"'.repeat(3),
      'a'.repeat(2000),
    ];
    const bodies = [
      '',
      '{}',
      '[]',
      'null',
      '{"keys":[]}',
      '{"docs":[{}]}',
      '{"docs":"x"}',
      '{"keys":[{"a":1}]}',
      '{"doc_ids":[1]}',
      '{',
      '\u0000',
      '{"a":'.repeat(50),
      JSON.stringify({ keys: Array.from({ length: 50 }, (_, i) => `k${i}`) }),
    ];
    const methods = ['GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const query = Array.from({ length: Math.floor(next() * 4) }, () => `${pick(params)}=${pick(values)}`).join('&');
      const method = pick(methods);
      const url = `${server.url}/db/${pick(collections)}/${pick(endpoints)}${query ? `?${query}` : ''}`;
      const withBody = method === 'POST' || method === 'PUT';
      const body = pick(bodies);
      const contentType = pick(['application/json', 'text/plain', 'application/json; charset=utf-8']);
      const init: RequestInit = withBody ? { method, headers: { 'content-type': contentType }, body } : { method };
      const res = await fetch(url, init).catch((err: unknown) => {
        throw new Error(`${method} ${url} failed: ${String(err)}`);
      });
      await res.arrayBuffer();
      expect(res.status, `${method} ${url} ${withBody ? body.slice(0, 80) : ''}`).toBeLessThan(500);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    // The generator must reach the interesting paths, not only 404s.
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect(statuses.get(400)).toBeGreaterThan(10);
    expect(statuses.get(403)).toBeGreaterThan(10);

    const health = await request(collectionUrl(server.url, 'clinics'));
    expect(health).toMatchObject({ status: 200, body: { doc_count: 3 } });
  });
});
