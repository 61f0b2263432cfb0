// The two ways a scoped feed finds its rows — in memory from the clinic→town index (embedded store) or by scanning
// the store feed (CouchDB's opaque seqs) — must give the same answers, page by page.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../store/create-store';
import type { ChangeRow, Seq, StoredDoc } from '../../store/store.types';
import { ClinicTownIndex } from './clinic-town-index';
import { mayKeep, scopedChanges, type ScopeFilter } from './scoped-changes';

const tmp = await mkdtemp(join(tmpdir(), 'poisklinik-scan-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('scopedChanges: index path = store-scan path', () => {
  it('same rows and last_seq for every page, from 0 and from the middle', { timeout: 60_000 }, async () => {
    const store = await createStore({ dataDir: tmp });
    try {
      const db = await store.database('clinics');
      const towns = ['near', 'far'];
      for (let i = 0; i < 40; i++) await db.put({ _id: `c${i}`, townId: towns[i % 3 === 0 ? 0 : 1] });
      const middle = (await db.changes({ since: 'now' })).lastSeq;
      for (let i = 0; i < 40; i += 3) {
        const doc = (await db.get(`c${i}`)) as StoredDoc;
        await db.put({ ...doc, townId: i % 2 === 0 ? 'far' : 'near' }); // some leave, some stay
        const other = (await db.get(`c${i + 1}`)) as StoredDoc;
        await db.put({ ...other, townId: 'near' }); // arrive
      }
      const gone = (await db.get('c5')) as StoredDoc;
      await db.put({ _id: 'c5', _rev: gone._rev, _deleted: true });

      const index = new ClinicTownIndex(() => Promise.resolve(db));
      const inScope = (doc: StoredDoc) => doc['townId'] === 'near';
      const idInScope = (id: string) => index.town(id) === 'near';
      const base = { inScope, idInScope, refresh: () => index.refresh() };
      const viaIndex: ScopeFilter = {
        ...base,
        candidates: (since, mayHave, max) =>
          index.rowsAfter(since, max, (id, rev, deleted) => mayKeep(idInScope(id), rev, deleted, mayHave)),
      };
      const viaScan: ScopeFilter = { ...base, candidates: () => undefined };

      const pages = async (filter: ScopeFilter, since: Seq, limit: number) => {
        const out: { rows: ChangeRow[]; lastSeq: Seq }[] = [];
        for (;;) {
          const page = await scopedChanges(db, filter, { since, limit, includeDocs: true });
          out.push({ rows: page.results, lastSeq: page.lastSeq });
          since = page.lastSeq;
          if (page.results.length < limit) return out;
        }
      };
      for (const start of [0, middle]) {
        for (const limit of [1, 4, 100]) {
          const a = await pages(viaIndex, start, limit);
          const b = await pages(viaScan, start, limit);
          expect(a, `since=${String(start)} limit=${limit}`).toEqual(b);
          expect(a.flatMap((p) => p.rows).length).toBeGreaterThan(0);
        }
      }
    } finally {
      await store.close();
    }
  });
});
