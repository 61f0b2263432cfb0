import type { TicketScope } from '@poisklinik/shared';

// Favourites, recently opened clinics and the time each ticket scope was last pulled live in localStorage: they
// are needed synchronously at start-up (which pulls to start, what age to show offline) and the `storage` event
// carries them to the other tabs. Favourites are a device preference, not account data.
export const FAVOURITES_KEY = 'poisklinik:tickets:favourites';
export const RECENT_KEY = 'poisklinik:tickets:recent';
const PULLED_PREFIX = 'poisklinik:tickets:pulledAt:';

/** Opened clinics whose tickets keep coming to the device, newest first; older ones stop being refreshed. */
export const MAX_RECENT_CLINICS = 10;
/** A sane bound: every favourite costs one pull on each start and reconnect. */
export const MAX_FAVOURITES = 50;

export function ticketScopeKey(scope: TicketScope): string {
  return scope.kind === 'town' ? `town:${scope.townId}` : `clinic:${scope.clinicId}`;
}

export function parseIdList(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return [...new Set(value.filter((v): v is string => typeof v === 'string' && v.length > 0))];
  } catch {
    return [];
  }
}

export function readIdList(storage: Pick<Storage, 'getItem'>, key: string): string[] {
  return parseIdList(storage.getItem(key));
}

export function writeIdList(storage: Pick<Storage, 'setItem'>, key: string, ids: readonly string[]): void {
  storage.setItem(key, JSON.stringify(ids));
}

/** Adds or removes one favourite (newest first, bounded). */
export function toggledFavourites(favourites: readonly string[], clinicId: string): string[] {
  if (favourites.includes(clinicId)) return favourites.filter((id) => id !== clinicId);
  return [clinicId, ...favourites].slice(0, MAX_FAVOURITES);
}

/** Moves an opened clinic to the front of the recent list, dropping the oldest past the bound. */
export function withRecent(recent: readonly string[], clinicId: string): string[] {
  return [clinicId, ...recent.filter((id) => id !== clinicId)].slice(0, MAX_RECENT_CLINICS);
}

/** Every clinic whose tickets and reviews the device keeps current: favourites first, each clinic once. */
export function keptClinics(favourites: readonly string[], recent: readonly string[]): string[] {
  return [...new Set([...favourites, ...recent])];
}

export function readPulledAt(storage: Pick<Storage, 'getItem'>, scope: TicketScope): Date | null {
  const raw = storage.getItem(PULLED_PREFIX + ticketScopeKey(scope));
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `at`: epoch milliseconds of the moment the pulled state was current on the server. */
export function writePulledAt(storage: Pick<Storage, 'setItem'>, scope: TicketScope, at: number): void {
  storage.setItem(PULLED_PREFIX + ticketScopeKey(scope), new Date(at).toISOString());
}

export function isPulledAtKey(key: string | null): boolean {
  return key?.startsWith(PULLED_PREFIX) ?? false;
}
