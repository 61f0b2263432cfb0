import { filterByDistance, isOpenAt, type Clinic } from '@poisklinik/shared';
import type { ClinicSearchHit, ClinicSearchParams, ClinicSearchResult } from './clinic-search.types';

/**
 * The one place that knows which search implementation answers queries. Until the shared country-scale engine
 * lands this scans with `filterByDistance`; swapping the engine in changes only this module.
 */
export function searchClinics(
  clinics: readonly Clinic[],
  timezoneOf: (townId: string) => string | undefined,
  params: ClinicSearchParams,
): ClinicSearchResult {
  const origin = params.origin ?? { lat: 0, lon: 0 };
  const found = filterByDistance(clinics, params, origin).filter(({ clinic }) => {
    if (params.minRating !== undefined && ratingOf(clinic) < params.minRating) return false;
    if (!params.openAt) return true;
    const tz = timezoneOf(clinic.townId);
    return tz !== undefined && isOpenAt(clinic, tz, params.openAt);
  });
  const hits: ClinicSearchHit[] = found.map(({ clinic, distance }) => ({
    id: clinic.id,
    location: clinic.location,
    distance: params.origin ? distance : null,
    score: 0,
  }));
  return { total: hits.length, slice: (start, end) => hits.slice(start, end) };
}

/** Ratings are optional in the data; a clinic without one never passes a minimum. */
export function ratingOf(clinic: Clinic): number {
  return 'rating' in clinic && typeof clinic.rating === 'number' ? clinic.rating : 0;
}
