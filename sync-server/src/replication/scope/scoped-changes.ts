// The `_changes` feed of a town scope, filtered on the server (the scan itself is `filteredChanges`).
import type { ChangeRow, ChangesOptions, ChangesResult, Seq, StoredDoc, StoreDatabase } from '../../store/store.types';
import { currentBodies, filteredChanges, type FeedFilter } from '../filtered-changes';
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
  const bodies = await currentBodies(
    db,
    wanted.map((r) => r.id),
  );
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

/**
 * The scope's filtered feed (see `filteredChanges` for the paging rules): rows in scope, deletions, and tombstones
 * for clinics that left it.
 */
export function scopedChanges(
  db: StoreDatabase,
  scope: ScopeFilter,
  options: ChangesOptions & { since: Seq },
): Promise<ChangesResult> {
  const filter: FeedFilter = {
    decide: (rows, includeDocs, deviceMayHaveDocs) => decide(db, rows, scope, includeDocs, deviceMayHaveDocs),
    candidates: (since, deviceMayHaveDocs, max) => scope.candidates(since, deviceMayHaveDocs, max),
    refresh: () => scope.refresh(),
  };
  return filteredChanges(db, filter, options);
}
