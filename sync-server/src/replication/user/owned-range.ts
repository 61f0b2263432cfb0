// A user's documents in a per-user collection form one key range (see `isOwnedDocId`): the singleton `<userId>`
// and the many `<userId>.<rest>`. Everything here reads that range only, so no foreign row is ever loaded.
import { isOwnedDocId } from '@poisklinik/shared';
import type { AllDocsOptions, AllDocsRow, StoreDatabase } from '../../store/store.types';

/** Above every character an id may hold after "<userId>." (CouchDB's own convention for "end of prefix"). */
const HIGH = '\ufff0';

export type OwnedRow = Extract<AllDocsRow, { id: string }>;

/**
 * The user's live documents, ascending by id. User ids have a fixed length and no ".", so the range from
 * `<userId>` to `<userId>.\ufff0` can only hold ids that start with this user's id; the ownership check drops
 * what the range cannot exclude on its own (e.g. a stray "<userId>-x").
 */
export async function ownedRows(
  db: StoreDatabase,
  userId: string,
  options: Pick<AllDocsOptions, 'includeDocs' | 'conflicts'> = {},
): Promise<OwnedRow[]> {
  const result = await db.allDocs({ ...options, startkey: userId, endkey: `${userId}.${HIGH}` });
  return result.rows.filter((row): row is OwnedRow => 'id' in row && isOwnedDocId(userId, row.id));
}

type RangeQuery = Pick<AllDocsOptions, 'startkey' | 'endkey' | 'inclusiveEnd' | 'descending' | 'skip' | 'limit'>;

/**
 * A client's `_all_docs` range query answered over the user's rows only (few: a profile, later some bookings),
 * with CouchDB's meaning of each option: with `descending`, `startkey` is the high end; `skip` and `limit` count
 * the user's rows. Ids compare by UTF-16 code units, as the stores order plain string keys.
 */
export function applyRange(rows: OwnedRow[], query: RangeQuery): OwnedRow[] {
  const descending = query.descending ?? false;
  const inclusiveEnd = query.inclusiveEnd ?? true;
  const ordered = descending ? [...rows].reverse() : rows;
  const afterStart = (id: string): boolean =>
    query.startkey === undefined || (descending ? id <= query.startkey : id >= query.startkey);
  const beforeEnd = (id: string): boolean => {
    if (query.endkey === undefined) return true;
    if (id === query.endkey) return inclusiveEnd;
    return descending ? id > query.endkey : id < query.endkey;
  };
  const inRange = ordered.filter((row) => afterStart(row.id) && beforeEnd(row.id));
  const skip = query.skip ?? 0;
  return inRange.slice(skip, query.limit === undefined ? undefined : skip + query.limit);
}
