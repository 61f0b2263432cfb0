// The `_changes` feed of one user's view of a per-user collection: only rows of documents the user owns.
import { isOwnedDocId } from '@poisklinik/shared';
import type { ChangeRow, ChangesOptions, ChangesResult, Seq, StoreDatabase, StoredDoc } from '../../store/store.types';
import { currentBodies, currentSeq, filteredChanges, sameSeq, type FeedFilter } from '../filtered-changes';
import { ownedRows } from './owned-range';

/**
 * A deletion goes out with its tombstone's body, as CouchDB sends it, not a bare `{_id, _rev, _deleted}`: RxDB
 * validates pulled deletions against the collection schema too, and a device that deleted its own review would
 * otherwise stop pulling on the server's answer to that deletion.
 */
async function withTombstoneBodies(db: StoreDatabase, bodies: Map<string, StoredDoc>): Promise<void> {
  const deleted = [...bodies.values()].filter((doc) => doc._deleted);
  if (deleted.length === 0) return;
  for (const result of await db.bulkGet(deleted.map((doc) => ({ id: doc._id, rev: doc._rev })))) {
    for (const entry of result.docs) if ('ok' in entry) bodies.set(entry.ok._id, { ...entry.ok, _deleted: true });
  }
}

function ownedFilter(db: StoreDatabase, userId: string): FeedFilter {
  return {
    async decide(rows, includeDocs) {
      const owned = rows.filter((row) => isOwnedDocId(userId, row.id));
      const bodies = includeDocs ? await currentBodies(db, [...new Set(owned.map((r) => r.id))]) : undefined;
      if (bodies) await withTombstoneBodies(db, bodies);
      return rows.map((row) => {
        if (!isOwnedDocId(userId, row.id)) return null;
        if (!bodies) return row;
        const doc = bodies.get(row.id);
        return doc ? { ...row, ...(doc._deleted ? { deleted: true } : {}), doc } : null;
      });
    },
  };
}

/**
 * A first pull (`since=0`) from the user's key range instead of the whole feed: a user's first sync costs a read
 * of their few documents, not a scan of every user's history. Its `last_seq` is the database's update seq read
 * *before* the range: a write landing between the two reads is then after the checkpoint and comes again with the
 * next `since` (a duplicate the client shrugs off), where a seq read after the range could sit past a write the
 * range missed and skip it for good. Null when the range cannot answer: more rows than `limit` (a range has no
 * seq to resume from mid-way, so the feed is scanned instead).
 */
async function firstPull(db: StoreDatabase, userId: string, options: ChangesOptions): Promise<ChangesResult | null> {
  const updateSeq = await currentSeq(db);
  const rows = await ownedRows(db, userId, { includeDocs: true, ...(options.allLeaves ? { conflicts: true } : {}) });
  if (options.limit !== undefined && rows.length > options.limit) return null;
  const results = rows.flatMap((row): ChangeRow[] => {
    const doc = row.doc;
    if (!doc) return [];
    const leaves = options.allLeaves ? [row.value.rev, ...(doc._conflicts ?? [])] : [row.value.rev];
    const { _conflicts: _c, ...body } = doc;
    const change: ChangeRow = { seq: updateSeq, id: row.id, changes: leaves.map((rev) => ({ rev })) };
    return [options.includeDocs ? { ...change, doc: body } : change];
  });
  return { results, lastSeq: updateSeq };
}

/**
 * Rows of the user's documents, with CouchDB's paging: see `filteredChanges` for `last_seq` and long-poll rules. A
 * long-poll on an empty first pull goes on waiting from the update seq for the user's first document.
 */
export async function ownedChanges(db: StoreDatabase, userId: string, options: ChangesOptions): Promise<ChangesResult> {
  let since: Seq = options.since === 'now' ? await currentSeq(db) : options.since;
  if (sameSeq(since, 0)) {
    const first = await firstPull(db, userId, options);
    if (first && (first.results.length > 0 || !options.waitMs)) return first;
    if (first) since = first.lastSeq;
  }
  return filteredChanges(db, ownedFilter(db, userId), { ...options, since });
}
