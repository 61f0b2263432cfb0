// The changes-feed half of the store contract: what replication's `_changes` endpoint passes through, including
// long-poll. Order across documents is not asserted: CouchDB shards a database, and its feed is only ordered per
// shard. Durations are never asserted either; a hung wait shows up as a test timeout instead.
import { describe, expect, it } from 'vitest';
import { idsOf, putOk, sortedIdsOf, type ContractContext } from './store-contract.helpers';
import type { ChangesResult, StoreDatabase } from './store.types';

/** Bound for "did not hang": far below the waits asked for below, far above any honest answer. */
const NO_HANG_MS = 15_000;

async function currentSeq(db: StoreDatabase): Promise<ChangesResult['lastSeq']> {
  return (await db.changes({ since: 'now' })).lastSeq;
}

export function describeChangesContract(ctx: ContractContext): void {
  describe('changes', () => {
    it('lists every document once from 0, with the deleted flag, and resumes from a seq in the middle', async () => {
      const db = await ctx.freshDb();
      const a = await putOk(db, { _id: 'a' });
      const b = await putOk(db, { _id: 'b' });
      await putOk(db, { _id: 'c' });
      const middle = (await db.changes({ since: 0 })).lastSeq;
      await putOk(db, { _id: 'a', _rev: a.rev, v: 2 });
      await putOk(db, { _id: 'b', _rev: b.rev, _deleted: true });
      await putOk(db, { _id: 'd' });

      const all = await db.changes({ since: 0 });
      expect(sortedIdsOf(all.results)).toEqual(['a', 'b', 'c', 'd']);
      expect(all.results.find((row) => row.id === 'b')?.deleted).toBe(true);
      expect(all.results.find((row) => row.id === 'a')?.deleted).toBeUndefined();
      expect(all.results.find((row) => row.id === 'a')?.changes).toEqual([{ rev: (await db.get('a'))?._rev }]);

      const later = await db.changes({ since: middle });
      expect(sortedIdsOf(later.results)).toEqual(['a', 'b', 'd']);
      expect((await db.changes({ since: all.lastSeq })).results).toEqual([]);
    });

    it('pages with limit and resumes from lastSeq without losing or repeating documents', async () => {
      const db = await ctx.freshDb();
      for (const id of ['p1', 'p2', 'p3', 'p4', 'p5']) await putOk(db, { _id: id });
      const first = await db.changes({ since: 0, limit: 2 });
      expect(first.results).toHaveLength(2);
      const second = await db.changes({ since: first.lastSeq, limit: 2 });
      expect(second.results).toHaveLength(2);
      const third = await db.changes({ since: second.lastSeq, limit: 2 });
      expect(third.results).toHaveLength(1);
      expect([...idsOf(first.results), ...idsOf(second.results), ...idsOf(third.results)].sort()).toEqual([
        'p1',
        'p2',
        'p3',
        'p4',
        'p5',
      ]);
    });

    it('includes documents when asked, tombstones included', async () => {
      const db = await ctx.freshDb();
      const gone = await putOk(db, { _id: 'gone', v: 1 });
      await putOk(db, { _id: 'gone', _rev: gone.rev, _deleted: true });
      await putOk(db, { _id: 'here', v: 2 });
      const result = await db.changes({ since: 0, includeDocs: true });
      expect(result.results.find((row) => row.id === 'here')?.doc).toMatchObject({ _id: 'here', v: 2 });
      expect(result.results.find((row) => row.id === 'gone')?.doc).toMatchObject({ _id: 'gone', _deleted: true });
      expect((await db.changes({ since: 0 })).results.every((row) => row.doc === undefined)).toBe(true);
    });

    it("answers since:'now' empty with a seq that later changes resume from", async () => {
      const db = await ctx.freshDb();
      await putOk(db, { _id: 'before' });
      const now = await db.changes({ since: 'now' });
      expect(now.results).toEqual([]);
      await putOk(db, { _id: 'after' });
      expect(idsOf((await db.changes({ since: now.lastSeq })).results)).toEqual(['after']);
    });
  });

  describe('long-poll', () => {
    it('answers at once when changes are already there', { timeout: NO_HANG_MS }, async () => {
      const db = await ctx.freshDb();
      await putOk(db, { _id: 'ready' });
      const result = await db.changes({ since: 0, waitMs: 60_000 });
      expect(idsOf(result.results)).toEqual(['ready']);
    });

    it('wakes a waiting call with a later write and answers with that change', { timeout: NO_HANG_MS }, async () => {
      const db = await ctx.freshDb();
      await putOk(db, { _id: 'old' });
      const since = await currentSeq(db);
      const waiting = db.changes({ since, waitMs: 60_000, includeDocs: true });
      setTimeout(() => void db.put({ _id: 'late', v: 'woke' }), 50);
      const result = await waiting;
      expect(idsOf(result.results)).toEqual(['late']);
      expect(result.results[0]?.doc).toMatchObject({ _id: 'late', v: 'woke' });
      expect((await db.changes({ since: result.lastSeq })).results).toEqual([]);
    });

    it("wakes a since:'now' wait with writes made after it, not before", { timeout: NO_HANG_MS }, async () => {
      const db = await ctx.freshDb();
      await putOk(db, { _id: 'earlier' });
      const waiting = db.changes({ since: 'now', waitMs: 60_000 });
      // 'now' is fixed at some unknown moment inside the call, so keep writing until the wait answers.
      let settled = false;
      void waiting.finally(() => (settled = true));
      for (let n = 0; !settled && n < 100; n += 1) {
        await putOk(db, { _id: `tick-${n}` });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const result = await waiting;
      expect(result.results.length).toBeGreaterThan(0);
      expect(idsOf(result.results).every((id) => id.startsWith('tick-'))).toBe(true);
    });

    it(
      'answers empty after waitMs with nothing happening, with a lastSeq later polls resume from',
      { timeout: NO_HANG_MS },
      async () => {
        const db = await ctx.freshDb();
        await putOk(db, { _id: 'seen' });
        const since = await currentSeq(db);
        const idle = await db.changes({ since, waitMs: 200 });
        expect(idle.results).toEqual([]);
        await putOk(db, { _id: 'next' });
        expect(idsOf((await db.changes({ since: idle.lastSeq })).results)).toEqual(['next']);
      },
    );

    it(
      'ends the wait when the signal aborts, answering empty with a usable lastSeq',
      { timeout: NO_HANG_MS },
      async () => {
        const db = await ctx.freshDb();
        const since = await currentSeq(db);
        const controller = new AbortController();
        const waiting = db.changes({ since, waitMs: 60_000, signal: controller.signal });
        setTimeout(() => controller.abort(), 50);
        const result = await waiting;
        expect(result.results).toEqual([]);
        await putOk(db, { _id: 'after-abort' });
        expect(idsOf((await db.changes({ since: result.lastSeq })).results)).toEqual(['after-abort']);
      },
    );

    it('does not wait at all with an already aborted signal', { timeout: NO_HANG_MS }, async () => {
      const db = await ctx.freshDb();
      const since = await currentSeq(db);
      const result = await db.changes({ since, waitMs: 60_000, signal: AbortSignal.abort() });
      expect(result.results).toEqual([]);
    });

    it('ends pending waits when the store closes', { timeout: NO_HANG_MS }, async () => {
      const name = ctx.freshName();
      const closing = await ctx.openStore();
      const db = await closing.database(name);
      const since = await currentSeq(db);
      const waiting = db.changes({ since, waitMs: 60_000 });
      setTimeout(() => void closing.close(), 50);
      expect((await waiting).results).toEqual([]);
    });
  });
}
