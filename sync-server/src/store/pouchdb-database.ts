// One embedded database: a PouchDB (leveldb) instance behind the store interface.
import { allDocsWithEmptyKeys } from './all-docs-empty-key';
import PouchDB from 'pouchdb';
import { PouchChangesWaiter } from './pouchdb-changes-waiter';
import { directoryBytes } from './embedded-files';
import { listConflictedByScan, countDeletedByScan } from './store-scans';
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
  Seq,
  StoreDatabase,
  StoredDoc,
  WriteResult,
} from './store.types';
import { bulkDocsInOrder, type RawWriteRow } from './write-results';
import {
  isRecord,
  MalformedResponseError,
  numberField,
  toAllDocsRow,
  toChangesResult,
  toStoredDoc,
  withoutUndefined,
} from './wire-shapes';

type PouchError = { status: number | undefined; name: string; message: string; reason: string | undefined };

function pouchError(error: unknown): PouchError {
  const record = isRecord(error) ? error : {};
  const text = (field: string): string | undefined => (typeof record[field] === 'string' ? record[field] : undefined);
  return {
    status: typeof record['status'] === 'number' ? record['status'] : undefined,
    name: text('name') ?? 'unknown_error',
    message: text('message') ?? String(error),
    reason: text('reason'),
  };
}

function toRawWriteRow(row: unknown): RawWriteRow {
  if (!isRecord(row)) throw new MalformedResponseError('bulk_docs row is not an object');
  const id = typeof row['id'] === 'string' ? row['id'] : undefined;
  const rev = typeof row['rev'] === 'string' ? row['rev'] : undefined;
  // PouchDB reports failures as Error objects (`name` = CouchDB error name) mixed into the result array.
  if (row instanceof Error || row['error'] !== undefined) {
    const failure = pouchError(row);
    return withoutUndefined({ id, rev, error: failure.name, reason: failure.message });
  }
  return withoutUndefined({ id, rev, ok: true });
}

/** PouchDB seqs are integers; a string that is one (e.g. from a query string) is accepted, anything else is not ours. */
function toPouchSeq(seq: Seq): number {
  if (typeof seq === 'number') return seq;
  if (/^\d+$/.test(seq)) return Number(seq);
  throw new RangeError(`Not an embedded-store update sequence: ${JSON.stringify(seq)}`);
}

export class PouchStoreDatabase implements StoreDatabase {
  readonly name: string;
  readonly #db: PouchDB.Database;
  readonly #waiter: PouchChangesWaiter;

  readonly #directory: string;

  constructor(name: string, db: PouchDB.Database, waiter: PouchChangesWaiter, directory: string) {
    this.name = name;
    this.#db = db;
    this.#waiter = waiter;
    this.#directory = directory;
  }

  async info(): Promise<DatabaseInfo> {
    const info = await this.#db.info();
    // PouchDB does not track deleted documents, so count them from the changes feed.
    const docDelCount = await countDeletedByScan(this);
    const sizeBytes = await directoryBytes(this.#directory);
    return { dbName: this.name, docCount: info.doc_count, docDelCount, updateSeq: info.update_seq, sizeBytes };
  }

  async get(id: string, options: GetOptions = {}): Promise<StoredDoc | null> {
    try {
      const doc: unknown = await this.#db.get(id, withoutUndefined(options));
      return toStoredDoc(doc);
    } catch (error) {
      if (pouchError(error).status === 404) return null;
      throw error;
    }
  }

  async put(doc: NewDoc): Promise<WriteResult> {
    const [result] = await this.bulkDocs([doc]);
    return result ?? { ok: false, id: doc._id, error: 'unknown_error', reason: 'No result for the write' };
  }

  bulkDocs(docs: NewDoc[], options: { newEdits?: boolean } = {}): Promise<WriteResult[]> {
    const newEdits = options.newEdits ?? true;
    return bulkDocsInOrder(docs, newEdits, async (toSend) => {
      const rows: unknown = await this.#db.bulkDocs(toSend, { new_edits: newEdits });
      if (!Array.isArray(rows)) throw new MalformedResponseError('bulk_docs did not return a list');
      return rows.map(toRawWriteRow);
    });
  }

  allDocs(options: AllDocsOptions = {}): Promise<AllDocsResult> {
    return allDocsWithEmptyKeys(
      options,
      (opts) => this.#allDocs(opts),
      async () => (await this.info()).docCount,
    );
  }

  async #allDocs(options: AllDocsOptions): Promise<AllDocsResult> {
    const keys = options.keys;
    const query = withoutUndefined({
      keys,
      include_docs: options.includeDocs,
      conflicts: options.conflicts,
      startkey: options.startkey,
      endkey: options.endkey,
      inclusive_end: options.inclusiveEnd,
      descending: options.descending,
      limit: options.limit,
      skip: options.skip,
    });
    const result: unknown = await this.#db.allDocs(query);
    if (!isRecord(result) || !Array.isArray(result['rows'])) throw new MalformedResponseError('all_docs without rows');
    return {
      totalRows: numberField(result, 'total_rows', 'all_docs'),
      offset: typeof result['offset'] === 'number' ? result['offset'] : 0,
      rows: result['rows'].map(toAllDocsRow),
    };
  }

  async bulkGet(requests: BulkGetRequest[], options: { revs?: boolean } = {}): Promise<BulkGetResult[]> {
    // PouchDB's own bulkGet merges requests per id and drops rev-less ones next to revved ones; one get() per
    // request keeps the answer one-to-one with the request, which replication relies on.
    const results: BulkGetResult[] = [];
    const BATCH = 50;
    for (let start = 0; start < requests.length; start += BATCH) {
      const batch = requests.slice(start, start + BATCH);
      results.push(...(await Promise.all(batch.map((request) => this.#getOne(request, options.revs ?? false)))));
    }
    return results;
  }

  async changes(options: ChangesOptions): Promise<ChangesResult> {
    if (options.since === 'now' && this.#waiter.closed) throw new Error(`Database ${this.name} is closed`);
    const since = options.since === 'now' ? toPouchSeq((await this.#db.info()).update_seq) : toPouchSeq(options.since);
    const deadline = Date.now() + (options.waitMs ?? 0);
    for (;;) {
      // Read the version before querying: a change landing after the query bumps it, so wait() returns at once.
      const seen = this.#waiter.version;
      const result = await this.#readChanges(since, options);
      const remaining = deadline - Date.now();
      if (result.results.length > 0 || remaining <= 0 || options.signal?.aborted || this.#waiter.closed) return result;
      await this.#waiter.wait(seen, remaining, options.signal);
      // Closed while waiting: the PouchDB handle is gone, and "nothing new since `since`" is still true.
      if (this.#waiter.closed) return { results: [], lastSeq: result.lastSeq };
    }
  }

  listConflicted(): Promise<string[]> {
    return listConflictedByScan(this);
  }

  /**
   * The PouchDB handle itself, for the two-node test cluster (`cluster/`) only: it replicates two embedded stores
   * into each other with PouchDB's own replicator, which must run on the very handle the store writes through so
   * replicated revisions wake this database's long-polls.
   */
  replicationHandle(): PouchDB.Database {
    return this.#db;
  }

  async close(): Promise<void> {
    this.#waiter.close();
    await this.#db.close();
  }

  async destroy(): Promise<void> {
    this.#waiter.close();
    await this.#db.destroy();
  }

  async #readChanges(since: number, options: ChangesOptions): Promise<ChangesResult> {
    // PouchDB never settles a changes() query issued on a closed handle, so a long-poll the store closed under
    // (server shutdown) must answer before querying. Queries already in flight at close() still complete.
    if (this.#waiter.closed) return { results: [], lastSeq: since };
    try {
      return await this.#queryChanges(since, options);
    } catch (error) {
      // The store closed under a pending long-poll (server shutdown): that must end the poll, not fail it.
      if (this.#waiter.closed) return { results: [], lastSeq: since };
      throw error;
    }
  }

  async #queryChanges(since: number, options: ChangesOptions): Promise<ChangesResult> {
    const style: 'all_docs' | 'main_only' = options.allLeaves ? 'all_docs' : 'main_only';
    const result: unknown = await this.#db.changes(
      withoutUndefined({
        since,
        limit: options.limit,
        include_docs: options.includeDocs,
        style,
      }),
    );
    return toChangesResult(result);
  }

  async #getOne(request: BulkGetRequest, revs: boolean): Promise<BulkGetResult> {
    try {
      const doc: unknown = await this.#db.get(request.id, withoutUndefined({ rev: request.rev, revs }));
      return { id: request.id, docs: [{ ok: toStoredDoc(doc) }] };
    } catch (error) {
      const failure = pouchError(error);
      if (failure.status !== 404) throw error;
      // Same error shape CouchDB's _bulk_get uses, including its literal "undefined" rev for rev-less requests.
      const reason = failure.reason ?? failure.message;
      return {
        id: request.id,
        docs: [{ error: { id: request.id, rev: request.rev ?? 'undefined', error: 'not_found', reason } }],
      };
    }
  }
}

/** Opens (creating when missing) the leveldb database in `directory`. */
export async function openPouchDatabase(name: string, directory: string): Promise<PouchStoreDatabase> {
  // Random (not content-derived) revision ids: with deterministic ones PouchDB 9 hangs on a stale write that
  // repeats an overwritten revision's content after a deletion (see the store contract); nothing here relies on
  // two writers producing the same revision id.
  const db = new PouchDB(directory, { adapter: 'leveldb', deterministic_revs: false });
  // Every in-flight changes() query holds a 'destroyed' listener on the handle, and a write wakes all long-polls
  // of the database at once; the limit of 10 would only produce false leak warnings.
  db.setMaxListeners(0);
  // Reading the seq now (before the handle is shared) both surfaces open errors (e.g. a locked directory) here
  // and gives the waiter a start point that precedes every write made through this store.
  const { update_seq: openedAt } = await db.info();
  const waiter = new PouchChangesWaiter((since) => db.changes({ live: true, since, return_docs: false }), openedAt);
  return new PouchStoreDatabase(name, db, waiter, directory);
}
