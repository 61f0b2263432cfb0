import type { GeoPoint, Ownership } from '@poisklinik/shared';

export type SearchSort = 'distance' | 'relevance';

/** What the search index is asked; mirrors the shared search engine's query so the switch stays mechanical. */
export type ClinicSearchParams = {
  readonly text?: string;
  readonly specialtyCode?: string;
  readonly townId?: string;
  readonly districtId?: string;
  readonly ownership?: Ownership;
  readonly roundTheClockOnly?: boolean;
  /** Only clinics open at this instant (each in its own town's time zone). */
  readonly openAt?: Date;
  readonly minRating?: number;
  readonly origin?: GeoPoint;
  readonly sort: SearchSort;
};

/** One match: enough to place it on a map and rank it; details are read by id when a row is shown. */
export type ClinicSearchHit = {
  readonly id: string;
  readonly location: GeoPoint;
  /** Metres from the query's origin; null when the query had none. */
  readonly distance: number | null;
  /** Relevance of the text match (higher is better); 0 without text. */
  readonly score: number;
};

/**
 * A search answer. `slice` materialises only the hits asked for, so a list of 100 000 matches costs a page of
 * objects, not 100 000.
 */
export type ClinicSearchResult = {
  readonly total: number;
  slice(start: number, end: number): readonly ClinicSearchHit[];
};

export const emptySearchResult: ClinicSearchResult = { total: 0, slice: () => [] };
