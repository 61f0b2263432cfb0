// Which towns a town scope covers: every town whose centre lies within SCOPE_RADIUS_KM of the chosen town's.
import { distanceMetres, SCOPE_RADIUS_KM, type GeoPoint } from '@poisklinik/shared';
import type { Seq, StoreDatabase } from '../../store/store.types';
import { notFound } from '../../http/http-error';
import { currentSeq } from '../filtered-changes';

function isPoint(v: unknown): v is GeoPoint {
  const p = v as Partial<GeoPoint> | null;
  return typeof p === 'object' && p !== null && typeof p.lat === 'number' && typeof p.lon === 'number';
}

/**
 * Town centres, reloaded only when the towns database changed (towns are ~200 small documents, edited rarely),
 * and the resulting scopes memoised per town for that version.
 */
export class ScopeTowns {
  private seq: Seq | undefined;
  private centres = new Map<string, GeoPoint>();
  private scopes = new Map<string, ReadonlySet<string>>();
  private loading: Promise<void> | undefined;

  constructor(private readonly towns: () => Promise<StoreDatabase>) {}

  /** Town ids in the scope of `townId` (itself included); 404 for a town the catalogue does not know. */
  async townsInScope(townId: string): Promise<ReadonlySet<string>> {
    await this.refresh();
    const centre = this.centres.get(townId);
    if (!centre) throw notFound(`Unknown town ${JSON.stringify(townId.slice(0, 64))}: no such sync scope`);
    let scope = this.scopes.get(townId);
    if (!scope) {
      const ids = [...this.centres].filter(([, c]) => distanceMetres(c, centre) <= SCOPE_RADIUS_KM * 1000);
      scope = new Set(ids.map(([id]) => id));
      this.scopes.set(townId, scope);
    }
    return scope;
  }

  private refresh(): Promise<void> {
    // One reload at a time: concurrent requests share it rather than each reading the towns again.
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async reload(): Promise<void> {
    const db = await this.towns();
    const seq = await currentSeq(db);
    if (this.seq !== undefined && JSON.stringify(seq) === JSON.stringify(this.seq)) return;
    const rows = (await db.allDocs({ includeDocs: true })).rows;
    const centres = new Map<string, GeoPoint>();
    for (const row of rows) {
      if ('doc' in row && row.doc && isPoint(row.doc['location'])) centres.set(row.id, row.doc['location']);
    }
    this.centres = centres;
    this.scopes = new Map();
    this.seq = seq;
  }
}
