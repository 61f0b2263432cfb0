// A town scope's read-only view of the clinics database, with the StoreDatabase interface: the replication
// service serves it exactly as it serves a whole database, so scoped and unscoped endpoints share every rule.
import type {
  AllDocsOptions,
  AllDocsResult,
  AllDocsRow,
  BulkGetRequest,
  BulkGetResult,
  ChangesOptions,
  ChangesResult,
  DatabaseInfo,
  GetOptions,
  NewDoc,
  StoredDoc,
  StoreDatabase,
  WriteResult,
} from '../../store/store.types';
import type { ClinicTownIndex } from './clinic-town-index';
import { leftScopeTombstone, mayKeep, scopedChanges, type ScopeFilter } from './scoped-changes';
import { currentSeq } from '../filtered-changes';

/**
 * An out-of-scope revision asked for by rev (a replicator following our feed, which announced it as deleted) is
 * answered as that deletion, so the feed and the documents it points to tell the same story.
 */
const asTombstone = leftScopeTombstone;

export class ScopedDatabase implements StoreDatabase {
  readonly name: string;

  constructor(
    private readonly base: StoreDatabase,
    private readonly towns: ReadonlySet<string>,
    private readonly index: ClinicTownIndex,
  ) {
    this.name = base.name;
  }

  private readonly inScope = (doc: StoredDoc): boolean => {
    const town = doc['townId'];
    return typeof town === 'string' && this.towns.has(town);
  };

  private idInScope(id: string): boolean {
    const town = this.index.town(id);
    return town !== undefined && this.towns.has(town);
  }

  /** `doc_count` = clinics in scope, which is what the app's first-sync progress divides by. */
  async info(): Promise<DatabaseInfo> {
    await this.index.refresh();
    return {
      dbName: this.name,
      docCount: this.index.count(this.towns),
      docDelCount: 0,
      updateSeq: this.index.updateSeq,
    };
  }

  async changes(options: ChangesOptions): Promise<ChangesResult> {
    const since = options.since === 'now' ? await currentSeq(this.base) : options.since;
    const scope: ScopeFilter = {
      inScope: this.inScope,
      idInScope: (id) => this.idInScope(id),
      refresh: () => this.index.refresh(),
      candidates: (from, deviceMayHaveDocs, max) =>
        this.index.rowsAfter(from, max, (id, rev, deleted) =>
          mayKeep(this.idInScope(id), rev, deleted, deviceMayHaveDocs),
        ),
    };
    return scopedChanges(this.base, scope, { ...options, since });
  }

  async get(id: string, options: GetOptions = {}): Promise<StoredDoc | null> {
    const doc = await this.base.get(id, options);
    if (!doc || doc._deleted || this.inScope(doc)) return doc;
    return options.rev ? asTombstone(doc) : null;
  }

  async bulkGet(requests: BulkGetRequest[], options: { revs?: boolean } = {}): Promise<BulkGetResult[]> {
    const results = await this.base.bulkGet(requests, options);
    return results.map((r) => ({
      id: r.id,
      docs: r.docs.map((e) => ('ok' in e && !e.ok._deleted && !this.inScope(e.ok) ? { ok: asTombstone(e.ok) } : e)),
    }));
  }

  /**
   * Same answers as the whole database restricted to the scope: asked keys outside it are `not_found`, ranges
   * skip them (and `skip`/`limit` count scope rows only). Deleted rows pass, as in the feed.
   */
  async allDocs(options: AllDocsOptions = {}): Promise<AllDocsResult> {
    await this.index.refresh();
    const totalRows = this.index.count(this.towns);
    if (options.keys) {
      const result = await this.base.allDocs(options);
      const rows = result.rows.map((row): AllDocsRow =>
        'id' in row && !row.value.deleted && !this.idInScope(row.id) ? { key: row.key, error: 'not_found' } : row,
      );
      return { totalRows, offset: 0, rows };
    }
    const { limit, skip, includeDocs, conflicts, ...range } = options;
    const ids = (await this.base.allDocs(range)).rows.flatMap((r) => ('id' in r && this.idInScope(r.id) ? [r] : []));
    const page = ids.slice(skip ?? 0, limit === undefined ? undefined : (skip ?? 0) + limit);
    if (!includeDocs || page.length === 0) return { totalRows, offset: skip ?? 0, rows: page };
    const withDocs = await this.base.allDocs({
      keys: page.map((r) => r.id),
      includeDocs,
      ...(conflicts ? { conflicts } : {}),
    });
    return { totalRows, offset: skip ?? 0, rows: withDocs.rows };
  }

  async listConflicted(): Promise<string[]> {
    await this.index.refresh();
    return (await this.base.listConflicted()).filter((id) => this.idInScope(id));
  }

  // A scope is a read-only view; the replication service refuses writes before they could get here.
  put(doc: NewDoc): Promise<WriteResult> {
    return Promise.resolve(refused(doc));
  }

  bulkDocs(docs: NewDoc[]): Promise<WriteResult[]> {
    return Promise.resolve(docs.map(refused));
  }
}

function refused(doc: NewDoc): WriteResult {
  return { ok: false, id: doc._id, error: 'forbidden', reason: 'A sync scope is read-only' };
}
