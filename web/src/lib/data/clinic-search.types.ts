import type { GeoPoint, SearchQuery, SearchSort } from '@poisklinik/shared';

export type { SearchSort };

/** What the search index is asked: the shared engine's query; the page size is the adapter's business. */
export type ClinicSearchParams = Omit<SearchQuery, 'limit'>;

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
