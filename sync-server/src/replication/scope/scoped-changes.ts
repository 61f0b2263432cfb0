// The `_changes` feed of a town scope, filtered on the server: RxDB's CouchDB plugin has no filter of its own,
// it pages with `since`/`limit` and stores whatever `last_seq` it is given as its checkpoint.
import type { ChangeRow, ChangesOptions, ChangesResult, Seq, StoredDoc, StoreDatabase } from '../../store/store.types';

/** Store feed rows read per internal page while looking for matches. */
export const SCAN_PAGE = 1000;
/** Ancestor revisions consulted to tell whether a document left the scope (see `leftScope`). */
const MAX_ANCESTORS = 100;

export type InScope = (doc: StoredDoc) => boolean;

function generation(rev: string | undefined): number {
  return Number.parseInt(rev ?? '', 10) || 0;
}

/**
 * What the device gets for a document that is no longer in its scope: a deletion, so it drops its copy. The
 * tombstone keeps the document's last body beside `_deleted: true` rather than the bare `{_id, _rev, _deleted}`:
 * RxDB's validating storage (the app's dev builds) checks deleted documents against the schema too, and rejects
 * a bare tombstone with a 422 that stalls the pull in a retry loop.
 */
export function leftScopeTombstone(doc: StoredDoc): StoredDoc {
  const { _conflicts: _c, ...rest } = doc;
  return { ...rest, _deleted: true };
}

function tombstoneRow(row: ChangeRow, doc: StoredDoc, includeDocs: boolean): ChangeRow {
  const changes = [{ rev: doc._rev }];
  return { seq: row.seq, id: row.id, changes, deleted: true, ...(includeDocs ? { doc: leftScopeTombstone(doc) } : {}) };
}

/**
 * Ids among out-of-scope documents that may still sit on a device of this scope: those with an earlier revision
 * inside the scope, or with an earlier revision the store no longer has (compacted; unknown counts as "maybe",
 * since a stray deletion of an absent document is harmless while a missed one leaves a stale clinic on screen).
 */
async function leftScope(db: StoreDatabase, docs: StoredDoc[], inScope: InScope): Promise<Set<string>> {
  const edited = docs.filter((d) => generation(d._rev) > 1);
  if (edited.length === 0) return new Set();
  const histories = await db.bulkGet(
    edited.map((d) => ({ id: d._id, rev: d._rev })),
    { revs: true },
  );
  const ancestors: { id: string; rev: string }[] = [];
  for (const result of histories) {
    for (const entry of result.docs) {
      if (!('ok' in entry) || !entry.ok._revisions) continue;
      const { start, ids } = entry.ok._revisions;
      for (const [i, hash] of ids.slice(1, MAX_ANCESTORS + 1).entries()) {
        ancestors.push({ id: entry.ok._id, rev: `${start - 1 - i}-${hash}` });
      }
    }
  }
  const maybe = new Set<string>();
  if (ancestors.length === 0) return maybe;
  for (const result of await db.bulkGet(ancestors, { revs: false })) {
    for (const entry of result.docs) {
      if (!('ok' in entry)) maybe.add(result.id);
      else if (!entry.ok._deleted && inScope(entry.ok)) maybe.add(result.id);
    }
  }
  return maybe;
}

/** What a scan needs to know about the scope. */
export type ScopeFilter = {
  /** Decides on a document body (exact). */
  inScope: InScope;
  /** Decides on an id from the clinic→town index (current to at least the last `refresh`), without a read. */
  idInScope(id: string): boolean;
  refresh(): Promise<void>;
  /**
   * Feed rows after `since` that `decide` may keep, found in memory (clinic→town index), with the seq scanned up
   * to; undefined when the index cannot answer for this `since` (opaque CouchDB seqs): the store feed is scanned.
   */
  candidates(since: Seq, deviceMayHaveDocs: boolean, max: number): { rows: ChangeRow[]; lastSeq: Seq } | undefined;
};

/** Rows `decide` may keep: deletions, rows the index puts in scope, and edits that may have left it. */
export function mayKeep(inScope: boolean, rev: string, deleted: boolean, deviceMayHaveDocs: boolean): boolean {
  return deleted || inScope || (deviceMayHaveDocs && generation(rev) > 1);
}

/**
 * The scope's view of one page of the store feed, row for row: the row with the current body (in scope), a
 * deletion (a tombstone carries no town, so deletions reach every scope), a tombstone row (left the scope), or
 * null. Bodies are read only for rows the index puts in the scope and for rows that may have left it, so an
 * initial pull of a small scope reads a few documents, not the whole catalogue. `deviceMayHaveDocs` is false only
 * for a pull from 0: a device that has nothing needs no deletions.
 */
async function decide(
  db: StoreDatabase,
  rows: ChangeRow[],
  scope: ScopeFilter,
  includeDocs: boolean,
  deviceMayHaveDocs: boolean,
): Promise<(ChangeRow | null)[]> {
  await scope.refresh();
  const wanted = rows.filter((r) =>
    mayKeep(scope.idInScope(r.id), r.changes[0]?.rev ?? '', r.deleted === true, deviceMayHaveDocs),
  );
  const bodies = new Map<string, StoredDoc>();
  if (wanted.length > 0) {
    for (const row of (await db.allDocs({ keys: wanted.map((r) => r.id), includeDocs: true })).rows) {
      if (!('id' in row)) continue;
      // Like CouchDB's include_docs, the current revision; a deleted one as its bare tombstone.
      const doc = row.value.deleted ? { _id: row.id, _rev: row.value.rev, _deleted: true } : row.doc;
      if (doc) bodies.set(row.id, doc);
    }
  }
  const outside = [...bodies.values()].filter((d) => !d._deleted && !scope.inScope(d));
  const left = deviceMayHaveDocs ? await leftScope(db, outside, scope.inScope) : new Set<string>();
  return rows.map((row) => {
    const doc = bodies.get(row.id);
    if (!doc) return null;
    if (doc._deleted || scope.inScope(doc)) {
      const kept: ChangeRow = { ...row, ...(doc._deleted ? { deleted: true } : {}) };
      return includeDocs ? { ...kept, doc } : kept;
    }
    return left.has(row.id) ? tombstoneRow(row, doc, includeDocs) : null;
  });
}

const sameSeq = (a: Seq, b: Seq): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Scans the store feed from `since`, keeping rows in scope, until `limit` matches or the end of the feed. The
 * answer's `last_seq` is the last row *scanned* (not the last kept): the client's next `since` then starts right
 * after what this answer covered, so it neither re-reads skipped rows nor misses any. Stopping early with fewer
 * than `limit` matches is not an option: RxDB ends its pull on a short (or empty, then without saving the
 * checkpoint) batch. A long-poll that finds nothing at the end of the feed waits for the next store change and
 * scans on, until a *matching* change arrives or the wait ends.
 */
export async function scopedChanges(
  db: StoreDatabase,
  scope: ScopeFilter,
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
    await scope.refresh();
    const indexed = scope.candidates(since, deviceMayHaveDocs, SCAN_PAGE);
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
    const decided = await decide(db, page.results, scope, includeDocs, deviceMayHaveDocs);
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
