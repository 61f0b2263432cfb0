// The behaviour every Store adapter must show, as vitest tests registered against a factory. The sync protocol
// leans on each of these (revision checks, conflict visibility, request-order results), so an adapter that passes
// can replace another without the sync logic noticing.
import { describe, expect, it } from 'vitest';
import { describeChangesContract } from './store-changes.contract';
import { expectOk, putOk, revHash, useContractContext, type StoreFactory } from './store-contract.helpers';
import type { AllDocsRow, StoredDoc } from './store.types';

export type { StoreFactory } from './store-contract.helpers';

const keyOf = (row: AllDocsRow): string => row.key;

export function describeStoreContract(label: string, openStore: StoreFactory): void {
  describe(`${label} store contract`, () => {
    const ctx = useContractContext(openStore);

    describe('documents', () => {
      it('creates, reads and updates with _rev; a missing document reads as null', async () => {
        const db = await ctx.freshDb();
        const created = await putOk(db, { _id: 'clinic:1', name: 'Поликлиника №1' });
        expect(created.id).toBe('clinic:1');
        expect(created.rev).toMatch(/^1-/);
        expect(await db.get('clinic:1')).toEqual({ _id: 'clinic:1', _rev: created.rev, name: 'Поликлиника №1' });

        const updated = await putOk(db, { _id: 'clinic:1', _rev: created.rev, name: 'Поликлиника №2' });
        expect(updated.rev).toMatch(/^2-/);
        expect((await db.get('clinic:1'))?.name).toBe('Поликлиника №2');
        expect((await db.get('clinic:1', { rev: created.rev }))?.name).toBe('Поликлиника №1');
        expect(await db.get('clinic:none')).toBeNull();
      });

      it('refuses a stale _rev and a create over an existing document with conflict', async () => {
        const db = await ctx.freshDb();
        const first = await putOk(db, { _id: 'd', v: 1 });
        await putOk(db, { _id: 'd', _rev: first.rev, v: 2 });

        expect(await db.put({ _id: 'd', _rev: first.rev, v: 3 })).toMatchObject({
          ok: false,
          id: 'd',
          error: 'conflict',
        });
        expect(await db.put({ _id: 'd', v: 4 })).toMatchObject({ ok: false, id: 'd', error: 'conflict' });
        expect((await db.get('d'))?.v).toBe(2);
      });

      it('answers a stale write that repeats an overwritten revision after a deletion with conflict, not a hang', async () => {
        // PouchDB's deterministic revisions would give this write the id of an existing non-leaf revision, and
        // its bulk write then throws inside and never answers: a retried client push could hang a request.
        const db = await ctx.freshDb();
        const first = await putOk(db, { _id: 'd', v: 1 });
        const second = await putOk(db, { _id: 'd', _rev: first.rev, v: 2 });
        await putOk(db, { _id: 'd', _rev: second.rev, _deleted: true });

        expect(await db.put({ _id: 'd', _rev: first.rev, v: 2 })).toMatchObject({ ok: false, error: 'conflict' });
        const [row] = await db.bulkDocs([{ _id: 'd', _rev: first.rev, v: 2 }]);
        expect(row).toMatchObject({ ok: false, error: 'conflict' });
        expect(await db.get('d')).toBeNull();
      });

      it('deletes: the document reads as null, its tombstone by rev, and it can be created again', async () => {
        const db = await ctx.freshDb();
        const created = await putOk(db, { _id: 'd', v: 1 });
        const deleted = await putOk(db, { _id: 'd', _rev: created.rev, _deleted: true });

        expect(await db.get('d')).toBeNull();
        expect(await db.get('d', { rev: deleted.rev })).toMatchObject({ _id: 'd', _rev: deleted.rev, _deleted: true });
        const recreated = await putOk(db, { _id: 'd', v: 2 });
        expect(recreated.rev).toMatch(/^3-/);
        expect((await db.get('d'))?.v).toBe(2);
      });

      it('returns bulkDocs results in request order, with successes and failures mixed', async () => {
        const db = await ctx.freshDb();
        const m = await putOk(db, { _id: 'm' });
        const results = await db.bulkDocs([
          { _id: 'z', n: 1 },
          { _id: 'm', n: 2 }, // exists, no _rev
          { _id: 'a', n: 3 },
          { _id: 'q', _rev: '1-0123456789abcdef0123456789abcdef', n: 4 }, // _rev of nothing
          { _id: 'k', n: 5 },
        ]);
        expect(results.map((r) => [r.id, r.ok])).toEqual([
          ['z', true],
          ['m', false],
          ['a', true],
          ['q', false],
          ['k', true],
        ]);
        expect(results[1]).toMatchObject({ error: 'conflict' });
        expect(results[3]).toMatchObject({ error: 'conflict' });
        const z = expectOk(results[0]);
        expect((await db.get('z'))?._rev).toBe(z.rev);
        expect((await db.get('m'))?._rev).toBe(m.rev);
        expect(await db.get('q')).toBeNull();
        expect(await db.bulkDocs([])).toEqual([]);
      });
    });

    describe('conflicts', () => {
      it('stores a replicated sibling with newEdits:false, shows it, lists it, and resolves by deleting the loser', async () => {
        const db = await ctx.freshDb();
        const base = await putOk(db, { _id: 'doc', v: 'base' });
        const ours = await putOk(db, { _id: 'doc', _rev: base.rev, v: 'ours' });
        // The highest revision hash wins among equal generations, so this sibling deterministically wins.
        const theirsHash = 'f'.repeat(32);
        const theirsRev = `2-${theirsHash}`;
        const replicated = await db.bulkDocs(
          [
            {
              _id: 'doc',
              _rev: theirsRev,
              _revisions: { start: 2, ids: [theirsHash, revHash(base.rev)] },
              v: 'theirs',
            },
          ],
          { newEdits: false },
        );
        expect(replicated).toEqual([{ ok: true, id: 'doc', rev: theirsRev }]);

        const winner = await db.get('doc', { conflicts: true });
        expect(winner).toMatchObject({ _rev: theirsRev, v: 'theirs', _conflicts: [ours.rev] });
        expect((await db.get('doc', { rev: ours.rev }))?.v).toBe('ours');
        expect(await db.listConflicted()).toEqual(['doc']);
        const leaves = await db.changes({ since: 0, allLeaves: true });
        expect(
          leaves.results
            .find((row) => row.id === 'doc')
            ?.changes.map((c) => c.rev)
            .sort(),
        ).toEqual([ours.rev, theirsRev].sort());
        const winnerOnly = await db.changes({ since: 0 });
        expect(winnerOnly.results.find((row) => row.id === 'doc')?.changes).toEqual([{ rev: theirsRev }]);

        await putOk(db, { _id: 'doc', _rev: ours.rev, _deleted: true });
        expect(await db.listConflicted()).toEqual([]);
        const resolved = await db.get('doc', { conflicts: true });
        expect(resolved).toMatchObject({ _rev: theirsRev, v: 'theirs' });
        expect(resolved?._conflicts ?? []).toEqual([]);
      });

      it('reports newEdits:false results in request order and refuses a document without _rev', async () => {
        const db = await ctx.freshDb();
        const results = await db.bulkDocs(
          [
            { _id: 'b', _rev: '1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', v: 1 },
            { _id: 'no-rev', v: 2 },
            { _id: 'a', _rev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', v: 3 },
          ],
          { newEdits: false },
        );
        expect(results).toMatchObject([
          { ok: true, id: 'b', rev: '1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' },
          { ok: false, id: 'no-rev', error: 'bad_request' },
          { ok: true, id: 'a', rev: '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
        ]);
        expect((await db.get('a'))?.v).toBe(3);
        expect(await db.get('no-rev')).toBeNull();
      });
    });

    describe('allDocs', () => {
      async function seeded() {
        const db = await ctx.freshDb();
        const revs = new Map<string, string>();
        for (const id of ['a', 'b', 'c', 'd', 'e']) revs.set(id, (await putOk(db, { _id: id, n: id })).rev);
        const deleted = await putOk(db, { _id: 'c', _rev: revs.get('c'), _deleted: true });
        return { db, revs, deletedRev: deleted.rev };
      }

      it('answers keys in the order asked, with not_found and deleted rows', async () => {
        const { db, revs, deletedRev } = await seeded();
        const result = await db.allDocs({ keys: ['e', 'nope', 'c', 'a'], includeDocs: true });
        expect(result.rows).toEqual([
          { id: 'e', key: 'e', value: { rev: revs.get('e') }, doc: { _id: 'e', _rev: revs.get('e'), n: 'e' } },
          { key: 'nope', error: 'not_found' },
          { id: 'c', key: 'c', value: { rev: deletedRev, deleted: true }, doc: null },
          { id: 'a', key: 'a', value: { rev: revs.get('a') }, doc: { _id: 'a', _rev: revs.get('a'), n: 'a' } },
        ]);
      });

      it('answers ranges, limit, skip, descending and inclusiveEnd without deleted documents', async () => {
        const { db } = await seeded();
        const all = await db.allDocs();
        expect(all.rows.map(keyOf)).toEqual(['a', 'b', 'd', 'e']);
        expect(all.totalRows).toBe(4);
        expect(all.rows[0]).not.toHaveProperty('doc');
        expect((await db.allDocs({ startkey: 'b', endkey: 'd' })).rows.map(keyOf)).toEqual(['b', 'd']);
        expect((await db.allDocs({ startkey: 'b', endkey: 'd', inclusiveEnd: false })).rows.map(keyOf)).toEqual(['b']);
        expect((await db.allDocs({ limit: 2 })).rows.map(keyOf)).toEqual(['a', 'b']);
        expect((await db.allDocs({ skip: 1, limit: 2 })).rows.map(keyOf)).toEqual(['b', 'd']);
        expect((await db.allDocs({ descending: true, limit: 3 })).rows.map(keyOf)).toEqual(['e', 'd', 'b']);
        const withDocs = await db.allDocs({ startkey: 'd', includeDocs: true });
        expect(withDocs.rows.map((row) => ('doc' in row ? row.doc?.n : undefined))).toEqual(['d', 'e']);
      });

      it('treats an empty key as a key that matches nothing, as CouchDB does', async () => {
        const { db } = await seeded();
        expect(
          (await db.allDocs({ keys: ['', 'a'] })).rows.map((row) => ('error' in row ? row.error : row.id)),
        ).toEqual(['not_found', 'a']);
        expect((await db.allDocs({ endkey: '' })).rows).toEqual([]);
      });
    });

    describe('bulkGet', () => {
      it('answers one result per request, in order, with _revisions when asked', async () => {
        const db = await ctx.freshDb();
        const r1 = await putOk(db, { _id: 'x', v: 1 });
        const r2 = await putOk(db, { _id: 'x', _rev: r1.rev, v: 2 });
        const results = await db.bulkGet(
          [
            { id: 'x' },
            { id: 'x', rev: r1.rev },
            { id: 'nope' },
            { id: 'x', rev: '9-0123456789abcdef0123456789abcdef' },
            { id: 'x', rev: r2.rev },
          ],
          { revs: true },
        );
        expect(results.map((r) => r.id)).toEqual(['x', 'x', 'nope', 'x', 'x']);
        const okDoc = (index: number): StoredDoc | undefined => {
          const entry = results[index]?.docs[0];
          return entry && 'ok' in entry ? entry.ok : undefined;
        };
        expect(okDoc(0)).toMatchObject({
          _rev: r2.rev,
          v: 2,
          _revisions: { start: 2, ids: [revHash(r2.rev), revHash(r1.rev)] },
        });
        expect(okDoc(1)).toMatchObject({ _rev: r1.rev, v: 1, _revisions: { start: 1, ids: [revHash(r1.rev)] } });
        expect(results[2]?.docs).toMatchObject([{ error: { id: 'nope', error: 'not_found' } }]);
        expect(results[3]?.docs).toMatchObject([
          { error: { id: 'x', rev: '9-0123456789abcdef0123456789abcdef', error: 'not_found' } },
        ]);
        expect(okDoc(4)).toMatchObject({ _rev: r2.rev, v: 2 });
        expect(await db.bulkGet([])).toEqual([]);
      });
    });

    describe('databases', () => {
      it('counts documents and deleted documents in info, and moves updateSeq on writes', async () => {
        const name = ctx.freshName();
        const db = await ctx.store().database(name);
        const empty = await db.info();
        expect(empty).toMatchObject({ dbName: name, docCount: 0, docDelCount: 0 });
        const a = await putOk(db, { _id: 'a' });
        await putOk(db, { _id: 'b' });
        await putOk(db, { _id: 'c' });
        await putOk(db, { _id: 'a', _rev: a.rev, _deleted: true });
        const info = await db.info();
        expect(info).toMatchObject({ dbName: name, docCount: 2, docDelCount: 1 });
        expect(info.updateSeq).not.toEqual(empty.updateSeq);
      });

      it('lists its databases and reports a size that grows with the data', async () => {
        const name = `${ctx.freshName()}-sized`;
        const db = await ctx.store().database(name);
        await putOk(db, { _id: 'first' });
        expect(await ctx.store().listDatabases()).toContain(name);
        const before = (await db.info()).sizeBytes;
        if (before === undefined) return; // a CouchDB-compatible server without `sizes` (the test stand-in)
        await db.bulkDocs(Array.from({ length: 200 }, (_, i) => ({ _id: `d${i}`, text: 'x'.repeat(500) })));
        expect((await db.info()).sizeBytes).toBeGreaterThan(before);
      });

      it('opens a database once for concurrent callers', async () => {
        const name = ctx.freshName();
        const handles = await Promise.all([1, 2, 3, 4].map(() => ctx.store().database(name)));
        for (const handle of handles) expect(handle).toBe(handles[0]);
        await putOk(handles[1]!, { _id: 'shared' });
        expect(await handles[3]!.get('shared')).not.toBeNull();
      });

      it('accepts CouchDB names (also with / $ ( ) + -) and refuses others', async () => {
        const store = ctx.store();
        const name = `${ctx.freshName()}/x$(y)+z_-`;
        const db = await store.database(name);
        await putOk(db, { _id: 'd' });
        expect((await db.info()).dbName).toBe(name);
        await store.destroyDatabase(name);
        for (const bad of ['Clinics', '_users', '../escape', '1st', '', 'a b', 'a.b', 'x'.repeat(239)]) {
          await expect(store.database(bad), bad).rejects.toThrow();
        }
      });

      it('destroys a database and its data', async () => {
        const name = ctx.freshName();
        await putOk(await ctx.store().database(name), { _id: 'gone' });
        await ctx.store().destroyDatabase(name);
        const again = await ctx.store().database(name);
        expect(await again.get('gone')).toBeNull();
        expect((await again.info()).docCount).toBe(0);
      });

      it('keeps data across closing and reopening the store', async () => {
        const name = ctx.freshName();
        const first = await ctx.openStore();
        const written = await putOk(await first.database(name), { _id: 'kept', v: 'persisted' });
        await first.close();
        const second = await ctx.openStore();
        try {
          expect(await (await second.database(name)).get('kept')).toMatchObject({ _rev: written.rev, v: 'persisted' });
        } finally {
          await second.close();
        }
      });
    });

    describeChangesContract(ctx);
  });
}
