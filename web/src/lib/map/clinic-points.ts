import type { GeoPoint } from '@poisklinik/shared';

/** The little a clinic needs to be drawn: works for catalogue clinics and for search hits joined to them. */
export type MappableClinic = { readonly id: string; readonly location: GeoPoint };

export type PointFeature<P> = {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
};
export type PointCollection<P> = { type: 'FeatureCollection'; features: PointFeature<P>[] };

export type ClinicPointProps = { id: string };

/** West, south, east, north in degrees. */
export type Bounds = readonly [west: number, south: number, east: number, north: number];

function point<P>(at: GeoPoint, properties: P): PointFeature<P> {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [at.lon, at.lat] }, properties };
}

/**
 * One GeoJSON point per clinic, carrying only the id: the map source is rebuilt once per result change and
 * copied to MapLibre's worker, so every extra property costs time and memory at 100k clinics.
 */
export function clinicPoints(clinics: readonly MappableClinic[]): PointCollection<ClinicPointProps> {
  const features = new Array<PointFeature<ClinicPointProps>>(clinics.length);
  for (let i = 0; i < clinics.length; i++) {
    const c = clinics[i]!;
    features[i] = point(c.location, { id: c.id });
  }
  return { type: 'FeatureCollection', features };
}

/** The device position as a one-point (or empty) collection, so its layer is just another source. */
export function positionPoint(at: GeoPoint | null): PointCollection<Record<string, never>> {
  return { type: 'FeatureCollection', features: at ? [point(at, {})] : [] };
}

/** The box around the given points, or null when there are none (nothing to fit the camera to). */
export function pointsBounds(points: Iterable<GeoPoint>): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const p of points) {
    if (p.lon < west) west = p.lon;
    if (p.lon > east) east = p.lon;
    if (p.lat < south) south = p.lat;
    if (p.lat > north) north = p.lat;
  }
  return west <= east ? [west, south, east, north] : null;
}

/** Which clinics are where, regardless of order. */
export type ClinicSet = ReadonlyMap<string, GeoPoint>;

export function clinicSet(clinics: readonly MappableClinic[]): ClinicSet {
  return new Map(clinics.map((c) => [c.id, c.location]));
}

/**
 * Whether `clinics` are exactly the clinics of `set`, at the same places, in any order. The map does not care
 * about ranking, and a re-ranked result (a moved pin, a new position, the clock ticking for "open now") must not
 * re-upload and re-cluster 100k points when the set drawn has not changed.
 */
export function sameClinicSet(set: ClinicSet, clinics: readonly MappableClinic[]): boolean {
  if (set.size !== clinics.length) return false;
  for (const c of clinics) {
    const at = set.get(c.id);
    if (!at || at.lat !== c.location.lat || at.lon !== c.location.lon) return false;
  }
  return true;
}
