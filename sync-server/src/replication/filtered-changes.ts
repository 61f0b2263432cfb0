// A `_changes` feed filtered on the server, for views that show clients only part of a database (a town scope, a
// user's own documents). RxDB's CouchDB plugin has no filter of its own: it pages with `since`/`limit` and stores
// whatever `last_seq` it is given as its checkpoint, so the filtering and the paging rules live here, once.
import type { ChangeRow, ChangesOptions, ChangesResult, Seq, StoredDoc, StoreDatabase } from '../store/store.types';

/**
 * The database's current update seq without `info()`, which on the embedded store scans the whole feed to count
 * deletions. Every filtered view (town scopes, per-user collections, ticket feeds) answers `update_seq` with it.
 */
export async function currentSeq(db: StoreDatabase): Promise<Seq> {
  return (await db.changes({ since: 'now' })).lastSeq;
}

/** Store feed rows read per internal page while looking for matches. */
export const SCAN_PAGE = 1000;

/** What a filtered feed needs to know about its view. */
export type FeedFilter = {
  /**
   * One page of store feed rows, decided row for row: the row to send (possibly rewritten, with its body when
   * `includeDocs`) or null. `deviceMayHaveDocs` is false only for a pull from 0: a device that has nothing needs
   * no deletions.
   */
  decide(rows: ChangeRow[], includeDocs: boolean, deviceMayHaveDocs: boolean): Promise<(ChangeRow | null)[]>;
  /**
   * Feed rows after `since` that `decide` may keep, found without reading the store feed, with the seq scanned up
   * to; undefined (or absent) when they cannot be found that way: the store feed is scanned.
   */
  candidates?(since: Seq, deviceMayHaveDocs: boolean, max: number): { rows: ChangeRow[]; lastSeq: Seq } | undefined;
  /** Brings whatever `candidates` reads from up to date. */
  refresh?(): Promise<void>;
};

/**
 * The current revision of each id, as CouchDB's `include_docs` gives it: a feed row may be older than the
 * document, and the body sent is the newest. A deleted document comes back as its bare tombstone.
 */
export async function currentBodies(db: StoreDatabase, ids: string[]): Promise<Map<string, StoredDoc>> {
  const bodies = new Map<string, StoredDoc>();
  if (ids.length === 0) return bodies;
  for (const row of (await db.allDocs({ keys: ids, includeDocs: true })).rows) {
    if (!('id' in row)) continue;
    const doc = row.value.deleted ? { _id: row.id, _rev: row.value.rev, _deleted: true } : row.doc;
    if (doc) bodies.set(row.id, doc);
  }
  return bodies;
}

export const sameSeq = (a: Seq, b: Seq): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Scans the store feed from `since`, keeping the rows `filter` keeps, until `limit` matches or the end of the feed.
 * The answer's `last_seq` is the last row *scanned* (not the last kept): the client's next `since` then starts
 * right after what this answer covered, so it neither re-reads skipped rows nor misses any. Stopping early with
 * fewer than `limit` matches is not an option: RxDB ends its pull on a short (or empty, then without saving the
 * checkpoint) batch. A long-poll that finds nothing at the end of the feed waits for the next store change and
 * scans on, until a *matching* change arrives or the wait ends — so every waiting client wakes on every change
 * to the database, and only the ones it concerns answer.
 */
export async function filteredChanges(
  db: StoreDatabase,
  filter: FeedFilter,
  options: ChangesOptions & { since: Seq },
): Promise<ChangesResult> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const includeDocs = options.includeDocs ?? false;
  const deviceMayHaveDocs = !sameSeq(options.since, 0);
  const deadline = Date.now() + (options.waitMs ?? 0);
  const results: ChangeRow[] = [];
  let since: Seq = options.since;
  let atEnd = false;
  for (;;) {
    const remaining = deadline - Date.now();
    const waitMs = atEnd && results.length === 0 && remaining > 0 && !options.signal?.aborted ? remaining : 0;
    if (atEnd && waitMs === 0) return { results, lastSeq: since };
    await filter.refresh?.();
    const indexed = filter.candidates?.(since, deviceMayHaveDocs, SCAN_PAGE);
    let page: ChangesResult;
    if (indexed && waitMs > 0) {
      // Nothing left in the index: wait for any store change, then look again (the index catches up first).
      const woke = await db.changes({ since, limit: 1, waitMs, ...(options.signal ? { signal: options.signal } : {}) });
      if (woke.results.length === 0) return { results, lastSeq: since };
      atEnd = false;
      continue;
    } else if (indexed) {
      page = { results: indexed.rows, lastSeq: indexed.lastSeq };
    } else {
      page = await db.changes({
        since,
        limit: SCAN_PAGE,
        ...(options.allLeaves ? { allLeaves: true } : {}),
        ...(waitMs > 0 ? { waitMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    const decided = await filter.decide(page.results, includeDocs, deviceMayHaveDocs);
    for (const [i, row] of page.results.entries()) {
      since = row.seq;
      const kept = decided[i];
      if (kept) results.push(kept);
      if (results.length >= limit) return { results, lastSeq: since };
    }
    since = page.lastSeq;
    atEnd = page.results.length < SCAN_PAGE;
    // A wait that ended with nothing new (timeout, client gone, shutdown): answer empty from where we are.
    if (waitMs > 0 && page.results.length === 0) return { results, lastSeq: since };
  }
}
