import {
  buildSearchIndex,
  ClinicSearchIndex,
  restoreSearchIndex,
  SEARCH_INDEX_FORMAT_VERSION,
  serializeSearchIndex,
  type Clinic,
  type GeoPoint,
  type SearchHit,
  type SearchIndex,
  type SerializedSearchIndex,
  type Specialty,
  type Town,
} from '@poisklinik/shared';
import type { ClinicSearchHit, ClinicSearchParams, ClinicSearchResult } from './clinic-search.types';

/**
 * The one place that knows which search implementation answers queries: the shared country-scale engine
 * (`shared/src/search`). Everything else in the app sees ClinicIndex and ClinicSearchResult only.
 */
export const SEARCH_INDEX_FORMAT = `engine-${SEARCH_INDEX_FORMAT_VERSION}`;

/** A structured-cloneable snapshot of an index, as stored in IndexedDB. */
export type SerializedClinicIndex = { readonly format: string; readonly data: unknown };

/** What the filter controls need to know about the whole catalogue (not about one query). */
export type CatalogueFacets = {
  /** Specialty codes offered by at least one clinic: the filter never offers a choice with no results. */
  readonly specialtyCodes: ReadonlySet<string>;
  /** Some clinic has a rating: only then is a minimum-rating filter worth showing. */
  readonly rated: boolean;
};

export interface ClinicIndex {
  readonly size: number;
  upsert(clinic: Clinic): void;
  remove(id: string): void;
  search(params: ClinicSearchParams): ClinicSearchResult;
  facets(): CatalogueFacets;
  /** Folds incremental changes into the compact form when they have piled up; call between queries. */
  tidy(): void;
  serialize(): SerializedClinicIndex;
}

/** Hits computed eagerly per query: a screenful and then some; later pages come from the engine's slice. */
const FIRST_PAGE = 100;
/** Compact once this many changes sit in the engine's overlay, or a quarter of the index, whichever is more. */
const MIN_COMPACT_CHANGES = 1_000;

class EngineIndex implements ClinicIndex {
  readonly #engine: SearchIndex;
  /**
   * Locations of clinics upserted since the last compaction: the engine keeps coordinates of its compact part
   * in columns, but a map needs each hit's point, and overlay slots are not in those columns.
   */
  readonly #recent = new Map<string, GeoPoint>();

  constructor(engine: SearchIndex) {
    this.#engine = engine;
  }

  get size(): number {
    return this.#engine.size;
  }

  upsert(clinic: Clinic): void {
    this.#engine.upsert(clinic);
    this.#recent.set(clinic.id, clinic.location);
  }

  remove(id: string): void {
    this.#engine.remove(id);
  }

  tidy(): void {
    // Geometric threshold: a first sync of 100k clinics compacts a few dozen times, not a hundred.
    if (this.#engine.pendingChanges < Math.max(MIN_COMPACT_CHANGES, this.#engine.size / 4)) return;
    this.#engine.compact();
    this.#recent.clear();
  }

  search(params: ClinicSearchParams): ClinicSearchResult {
    const result = this.#engine.search({ ...params, limit: FIRST_PAGE });
    const hasOrigin = params.origin !== undefined;
    const toHit = (h: SearchHit): ClinicSearchHit => ({
      id: h.id,
      location: this.#location(h),
      distance: hasOrigin && Number.isFinite(h.distance) ? h.distance : null,
      score: h.score,
    });
    return { total: result.total, slice: (start, end) => result.slice(start, end).map(toHit) };
  }

  #location(hit: SearchHit): GeoPoint {
    const recent = this.#recent.get(hit.id);
    if (recent) return recent;
    const engine = this.#engine;
    if (engine instanceof ClinicSearchIndex) {
      const { core } = engine;
      if (hit.index < core.n) return { lat: core.lat[hit.index] ?? NaN, lon: core.lon[hit.index] ?? NaN };
    }
    return { lat: NaN, lon: NaN };
  }

  facets(): CatalogueFacets {
    const engine = this.#engine;
    if (engine instanceof ClinicSearchIndex) {
      // Read straight from the columns: a query per specialty costs ~10 ms each at 100k and would hold up the
      // first paint. Clinics still in the overlay are left out until the next compaction (a few seconds).
      const { specCodes, specDocOff, rating } = engine.core;
      const specialtyCodes = new Set<string>();
      specCodes.forEach((code, i) => {
        if ((specDocOff[i + 1] ?? 0) > (specDocOff[i] ?? 0)) specialtyCodes.add(code);
      });
      // The columns miss clinics upserted since the last compaction: a clinic whose first review arrived with the
      // live pull sits in the overlay, and the filter must appear for it; a query sees the overlay too.
      const rated =
        rating.some((r) => !Number.isNaN(r)) ||
        (engine.pendingChanges > 0 && engine.search({ minRating: 0, sort: 'distance', limit: 0 }).total > 0);
      return { specialtyCodes, rated };
    }
    // Not built by buildSearchIndex (never, today): offer every specialty; "at least 0" counts rated clinics.
    return {
      specialtyCodes: new Set<string>(),
      rated: engine.search({ minRating: 0, sort: 'distance', limit: 0 }).total > 0,
    };
  }

  serialize(): SerializedClinicIndex {
    return { format: SEARCH_INDEX_FORMAT, data: serializeSearchIndex(this.#engine) };
  }
}

/** An empty index that knows the towns (names, time zones) and specialties (names, synonyms) to search by. */
export function createClinicIndex(towns: readonly Town[], specialties: readonly Specialty[]): ClinicIndex {
  return new EngineIndex(buildSearchIndex({ clinics: [], towns, specialties }));
}

/** Null when the snapshot was written by another index format: the caller rebuilds from the documents. */
export function restoreClinicIndex(saved: SerializedClinicIndex): ClinicIndex | null {
  if (saved.format !== SEARCH_INDEX_FORMAT) return null;
  try {
    // Written by serializeSearchIndex of this very format version (checked above).
    return new EngineIndex(restoreSearchIndex(saved.data as SerializedSearchIndex));
  } catch {
    return null;
  }
}
