import type { CatalogueCollection } from '@poisklinik/shared';

// The time of the last successful pull lives in localStorage rather than in IndexedDB: it must be readable
// synchronously on start-up (offline too), and the `storage` event tells the other tabs when the leader tab
// has pulled.
const PREFIX = 'poisklinik:lastSyncedAt:';

export function syncTimeKey(collection: CatalogueCollection): string {
  return PREFIX + collection;
}

export function readSyncTime(collection: CatalogueCollection): Date | null {
  return parseSyncTime(localStorage.getItem(syncTimeKey(collection)));
}

export function writeSyncTime(collection: CatalogueCollection, at: Date): void {
  localStorage.setItem(syncTimeKey(collection), at.toISOString());
}

export function clearSyncTime(collection: CatalogueCollection): void {
  localStorage.removeItem(syncTimeKey(collection));
}

export function parseSyncTime(raw: string | null): Date | null {
  if (!raw) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function collectionOfKey(key: string | null): string | null {
  return key?.startsWith(PREFIX) ? key.slice(PREFIX.length) : null;
}

/** The earliest of several sync times; null when any of them is missing (that collection never synced). */
export function oldest(times: readonly (Date | null)[]): Date | null {
  let result: Date | null = null;
  for (const t of times) {
    if (t === null) return null;
    if (result === null || t < result) result = t;
  }
  return result;
}
