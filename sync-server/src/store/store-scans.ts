// Whole-database scans built only on the store interface, shared by both adapters. Both page through the data so
// memory stays bounded by the page size, not the database size.
import type { Seq, StoreDatabase } from './store.types';

const PAGE_SIZE = 500;

/**
 * Ids whose winner has conflicting leaves. A view would index this, but design documents replicate to every client,
 * so the store must not create any in user databases; a paged `_all_docs` scan keeps the data untouched.
 */
export async function listConflictedByScan(db: Pick<StoreDatabase, 'allDocs'>): Promise<string[]> {
  const conflicted: string[] = [];
  let startkey: string | undefined;
  for (;;) {
    // Resume at the last key seen and skip it: ids are unique, so this neither repeats nor misses a row.
    const page = await db.allDocs({
      includeDocs: true,
      conflicts: true,
      limit: PAGE_SIZE,
      ...(startkey === undefined ? {} : { startkey, skip: 1 }),
    });
    for (const row of page.rows) {
      if ('error' in row) continue;
      if ((row.doc?._conflicts?.length ?? 0) > 0) conflicted.push(row.id);
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE_SIZE) return conflicted;
    startkey = last.key;
  }
}

/**
 * Counts documents whose winner is deleted, from the changes feed (each document's latest change carries the
 * winner's deleted flag). Ids go through a set because CouchDB clusters may repeat a document in the feed.
 */
export async function countDeletedByScan(db: Pick<StoreDatabase, 'changes'>): Promise<number> {
  const deleted = new Set<string>();
  let since: Seq = 0;
  for (;;) {
    const page = await db.changes({ since, limit: PAGE_SIZE });
    for (const row of page.results) {
      // A later row for the same id supersedes an earlier one.
      if (row.deleted) deleted.add(row.id);
      else deleted.delete(row.id);
    }
    if (page.results.length < PAGE_SIZE) return deleted.size;
    since = page.lastSeq;
  }
}
