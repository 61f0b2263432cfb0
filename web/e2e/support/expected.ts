import { distanceMetres, distanceParts, type Clinic, type GeoPoint, type WireDoc } from '@poisklinik/shared';

export type StoredClinic = WireDoc<Clinic> & { _id: string };

/** Clinic names in the order a user should see them: nearest first, ties by name. */
export function expectedOrder(clinics: readonly StoredClinic[], from: GeoPoint): string[] {
  return clinics
    .map((c) => ({ name: c.name, d: distanceMetres(from, c.location) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name, 'ru'))
    .map((c) => c.name);
}

/** The distance text a Russian reader should see, e.g. "2,3 км" (with a no-break space). */
export function expectedDistanceText(from: GeoPoint, to: GeoPoint): string {
  const { value, unit } = distanceParts(distanceMetres(from, to));
  const number = new Intl.NumberFormat('ru', { maximumFractionDigits: unit === 'km' ? 1 : 0 }).format(value);
  return `${number}\u00a0${unit === 'km' ? 'км' : 'м'}`;
}

/** ISO weekday (1 = Monday) now in a time zone. */
export function weekdayIn(timeZone: string, at = new Date()): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(at);
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}
