// One CouchDB database behind the store interface, spoken to through nano (and plain fetch for the changes feed).
import { allDocsWithEmptyKeys } from './all-docs-empty-key';
import type nano from 'nano';
import { indexBulkGetResponse, pairBulkGetResults, splitBulkGetRequests } from './couchdb-bulk-get';
import { fetchCouchChanges } from './couchdb-changes';
import { couchErrorInfo, type CouchEndpoint } from './couchdb-http';
import { countDeletedByScan, listConflictedByScan } from './store-scans';
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
} from './store.types';
import {
  isRecord,
  isSeq,
  MalformedResponseError,
  numberField,
  toAllDocsRow,
  toStoredDoc,
  withoutUndefined,
} from './wire-shapes';
import { bulkDocsInOrder, type RawWriteRow } from './write-results';

function toRawWriteRow(row: unknown): RawWriteRow {
  if (!isRecord(row)) throw new MalformedResponseError('_bulk_docs row is not an object');
  const text = (field: string): string | undefined => (typeof row[field] === 'string' ? row[field] : undefined);
  return withoutUndefined({
    id: text('id'),
    rev: text('rev'),
    ok: row['ok'] === true ? true : undefined,
    error: text('error'),
    reason: text('reason'),
  });
}

export class CouchStoreDatabase implements StoreDatabase {
  readonly name: string;
  /** The CouchDB database behind `name`: the same, or with the store's prefix (COUCHDB_DB_PREFIX). */
  readonly #remote: string;
  readonly #server: nano.ServerScope;
  readonly #endpoint: CouchEndpoint;
  /** Aborts this store's pending long-polls when the store closes. */
  readonly #closing: AbortSignal;

  constructor(name: string, server: nano.ServerScope, endpoint: CouchEndpoint, closing: AbortSignal, remote = name) {
    this.name = name;
    this.#remote = remote;
    this.#server = server;
    this.#endpoint = endpoint;
    this.#closing = closing;
  }

  async info(): Promise<DatabaseInfo> {
    const body = await this.#request({ db: this.#remote });
    if (!isRecord(body) || !isSeq(body['update_seq']))
      throw new MalformedResponseError('database info without update_seq');
    const docCount = numberField(body, 'doc_count', 'database info');
    // CouchDB reports doc_del_count; some compatible servers (PouchDB Server) leave it out, so count it then.
    const docDelCount =
      typeof body['doc_del_count'] === 'number' ? body['doc_del_count'] : await countDeletedByScan(this);
    const sizes = body['sizes'];
    const file = isRecord(sizes) && typeof sizes['file'] === 'number' ? sizes['file'] : undefined;
    return {
      dbName: this.name,
      docCount,
      docDelCount,
      updateSeq: body['update_seq'],
      ...(file === undefined ? {} : { sizeBytes: file }),
    };
  }

  async get(id: string, options: GetOptions = {}): Promise<StoredDoc | null> {
    try {
      return toStoredDoc(await this.#request({ db: this.#remote, doc: id, qs: withoutUndefined({ ...options }) }));
    } catch (error) {
      if (couchErrorInfo(error).status === 404) return null;
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
      const body = await this.#request({
        db: this.#remote,
        path: '_bulk_docs',
        method: 'POST',
        body: { docs: toSend, new_edits: newEdits },
      });
      if (!Array.isArray(body)) throw new MalformedResponseError('_bulk_docs did not return a list');
      return body.map(toRawWriteRow);
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
    const qs = withoutUndefined({
      include_docs: options.includeDocs,
      conflicts: options.conflicts,
      startkey: options.startkey,
      endkey: options.endkey,
      inclusive_end: options.inclusiveEnd,
      descending: options.descending,
      limit: options.limit,
      skip: options.skip,
    });
    // Keys go in a POST body: a long key list would not fit a URL.
    const body = await this.#request(
      options.keys
        ? { db: this.#remote, path: '_all_docs', method: 'POST', qs, body: { keys: options.keys } }
        : { db: this.#remote, path: '_all_docs', qs },
    );
    if (!isRecord(body) || !Array.isArray(body['rows'])) throw new MalformedResponseError('_all_docs without rows');
    return {
      totalRows: numberField(body, 'total_rows', '_all_docs'),
      // CouchDB answers `offset: null` to a keys query.
      offset: typeof body['offset'] === 'number' ? body['offset'] : 0,
      rows: body['rows'].map(toAllDocsRow),
    };
  }

  async bulkGet(requests: BulkGetRequest[], options: { revs?: boolean } = {}): Promise<BulkGetResult[]> {
    const { revved, winners } = splitBulkGetRequests(requests);
    const fetchGroup = async (docs: BulkGetRequest[]): Promise<unknown> =>
      docs.length === 0
        ? { results: [] }
        : this.#request({
            db: this.#remote,
            path: '_bulk_get',
            method: 'POST',
            qs: options.revs ? { revs: true } : {},
            body: { docs },
          });
    const [revvedBody, winnersBody] = await Promise.all([fetchGroup(revved), fetchGroup(winners)]);
    return pairBulkGetResults(requests, indexBulkGetResponse(revvedBody), indexBulkGetResponse(winnersBody));
  }

  changes(options: ChangesOptions): Promise<ChangesResult> {
    return fetchCouchChanges(this.#endpoint, this.#remote, options, this.#closing);
  }

  listConflicted(): Promise<string[]> {
    return listConflictedByScan(this);
  }

  async #request(options: nano.RequestOptions): Promise<unknown> {
    const body: unknown = await this.#server.request(options);
    return body;
  }
}
