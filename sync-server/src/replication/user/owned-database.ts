// One user's read-only view of a per-user collection, with the StoreDatabase interface: the replication service
// serves it exactly as it serves a catalogue database, so per-user endpoints share every wire rule with the rest.
// A document the user does not own is answered exactly as a missing one (same status, same body): a user can not
// learn from any answer whether another user's document exists.
import { isOwnedDocId } from '@poisklinik/shared';
import type {
  AllDocsOptions,
  AllDocsResult,
  BulkGetRequest,
  BulkGetResult,
  ChangesOptions,
  ChangesResult,
  DatabaseInfo,
  GetOptions,
  NewDoc,
  StoreDatabase,
  StoredDoc,
  WriteResult,
} from '../../store/store.types';
import { currentSeq } from '../filtered-changes';
import { ownedChanges } from './owned-changes';
import { applyRange, ownedRows } from './owned-range';

export class OwnedDatabase implements StoreDatabase {
  readonly name: string;

  constructor(
    private readonly base: StoreDatabase,
    private readonly userId: string,
  ) {
    this.name = base.name;
  }

  private owns(id: string): boolean {
    return isOwnedDocId(this.userId, id);
  }

  /**
   * Counts are the user's live documents only. `update_seq` is the collection's: it is what `_changes` checkpoints
   * are made of, so it cannot be a per-user number (see ADR 008 for what that reveals).
   */
  async info(): Promise<DatabaseInfo> {
    // Not `base.info()`: the embedded store counts deletions by scanning the whole feed, every user's.
    const [updateSeq, rows] = await Promise.all([currentSeq(this.base), ownedRows(this.base, this.userId)]);
    return { dbName: this.name, docCount: rows.length, docDelCount: 0, updateSeq };
  }

  changes(options: ChangesOptions): Promise<ChangesResult> {
    return ownedChanges(this.base, this.userId, options);
  }

  async get(id: string, options: GetOptions = {}): Promise<StoredDoc | null> {
    return this.owns(id) ? this.base.get(id, options) : null;
  }

  /** Foreign requests never reach the store; they get the store's own "missing" entry. */
  async bulkGet(requests: BulkGetRequest[], options: { revs?: boolean } = {}): Promise<BulkGetResult[]> {
    const owned = requests.filter((r) => this.owns(r.id));
    const found = owned.length > 0 ? await this.base.bulkGet(owned, options) : [];
    let next = 0;
    return requests.map((r): BulkGetResult => {
      if (this.owns(r.id)) return found[next++] ?? missing(r);
      return missing(r);
    });
  }

  async allDocs(options: AllDocsOptions = {}): Promise<AllDocsResult> {
    const { keys, includeDocs, conflicts, ...range } = options;
    const docOptions = { ...(includeDocs ? { includeDocs } : {}), ...(conflicts ? { conflicts } : {}) };
    if (keys) {
      const owned = keys.filter((k) => this.owns(k));
      const found = owned.length > 0 ? (await this.base.allDocs({ keys: owned, ...docOptions })).rows : [];
      let next = 0;
      const rows = keys.map(
        (key) => (this.owns(key) ? found[next++] : undefined) ?? { key, error: 'not_found' as const },
      );
      return { totalRows: (await ownedRows(this.base, this.userId)).length, offset: 0, rows };
    }
    const all = await ownedRows(this.base, this.userId, docOptions);
    return { totalRows: all.length, offset: range.skip ?? 0, rows: applyRange(all, range) };
  }

  async listConflicted(): Promise<string[]> {
    return (await ownedRows(this.base, this.userId, { conflicts: true, includeDocs: true }))
      .filter((row) => (row.doc?._conflicts?.length ?? 0) > 0)
      .map((row) => row.id);
  }

  // Pushed documents go through the collection's write handler (`user-bulk-docs.ts`), never through this view.
  put(doc: NewDoc): Promise<WriteResult> {
    return Promise.resolve(refused(doc));
  }

  bulkDocs(docs: NewDoc[]): Promise<WriteResult[]> {
    return Promise.resolve(docs.map(refused));
  }
}

/** What both stores answer for a document that does not exist (see `StoreDatabase.bulkGet`). */
function missing(request: BulkGetRequest): BulkGetResult {
  const { id, rev } = request;
  return { id, docs: [{ error: { id, rev: rev ?? 'undefined', error: 'not_found', reason: 'missing' } }] };
}

function refused(doc: NewDoc): WriteResult {
  return { ok: false, id: doc._id, error: 'forbidden', reason: 'A per-user view is written through its handler' };
}
