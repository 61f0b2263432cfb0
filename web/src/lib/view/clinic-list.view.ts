import type { Clinic, District, GeoPoint, Town } from '@poisklinik/shared';
import type { PositionState } from '$lib/location/position.svelte';

export type DistanceOrigin =
  | { readonly kind: 'position'; readonly point: GeoPoint }
  | { readonly kind: 'town'; readonly point: GeoPoint; readonly town: Town }
  | { readonly kind: 'none' };

/**
 * The town whose centre is used when the browser's position is not known: the selected town, otherwise the
 * town with the most clinics (the one the user most likely lives in), ties broken by name.
 */
export function fallbackTown(
  towns: readonly Town[],
  clinics: readonly Clinic[],
  selectedTownId: string,
): Town | undefined {
  const selected = towns.find((t) => t.id === selectedTownId);
  if (selected) return selected;
  const counts = new Map<string, number>();
  for (const c of clinics) counts.set(c.townId, (counts.get(c.townId) ?? 0) + 1);
  return [...towns].sort(
    (a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.name.localeCompare(b.name, 'ru'),
  )[0];
}

/** Where distances are measured from: the user's position when known, else a town centre. */
export function distanceOrigin(
  position: PositionState,
  towns: readonly Town[],
  clinics: readonly Clinic[],
  selectedTownId: string,
): DistanceOrigin {
  if (position.kind === 'known') return { kind: 'position', point: position.point };
  const town = fallbackTown(towns, clinics, selectedTownId);
  return town ? { kind: 'town', point: town.location, town } : { kind: 'none' };
}

/** District options of the selected town, alphabetically; none when no town is selected. */
export function districtOptions(towns: readonly Town[], townId: string): readonly District[] {
  const town = towns.find((t) => t.id === townId);
  return town ? [...town.districts].sort((a, b) => a.name.localeCompare(b.name, 'ru')) : [];
}

/** Specialties offered by at least one clinic, so the filter never offers a choice with no results. */
export function offeredSpecialtyCodes(clinics: readonly Clinic[]): Set<string> {
  const codes = new Set<string>();
  for (const c of clinics) for (const s of c.specialties) codes.add(s.code);
  return codes;
}
