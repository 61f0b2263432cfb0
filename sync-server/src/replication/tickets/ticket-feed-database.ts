// One ticket feed's read-only view of the `tickets` database (a clinic's, or a town scope's), with the
// StoreDatabase interface: the replication service serves it exactly as it serves a catalogue database, so every
// CouchDB read endpoint behaves the same. Nothing leaves it with `bookingId`.
import type {
  AllDocsOptions,
  AllDocsResult,
  AllDocsRow,
  BulkGetRequest,
  BulkGetResult,
  ChangeRow,
  ChangesOptions,
  ChangesResult,
  DatabaseInfo,
  GetOptions,
  NewDoc,
  StoreDatabase,
  StoredDoc,
  WriteResult,
} from '../../store/store.types';
import { currentBodies, currentSeq, filteredChanges } from '../filtered-changes';
import { bareDeletionInView, inView, publicTicket, viewRange, type TicketView } from './ticket-view';

const PAGE = 1000;

export class TicketFeedDatabase implements StoreDatabase {
  readonly name: string;

  constructor(
    private readonly base: StoreDatabase,
    private readonly view: TicketView,
  ) {
    this.name = base.name;
  }

  /** A document this feed shows: a ticket in view, or a deletion it cannot place (see `bareDeletionInView`). */
  private visible(doc: StoredDoc): boolean {
    if (typeof doc.clinicId === 'string' || typeof doc.townId === 'string') return inView(this.view, doc);
    return doc._deleted === true && bareDeletionInView(this.view, doc._id);
  }

  async info(): Promise<DatabaseInfo> {
    const [updateSeq, docCount] = await Promise.all([currentSeq(this.base), this.countInView()]);
    return { dbName: this.name, docCount, docDelCount: 0, updateSeq };
  }

  changes(options: ChangesOptions): Promise<ChangesResult> {
    const run = async (): Promise<ChangesResult> => {
      const since = options.since === 'now' ? await currentSeq(this.base) : options.since;
      return filteredChanges(
        this.base,
        { decide: (rows, includeDocs, mayHave) => this.decide(rows, includeDocs, mayHave) },
        { ...options, since },
      );
    };
    return run();
  }

  /**
   * Rows whose current body is in view, with that body (CouchDB's `include_docs` sends the newest); deletions
   * only to a device that may hold tickets (not on a pull from 0), placed by the tombstone's last body.
   */
  private async decide(
    rows: ChangeRow[],
    includeDocs: boolean,
    deviceMayHaveDocs: boolean,
  ): Promise<(ChangeRow | null)[]> {
    const bodies = await currentBodies(
      this.base,
      rows.map((r) => r.id),
    );
    const deleted = [...bodies.values()].filter((d) => d._deleted);
    const tombstones = new Map<string, StoredDoc>();
    if (deviceMayHaveDocs && deleted.length > 0) {
      for (const result of await this.base.bulkGet(deleted.map((d) => ({ id: d._id, rev: d._rev })))) {
        for (const entry of result.docs) if ('ok' in entry) tombstones.set(entry.ok._id, entry.ok);
      }
    }
    return rows.map((row) => {
      const current = bodies.get(row.id);
      if (!current) return null;
      if (current._deleted && !deviceMayHaveDocs) return null;
      const doc = current._deleted ? (tombstones.get(row.id) ?? current) : current;
      if (!this.visible(doc)) return null;
      const kept: ChangeRow = { ...row, ...(current._deleted ? { deleted: true } : {}) };
      return includeDocs ? { ...kept, doc: publicTicket(doc) } : kept;
    });
  }

  async get(id: string, options: GetOptions = {}): Promise<StoredDoc | null> {
    const doc = await this.base.get(id, options);
    return doc && this.visible(doc) ? publicTicket(doc) : null;
  }

  async bulkGet(requests: BulkGetRequest[], options: { revs?: boolean } = {}): Promise<BulkGetResult[]> {
    const results = await this.base.bulkGet(requests, options);
    return results.map((r) => ({
      id: r.id,
      docs: r.docs.map((e) => {
        if (!('ok' in e)) return e;
        if (this.visible(e.ok)) return { ok: publicTicket(e.ok) };
        const rev = e.ok._rev;
        return { error: { id: r.id, rev, error: 'not_found', reason: 'missing' } };
      }),
    }));
  }

  /** The whole database's answers restricted to the view: keys outside it are `not_found`, ranges skip them. */
  async allDocs(options: AllDocsOptions = {}): Promise<AllDocsResult> {
    const totalRows = await this.countInView();
    const { keys, includeDocs, conflicts, skip, limit, ...range } = options;
    if (keys) {
      const found = await this.base.allDocs({ keys, includeDocs: true, ...(conflicts ? { conflicts } : {}) });
      const rows = found.rows.map((row): AllDocsRow => {
        if (!('id' in row) || row.value.deleted) return row;
        if (!row.doc || !this.visible(row.doc)) return { key: row.key, error: 'not_found' };
        return this.shapeRow(row, includeDocs === true);
      });
      return { totalRows, offset: 0, rows };
    }
    const wanted = limit === undefined ? Number.POSITIVE_INFINITY : (skip ?? 0) + limit;
    const inRange: AllDocsRow[] = [];
    const hasRange = range.startkey !== undefined || range.endkey !== undefined;
    for await (const row of this.scan({ ...(hasRange ? {} : viewRange(this.view)), ...range }, conflicts === true)) {
      inRange.push(this.shapeRow(row, includeDocs === true));
      if (inRange.length >= wanted) break;
    }
    return { totalRows, offset: skip ?? 0, rows: inRange.slice(skip ?? 0) };
  }

  private shapeRow(row: AllDocsRow, includeDocs: boolean): AllDocsRow {
    if (!('id' in row)) return row;
    const { doc, ...rest } = row;
    return includeDocs && doc ? { ...rest, doc: publicTicket(doc) } : rest;
  }

  /** Live rows in view over a range, a page at a time (memory bounded by the page, not the database). */
  private async *scan(range: AllDocsOptions, conflicts: boolean): AsyncGenerator<AllDocsRow & { id: string }> {
    let after: string | undefined;
    for (;;) {
      const page = await this.base.allDocs({
        ...range,
        includeDocs: true,
        ...(conflicts ? { conflicts } : {}),
        limit: PAGE,
        ...(after === undefined ? {} : { startkey: after, skip: 1 }),
      });
      for (const row of page.rows) {
        if ('id' in row && row.doc && this.visible(row.doc)) yield row;
      }
      const last = page.rows.at(-1);
      if (!last || page.rows.length < PAGE) return;
      after = last.key;
    }
  }

  private async countInView(): Promise<number> {
    let n = 0;
    for await (const _row of this.scan(viewRange(this.view), false)) n += 1;
    return n;
  }

  async listConflicted(): Promise<string[]> {
    const ids = await this.base.listConflicted();
    const docs = await currentBodies(this.base, ids);
    return ids.filter((id) => {
      const doc = docs.get(id);
      return doc !== undefined && this.visible(doc);
    });
  }

  // A feed is a read-only view; the replication hooks refuse writes before they could get here.
  put(doc: NewDoc): Promise<WriteResult> {
    return Promise.resolve(refused(doc));
  }

  bulkDocs(docs: NewDoc[]): Promise<WriteResult[]> {
    return Promise.resolve(docs.map(refused));
  }
}

function refused(doc: NewDoc): WriteResult {
  return { ok: false, id: doc._id, error: 'forbidden', reason: 'Tickets are read-only for clients' };
}
