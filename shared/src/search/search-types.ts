import type { Clinic, Ownership } from '../clinic.schema';
import type { GeoPoint } from '../geo';

/** What the index accepts: a clinic (server-maintained `updatedAt` optional) with an optional rating. */
export type ClinicLike = Omit<Clinic, 'updatedAt'> & { readonly updatedAt?: string; readonly rating?: number };

export type SearchSort = 'distance' | 'relevance';

export type SearchQuery = {
  readonly text?: string;
  readonly specialtyCode?: string;
  readonly townId?: string;
  /** Only meaningful together with townId: district ids are scoped to their town. */
  readonly districtId?: string;
  readonly ownership?: Ownership;
  readonly roundTheClockOnly?: boolean;
  /** Keep only clinics open at this instant, judged in each clinic's own town time zone. */
  readonly openAt?: Date;
  /** Clinics without a rating are excluded when set. */
  readonly minRating?: number;
  readonly origin?: GeoPoint;
  readonly sort: SearchSort;
  readonly limit: number;
};

export type SearchHit = {
  readonly id: string;
  /** Slot in the index (see `idAt`); valid until the next `compact()`. */
  readonly index: number;
  /** Metres from the query origin; NaN without an origin. */
  readonly distance: number;
  /** Text relevance; 0 without text. */
  readonly score: number;
};

export type SearchResult = {
  readonly total: number;
  /** The first `limit` hits. */
  readonly hits: readonly SearchHit[];
  /** Hits [start, end) of the full order, computed on first need and cached (for a virtual list). */
  slice(start: number, end: number): readonly SearchHit[];
};
