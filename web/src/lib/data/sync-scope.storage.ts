import { distanceMetres, type GeoPoint, type SyncScope, type Town } from '@poisklinik/shared';

// The scope lives in localStorage: it is needed synchronously before the database opens (it decides which
// replication URL to start and which saved index is valid), and the `storage` event tells other tabs.
export const SCOPE_STORAGE_KEY = 'poisklinik:syncScope';

/** The town suggested on first run when the position is unknown: the demo and pilot region's capital. */
export const DEFAULT_SCOPE_TOWN_ID = 'kaluga';

/** A stable string for a scope: keys the saved index and compares scopes. */
export function scopeKey(scope: SyncScope): string {
  return scope.kind === 'town' ? `town:${scope.townId}` : 'country';
}

export function parseScope(raw: string | null): SyncScope | null {
  if (!raw) return null;
  if (raw === 'country') return { kind: 'country' };
  const m = /^town:(.+)$/.exec(raw);
  return m?.[1] ? { kind: 'town', townId: m[1] } : null;
}

export function readScope(storage: Pick<Storage, 'getItem'>): SyncScope | null {
  return parseScope(storage.getItem(SCOPE_STORAGE_KEY));
}

export function writeScope(storage: Pick<Storage, 'setItem'>, scope: SyncScope): void {
  storage.setItem(SCOPE_STORAGE_KEY, scopeKey(scope));
}

/** The town whose centre is nearest to a point; undefined without towns. */
export function nearestTown(towns: readonly Town[], point: GeoPoint): Town | undefined {
  let best: Town | undefined;
  let bestDistance = Infinity;
  for (const town of towns) {
    const d = distanceMetres(point, town.location);
    if (d < bestDistance) {
      best = town;
      bestDistance = d;
    }
  }
  return best;
}

/** First-run suggestion: the town nearest to the user, else the default town (if the catalogue has it). */
export function suggestedScopeTown(towns: readonly Town[], position: GeoPoint | null): Town | undefined {
  if (position) {
    const near = nearestTown(towns, position);
    if (near) return near;
  }
  return towns.find((t) => t.id === DEFAULT_SCOPE_TOWN_ID) ?? towns[0];
}
