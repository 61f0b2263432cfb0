export type GeoPoint = { readonly lat: number; readonly lon: number };

const EARTH_RADIUS_M = 6_371_008.8; // mean Earth radius (IUGG)
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine); accurate to ~0.5 % which is plenty for "nearest clinic". */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type DistanceParts = { readonly value: number; readonly unit: 'm' | 'km' };

/**
 * Rounds a distance the way people read it: whole metres up to 1 km (10 m steps), then km with one decimal
 * below 10 km and whole km beyond. Units are returned separately so the UI can localise them.
 */
export function distanceParts(metres: number): DistanceParts {
  if (metres < 1000) return { value: Math.max(0, Math.round(metres / 10) * 10), unit: 'm' };
  if (metres < 10_000) return { value: Math.round(metres / 100) / 10, unit: 'km' };
  return { value: Math.round(metres / 1000), unit: 'km' };
}
