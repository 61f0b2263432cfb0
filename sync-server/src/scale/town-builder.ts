import type { District, GeoPoint, Town } from '@poisklinik/shared';
import { russianTowns, townDistricts, type DistrictRow } from './russian-towns.data';

/** A town as the dataset file holds it (the server adds `updatedAt` on import). */
export type TownEntity = Omit<Town, 'updatedAt'>;

/** A town plus what the clinic generator needs to know about it. */
export type ScaleTown = { entity: TownEntity; populationK: number; areaCode: string };

const KM_PER_DEG_LAT = 111.2;

/** A point `dxKm` east and `dyKm` north of `from` (flat-earth offset: exact enough within a town). */
export function offsetKm(from: GeoPoint, dxKm: number, dyKm: number): { lat: number; lon: number } {
  const lat = from.lat + dyKm / KM_PER_DEG_LAT;
  const lon = from.lon + dxKm / (KM_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180));
  return { lat: round5(lat), lon: round5(lon) };
}

/** Five decimals ≈ 1 m: plenty for a clinic's entrance, and it keeps the files small and stable. */
export function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * Districts without a known centre are laid out around the town centre: the first (central) one near it, the
 * others on a ring whose radius grows with the town. Fixed, not seeded, so `towns.json` is the same for every
 * seed and datasets of different seeds can share a store.
 */
function placeDistricts(centre: GeoPoint, populationK: number, rows: readonly DistrictRow[]): District[] {
  const ringKm = Math.min(9, 2.5 + Math.sqrt(populationK) / 8);
  const others = Math.max(1, rows.length - 1);
  return rows.map(([id, name, lat, lon], i) => {
    if (lat !== undefined && lon !== undefined) return { id, name, location: { lat, lon } };
    if (i === 0) return { id, name, location: offsetKm(centre, 0.4, 0.3) };
    const angle = ((i - 1) / others) * 2 * Math.PI + 0.35;
    const radius = ringKm * (0.75 + 0.25 * (i % 3));
    return { id, name, location: offsetKm(centre, radius * Math.cos(angle), radius * Math.sin(angle)) };
  });
}

export function buildTowns(): ScaleTown[] {
  return russianTowns.map(([id, name, region, lat, lon, timezone, populationK, areaCode]) => ({
    entity: {
      id,
      name,
      region,
      location: { lat, lon },
      timezone,
      districts: placeDistricts({ lat, lon }, populationK, townDistricts[id] ?? []),
    },
    populationK,
    areaCode,
  }));
}
