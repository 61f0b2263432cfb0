import type { Clinic, District, GeoPoint, Town } from '@poisklinik/shared';
import type { PositionState } from '$lib/location/position.svelte';

/** Where distances are measured from, and why; the UI always says which. */
export type SearchOrigin =
  | { readonly kind: 'position'; readonly point: GeoPoint }
  | { readonly kind: 'pin'; readonly point: GeoPoint }
  | { readonly kind: 'town'; readonly point: GeoPoint; readonly town: Town }
  | { readonly kind: 'none'; readonly point: null };

/**
 * A dropped pin outranks the device position (the user said "measure from here"); the position outranks a town
 * centre; a town centre is better than no distances at all.
 */
export function effectiveOrigin(
  position: PositionState,
  pin: GeoPoint | null,
  fallback: Town | undefined,
): SearchOrigin {
  if (pin) return { kind: 'pin', point: pin };
  if (position.kind === 'known') return { kind: 'position', point: position.point };
  if (fallback) return { kind: 'town', point: fallback.location, town: fallback };
  return { kind: 'none', point: null };
}

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
