import {
  SYNC_CONTRACT_VERSION,
  catalogueCollections,
  isCatalogueCollection,
  isUserCollection,
  type CatalogueCollection,
} from '@poisklinik/shared';
import type {
  AllDocsOptions,
  AllDocsRow,
  BulkGetRequest,
  ChangeRow,
  ChangesResult,
  Seq,
  Store,
  StoreDatabase,
  StoredDoc,
} from '../store/store.types';
import { badRequest, forbidden, notFound, type HttpError } from '../http/http-error';
import { shapeDoc } from './doc-shape';
import type { SyncScopeService } from './scope/sync-scope.service';
import { OwnedDatabase } from './user/owned-database';
import { TicketFeeds } from './tickets/ticket-feeds';
import { PublicReviewFeeds } from './reviews/public-review-feeds';

export type ChangesRequest = {
  /** A seq handed out earlier, 0, or 'now'. */
  since: Seq;
  feed: 'normal' | 'longpoll';
  limit?: number;
  includeDocs: boolean;
  /** `style=all_docs` */
  allLeaves: boolean;
  conflicts: boolean;
  /** Client's `timeout`; the server's own cap always applies on top. */
  timeoutMs?: number;
  /** `filter=_doc_ids` */
  docIds?: string[];
  /** Fires when the client goes away. */
  signal: AbortSignal;
};

/** The store's query, with the flags the wire always settles (absent = false). */
export type AllDocsRequest = AllDocsOptions & { includeDocs: boolean; conflicts: boolean };

export type GetDocRequest = { rev?: string; revs: boolean; conflicts: boolean; openRevs?: 'all' | string[] };

/**
 * Which database a request addresses: a whole collection, its town scope (`/db/scope/<townId>/<c>/`), or a
 * per-user collection as the signed-in `owner` sees it (only the documents that user owns).
 */
export type CollectionRef = { collection: string; townId?: string; clinicId?: string; owner?: string };

export type ReplicationServiceDeps = { store: Store; scopes: SyncScopeService; longpollTimeoutMs: number };

const READ_ONLY_REASON = 'The ПоисКлиник catalogue is read-only: it replicates from the server to clients, never back.';

/**
 * The CouchDB replication protocol over the read-only catalogue. Every public method starts by resolving the
 * collection (unknown → 404); every mutation is refused up front (`writeRefusal`).
 */
export class ReplicationService {
  /**
   * One controller per waiting long-poll rather than `AbortSignal.any` over a server-lifetime signal: on Node 20
   * signals combined with a long-lived one are retained by it, which would grow with every poll ever served.
   */
  private readonly waiting = new Set<AbortController>();
  private closing = false;
  private readonly tickets: TicketFeeds;
  private readonly reviews: PublicReviewFeeds;

  /** Long-polls currently waiting for a change (observability; lets tests know a client is listening). */
  get activeLongPolls(): number {
    return this.waiting.size;
  }

  constructor(private readonly deps: ReplicationServiceDeps) {
    this.tickets = new TicketFeeds(deps.store, deps.scopes);
    this.reviews = new PublicReviewFeeds(deps.store);
  }

  welcome(): { couchdb: 'Welcome'; contract: number; collections: CatalogueCollection[]; vendor: { name: string } } {
    return {
      couchdb: 'Welcome',
      contract: SYNC_CONTRACT_VERSION,
      collections: [...catalogueCollections],
      vendor: { name: 'poisklinik-sync-server' },
    };
  }

  /**
   * Authorisation of every write: the catalogue accepts none through replication, whoever asks. Returned (not
   * thrown) so the request hook can refuse before the body is parsed.
   */
  writeRefusal(): HttpError {
    return forbidden(READ_ONLY_REASON);
  }

  /** Ends all pending long-polls at once (server shutdown), so closing never waits out a client's timeout. */
  abortAll(): void {
    this.closing = true;
    for (const controller of this.waiting) controller.abort();
  }

  /**
   * A scope, or a user's view of a per-user collection, is served through the same rules as a whole catalogue
   * collection: only the database behind them differs.
   */
  private async db(ref: CollectionRef): Promise<StoreDatabase> {
    if (TicketFeeds.handles(ref.collection) && ref.owner === undefined) return this.tickets.database(ref);
    if (PublicReviewFeeds.handles(ref)) return this.reviews.database(ref.clinicId);
    // `/db/clinic/<clinicId>/` serves tickets and reviews only.
    if (ref.clinicId !== undefined) throw notFound('Database does not exist.');
    if (ref.owner !== undefined && ref.townId === undefined && isUserCollection(ref.collection)) {
      return new OwnedDatabase(await this.deps.store.database(ref.collection), ref.owner);
    }
    if (!isCatalogueCollection(ref.collection)) throw notFound('Database does not exist.');
    if (ref.townId !== undefined) return this.deps.scopes.database(ref.collection, ref.townId);
    return this.deps.store.database(ref.collection);
  }

  async info(ref: CollectionRef): Promise<Record<string, unknown>> {
    const info = await (await this.db(ref)).info();
    return {
      db_name: ref.collection,
      doc_count: info.docCount,
      doc_del_count: info.docDelCount,
      update_seq: info.updateSeq,
      purge_seq: 0,
      compact_running: false,
      sizes: { active: 0, external: 0, file: 0 },
      props: {},
      disk_format_version: 8,
      // PouchDB and CouchDB 2+ replicators use "0" to mean "no restart detection"; our seqs survive restarts.
      instance_start_time: '0',
    };
  }

  async changes(
    ref: CollectionRef,
    req: ChangesRequest,
  ): Promise<{ results: ChangeRow[]; last_seq: Seq; pending?: number }> {
    const db = await this.db(ref);
    // The embedded store only ever hands out numeric seqs; anything else cannot be one of ours.
    if (this.deps.store.kind === 'embedded' && typeof req.since === 'string' && req.since !== 'now') {
      throw badRequest('Invalid since: not a sequence of this server');
    }
    const cap = this.deps.longpollTimeoutMs;
    const waitMs = req.feed === 'longpoll' && !this.closing ? Math.min(req.timeoutMs ?? cap, cap) : 0;
    const controller = new AbortController();
    const onClientGone = (): void => controller.abort();
    req.signal.addEventListener('abort', onClientGone, { once: true });
    if (req.signal.aborted) controller.abort();
    if (waitMs > 0) this.waiting.add(controller);
    let result: ChangesResult;
    try {
      result = await db.changes({
        since: req.since,
        // PouchDB and CouchDB treat limit=0 as 1; mirror that rather than asking the store for nothing.
        ...(req.limit !== undefined ? { limit: Math.max(1, req.limit) } : {}),
        includeDocs: req.includeDocs,
        allLeaves: req.allLeaves,
        waitMs,
        signal: controller.signal,
      });
    } finally {
      this.waiting.delete(controller);
      req.signal.removeEventListener('abort', onClientGone);
    }
    const wanted = req.docIds ? new Set(req.docIds) : undefined;
    const results = result.results
      .filter((row) => !wanted || wanted.has(row.id))
      .map((row) => (row.doc ? { ...row, doc: shapeDoc(row.doc, { conflicts: req.conflicts }) } : row));
    return {
      results,
      last_seq: result.lastSeq,
      ...(result.pending !== undefined ? { pending: result.pending } : {}),
    };
  }

  async allDocs(
    ref: CollectionRef,
    req: AllDocsRequest,
  ): Promise<{ total_rows: number; offset: number; rows: AllDocsRow[] }> {
    const db = await this.db(ref);
    if (req.keys && (req.startkey !== undefined || req.endkey !== undefined)) {
      throw badRequest('`keys` is incompatible with `key`, `start_key` and `end_key`');
    }
    const result = await db.allDocs(req);
    const rows = result.rows.map((row) =>
      'doc' in row && row.doc ? { ...row, doc: shapeDoc(row.doc, { conflicts: req.conflicts }) } : row,
    );
    return { total_rows: result.totalRows, offset: result.offset, rows };
  }

  /** `GET /db/<c>/<id>`: one revision, or with `open_revs` the list PouchDB's replicator fetches. */
  async getDoc(ref: CollectionRef, id: string, req: GetDocRequest): Promise<unknown> {
    const db = await this.db(ref);
    if (id.startsWith('_')) throw notFound('missing');
    if (req.openRevs) return this.openRevs(db, id, req.openRevs, req.revs);
    const doc = await db.get(id, { ...(req.rev ? { rev: req.rev } : {}), revs: req.revs, conflicts: req.conflicts });
    if (!doc) throw notFound(req.rev ? 'missing' : 'missing or deleted');
    return shapeDoc(doc, req);
  }

  private async openRevs(db: StoreDatabase, id: string, openRevs: 'all' | string[], revs: boolean): Promise<unknown[]> {
    let leaves: string[];
    if (openRevs === 'all') {
      // _all_docs reports the winner even when deleted; get() adds the other live leaves.
      const row = (await db.allDocs({ keys: [id] })).rows[0];
      if (!row || !('id' in row)) throw notFound('missing');
      const winner = row.value.deleted ? null : await db.get(id, { conflicts: true });
      leaves = [row.value.rev, ...(winner?._conflicts ?? [])];
    } else {
      leaves = openRevs;
    }
    const found = await this.foundRevisions(
      db,
      leaves.map((rev) => ({ id, rev })),
      revs,
    );
    return leaves.map((rev) => {
      const doc = found.get(`${id}\n${rev}`);
      return doc ? { ok: shapeDoc(doc, { revs }) } : { missing: rev };
    });
  }

  /** Found revisions keyed by "id\nrev", whether the store groups bulkGet results per request or per id. */
  private async foundRevisions(
    db: StoreDatabase,
    requests: BulkGetRequest[],
    revs: boolean,
  ): Promise<Map<string, StoredDoc>> {
    const found = new Map<string, StoredDoc>();
    for (const result of await db.bulkGet(requests, { revs })) {
      for (const entry of result.docs) if ('ok' in entry) found.set(`${entry.ok._id}\n${entry.ok._rev}`, entry.ok);
    }
    return found;
  }

  async bulkGet(ref: CollectionRef, requests: BulkGetRequest[], revs: boolean): Promise<{ results: unknown[] }> {
    const db = await this.db(ref);
    const results = await db.bulkGet(requests, { revs });
    return {
      results: results.map((r) => ({
        id: r.id,
        docs: r.docs.map((entry) => ('ok' in entry ? { ok: shapeDoc(entry.ok, { revs }) } : entry)),
      })),
    };
  }

  /** Which of the given revisions this server lacks (read-only: it only answers, it never asks for them). */
  async revsDiff(
    ref: CollectionRef,
    request: Record<string, string[]>,
  ): Promise<Record<string, { missing: string[] }>> {
    const db = await this.db(ref);
    const asked = Object.entries(request).flatMap(([id, revs]) => revs.map((rev) => ({ id, rev })));
    const found = await this.foundRevisions(db, asked, false);
    // A Map, not an object literal: ids are client input and could be "__proto__" or "constructor".
    const answer = new Map<string, { missing: string[] }>();
    for (const { id, rev } of asked) {
      if (found.has(`${id}\n${rev}`)) continue;
      const entry = answer.get(id) ?? { missing: [] };
      entry.missing.push(rev);
      answer.set(id, entry);
    }
    return Object.fromEntries(answer);
  }

  async localDoc(ref: CollectionRef): Promise<never> {
    await this.db(ref);
    // No checkpoints are kept here: replicators keep theirs on the client (PouchDB treats this as a fresh start).
    throw notFound('missing');
  }
}
