// The store interface: the CouchDB data model (documents with revision trees, per-database change sequences),
// independent of whether the bytes live in embedded PouchDB or an Apache CouchDB cluster. Services talk only to
// this; the replication endpoints pass its answers through in CouchDB wire shape.

/**
 * An update sequence. Opaque: PouchDB uses integers, CouchDB 2+ uses strings like "12-g1AAAA…". Callers must
 * only hand back what they got, never compare or do arithmetic on it.
 */
export type Seq = string | number;

export type StoredDoc = {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
  [field: string]: unknown;
};

/**
 * A document to write. Without `_rev` it must not exist yet (or be deleted); with `_rev` it must be a current leaf:
 * normally the winner, or a losing leaf when resolving a conflict (writing `_deleted: true` on it).
 */
export type NewDoc = {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _revisions?: { start: number; ids: string[] };
  [field: string]: unknown;
};

export type WriteOk = { ok: true; id: string; rev: string };
export type WriteError = {
  ok: false;
  id: string;
  // The literals name the errors callers branch on; any other CouchDB error name can still arrive, hence `string`.
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  error: 'conflict' | 'forbidden' | 'bad_request' | string;
  reason: string;
};
export type WriteResult = WriteOk | WriteError;

export type ChangeRow = {
  seq: Seq;
  id: string;
  /** Leaf revisions: the winner only, or all leaves with `style: 'all_docs'`. */
  changes: { rev: string }[];
  deleted?: boolean;
  doc?: StoredDoc;
};

export type ChangesOptions = {
  /** Exclusive lower bound; 0 = from the start; 'now' = only changes after this call. */
  // 'now' is spelled out because it is a command, not a seq a caller got back (Seq already admits any string).
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  since: Seq | 'now';
  limit?: number;
  includeDocs?: boolean;
  /** CouchDB `style=all_docs`: list every leaf revision, not only the winner. */
  allLeaves?: boolean;
  /**
   * Long-poll: when nothing is newer than `since`, wait up to this long for the next change before answering
   * empty. 0 / undefined = answer at once (normal feed). Adapters must honour it even if the backend does not.
   */
  waitMs?: number;
  /**
   * Aborts a long-poll wait early (client went away, server shutting down); answers with what it has. An empty
   * answer (timeout or abort) always carries a `lastSeq` to resume from (`since`, with 'now' resolved).
   */
  signal?: AbortSignal;
};

export type ChangesResult = { results: ChangeRow[]; lastSeq: Seq; pending?: number };

export type AllDocsOptions = {
  keys?: string[];
  includeDocs?: boolean;
  conflicts?: boolean;
  startkey?: string;
  endkey?: string;
  inclusiveEnd?: boolean;
  descending?: boolean;
  limit?: number;
  skip?: number;
};

export type AllDocsRow =
  | { id: string; key: string; value: { rev: string; deleted?: true }; doc?: StoredDoc | null }
  | { key: string; error: 'not_found' };

export type AllDocsResult = { totalRows: number; offset: number; rows: AllDocsRow[] };

export type GetOptions = { rev?: string; conflicts?: boolean; revs?: boolean };

export type BulkGetRequest = { id: string; rev?: string };
export type BulkGetResult = {
  id: string;
  docs: ({ ok: StoredDoc } | { error: { id: string; rev: string; error: string; reason: string } })[];
};

export type DatabaseInfo = {
  dbName: string;
  docCount: number;
  docDelCount: number;
  updateSeq: Seq;
  /** Bytes on disk (CouchDB `sizes.file`; embedded: its leveldb directory). Absent for filtered views. */
  sizeBytes?: number;
};

export interface StoreDatabase {
  readonly name: string;
  info(): Promise<DatabaseInfo>;
  /** The winning revision (or a given one); null when missing or deleted (unless a deleted `rev` is asked). */
  get(id: string, options?: GetOptions): Promise<StoredDoc | null>;
  put(doc: NewDoc): Promise<WriteResult>;
  /**
   * Results are in request order, whatever the backend does. `newEdits: false` stores revisions as given; a stored
   * one is reported as `{ ok: true, id, rev: doc._rev }` (CouchDB itself only reports failures), and a document
   * without `_rev` gets a `bad_request` error instead of failing the batch.
   */
  bulkDocs(docs: NewDoc[], options?: { newEdits?: boolean }): Promise<WriteResult[]>;
  allDocs(options?: AllDocsOptions): Promise<AllDocsResult>;
  /**
   * Specific revisions with their history (`_revisions`), as replication needs them. One result per request, in
   * request order; a missing document or revision gives `{ error: { error: 'not_found', rev } }`, with CouchDB's
   * literal rev `'undefined'` for a request without `rev`.
   */
  bulkGet(requests: BulkGetRequest[], options?: { revs?: boolean }): Promise<BulkGetResult[]>;
  changes(options: ChangesOptions): Promise<ChangesResult>;
  /** Ids of documents whose winner has conflicting leaf revisions. */
  listConflicted(): Promise<string[]>;
}

export type StoreKind = 'embedded' | 'couchdb';

export interface Store {
  readonly kind: StoreKind;
  /** Opens the database, creating it when missing. Idempotent and safe to call concurrently. */
  database(name: string): Promise<StoreDatabase>;
  /** Deletes a database and its data (tests, re-import). */
  destroyDatabase(name: string): Promise<void>;
  /** Names of every database the store holds (opened here or not), sorted. */
  listDatabases(): Promise<string[]>;
  /** Closes every database handle and ends pending long-polls (they answer empty). */
  close(): Promise<void>;
}
