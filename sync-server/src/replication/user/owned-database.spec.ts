// One user's view of a per-user collection holding many users' documents (a profile plus "<userId>.<n>" documents,
// as bookings will be), on the real embedded store: paging the feed and ranging `_all_docs` never show a foreign
// row and never skip an own one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOwnedDocId } from '@poisklinik/shared';
import { createStore } from '../../store/create-store';
import type { AllDocsOptions, ChangeRow, Seq, Store, StoreDatabase, StoredDoc } from '../../store/store.types';
import { OwnedDatabase } from './owned-database';

const A = 'uaaaaaaaaaaaaaaaaaaa2';
const B = 'uaaaaaaaaaaaaaaaaaaa3';
let tmp: string;
let store: Store;
let base: StoreDatabase;
let view: OwnedDatabase;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'poisklinik-owned-'));
  store = await createStore({ dataDir: tmp });
  base = await store.database('bookings');
  // Interleaved writes of both users, and ids right next to A's range that A does not own.
  for (let i = 0; i < 12; i++) {
    await base.put({ _id: `${A}.${String(i).padStart(2, '0')}`, n: i });
    await base.put({ _id: `${B}.${String(i).padStart(2, '0')}`, n: i });
  }
  await base.put({ _id: A, kind: 'profile' });
  await base.put({ _id: B, kind: 'profile' });
  await base.put({ _id: `${A}-stray`, n: -1 });
  await base.put({ _id: `${A}.`, n: -2 });
  view = new OwnedDatabase(base, A);
});
afterAll(async () => {
  await store.close();
  await rm(tmp, { recursive: true, force: true });
});

async function pages(since: Seq, limit: number): Promise<ChangeRow[]> {
  const rows: ChangeRow[] = [];
  for (;;) {
    const page = await view.changes({ since, limit, includeDocs: true });
    rows.push(...page.results);
    since = page.lastSeq;
    if (page.results.length < limit) return rows;
  }
}

describe('OwnedDatabase', () => {
  it('pages the feed from 0 in any batch size: every own document once, nothing foreign', async () => {
    const own = (await base.allDocs()).rows.flatMap((r) => ('id' in r && isOwnedDocId(A, r.id) ? [r.id] : []));
    expect(own).toHaveLength(13);
    for (const limit of [1, 5, 13, 500]) {
      const rows = await pages(0, limit);
      expect(rows.map((r) => r.id).sort(), `limit ${limit}`).toEqual(own);
      for (const row of rows) expect(row.doc?._id).toBe(row.id);
    }
  });

  it('after a checkpoint: the own edit comes, the foreign one does not, deletions come as deletions', async () => {
    const since = (await view.changes({ since: 0 })).lastSeq;
    const foreign = (await base.get(`${B}.01`)) as StoredDoc;
    await base.put({ ...foreign, n: 100 });
    expect((await view.changes({ since })).results).toEqual([]);
    const own = (await base.get(`${A}.01`)) as StoredDoc;
    await base.put({ ...own, n: 101 });
    const gone = (await base.get(`${A}.02`)) as StoredDoc;
    await base.put({ _id: gone._id, _rev: gone._rev, _deleted: true });
    const rows = await pages(since, 1);
    expect(rows.map((r) => [r.id, r.deleted ?? false, r.doc?.['n']])).toEqual([
      [`${A}.01`, false, 101],
      [`${A}.02`, true, undefined],
    ]);
  });

  it('counts and ranges over the own documents only, with CouchDB’s meaning of every option', async () => {
    expect((await view.info()).docCount).toBe(12); // 13 minus the deletion above
    const queries: AllDocsOptions[] = [
      {},
      { startkey: `${A}.03`, endkey: `${A}.07` },
      { startkey: `${A}.03`, endkey: `${A}.07`, inclusiveEnd: false },
      { descending: true, startkey: `${A}.07`, endkey: `${A}.03` },
      { descending: true, limit: 3, skip: 2 },
      { startkey: '', endkey: '\ufff0', limit: 4 },
      { startkey: B },
    ];
    for (const query of queries) {
      // The store's own answer to the range, then the user's rows of it; skip and limit count the user's rows.
      const { skip = 0, limit = Infinity, ...range } = query;
      const whole = (await base.allDocs(range)).rows.filter((r) => 'id' in r && isOwnedDocId(A, r.id));
      const want = whole.slice(skip, skip + limit);
      expect((await view.allDocs(query)).rows, JSON.stringify(query)).toEqual(want);
    }
  });

  it('a write landing right after a first pull’s range read comes with the next pull, not never', async () => {
    const C = 'uaaaaaaaaaaaaaaaaaaa4';
    await base.put({ _id: C, kind: 'profile' });
    let raced = false;
    // The real database, with one real write of C's slipped in just after the range read returns.
    const racing = new Proxy(base, {
      get(target, prop) {
        if (prop === 'allDocs') {
          return async (options?: AllDocsOptions) => {
            const result = await target.allDocs(options);
            if (!raced && options?.startkey === C) {
              raced = true;
              await target.put({ _id: `${C}.late`, n: 1 });
            }
            return result;
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const first = await new OwnedDatabase(racing, C).changes({ since: 0, includeDocs: true });
    expect(raced).toBe(true);
    expect(first.results.map((r) => r.id)).toEqual([C]);
    const next = await new OwnedDatabase(base, C).changes({ since: first.lastSeq, includeDocs: true });
    expect(next.results.map((r) => r.id)).toEqual([`${C}.late`]);
  });

  it('answers a foreign id exactly as a missing one', async () => {
    const missing = 'uzzzzzzzzzzzzzzzzzzzz';
    const swap = (x: unknown) => JSON.stringify(x).replaceAll(B, missing);
    expect(swap(await view.bulkGet([{ id: B }, { id: B, rev: '1-abc' }]))).toBe(
      JSON.stringify(await base.bulkGet([{ id: missing }, { id: missing, rev: '1-abc' }])),
    );
    expect(await view.get(B)).toBeNull();
    expect(swap((await view.allDocs({ keys: [B] })).rows)).toBe(
      JSON.stringify((await base.allDocs({ keys: [missing] })).rows),
    );
    expect(await view.listConflicted()).toEqual([]);
  });
});
