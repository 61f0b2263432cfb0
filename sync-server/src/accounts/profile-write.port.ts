import type { NewDoc, WriteResult } from '../store/store.types';

/**
 * How the per-user replication endpoint hands a pushed profile document to the accounts module, which alone
 * knows the profile's rules. Implemented by `ProfileService`; consumed by `replication/user/`.
 */
export interface ProfileWritePort {
  /**
   * A `_bulk_docs` row for the `profiles` collection, already known to be owned by `userId` (`_id === userId`).
   * Answers like CouchDB: `{ok, id, rev}` when stored; `conflict` when `_rev` is not the current revision, when
   * the document breaks the shared schema, or when it changes server-owned fields (`email`, `roles`, `createdAt`)
   * or tries to delete the profile — a conflict (not `forbidden`) makes RxDB re-read the server's document and
   * adopt it, where a `forbidden` row would be retried forever. `reason` says what was wrong.
   */
  applyClientWrite(userId: string, doc: NewDoc): Promise<WriteResult>;
}
