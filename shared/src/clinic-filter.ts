import type { Clinic, Ownership } from './clinic.schema';
import { distanceMetres, type GeoPoint } from './geo';

export type ClinicFilter = {
  readonly text?: string;
  readonly specialtyCode?: string;
  readonly townId?: string;
  /** Only meaningful together with townId: district ids are scoped to their town. */
  readonly districtId?: string;
  readonly ownership?: Ownership;
  readonly roundTheClockOnly?: boolean;
};

export type ClinicHit<C extends Clinic = Clinic> = { readonly clinic: C; readonly distance: number };

/** Lower-cases and folds ё→е so "Семёновская" and "семеновская" match, as Russian readers expect. */
export function normaliseText(s: string): string {
  return s.toLocaleLowerCase('ru-RU').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

export function matchesFilter(clinic: Clinic, filter: ClinicFilter): boolean {
  if (filter.townId && clinic.townId !== filter.townId) return false;
  if (filter.townId && filter.districtId && clinic.districtId !== filter.districtId) return false;
  if (filter.ownership && clinic.ownership !== filter.ownership) return false;
  if (filter.roundTheClockOnly && !clinic.roundTheClock) return false;
  if (filter.specialtyCode && !clinic.specialties.some((s) => s.code === filter.specialtyCode)) return false;
  if (filter.text) {
    const words = normaliseText(filter.text).split(' ').filter(Boolean);
    const haystack = normaliseText(`${clinic.name} ${clinic.address}`);
    if (!words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}

/** Filters and sorts by distance from origin (ties broken by name so the order is stable across reloads). */
export function filterByDistance<C extends Clinic>(
  clinics: readonly C[],
  filter: ClinicFilter,
  origin: GeoPoint,
): ClinicHit<C>[] {
  const hits: ClinicHit<C>[] = [];
  for (const clinic of clinics) {
    if (matchesFilter(clinic, filter)) hits.push({ clinic, distance: distanceMetres(origin, clinic.location) });
  }
  return hits.sort((a, b) => a.distance - b.distance || a.clinic.name.localeCompare(b.clinic.name, 'ru'));
}
