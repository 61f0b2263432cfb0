/** What the map needs from the sync server's runtime configuration (`GET /api/config`). */
export type MapConfig = { readonly mapStyleUrl: string | null };

const NO_BASEMAP: MapConfig = { mapStyleUrl: null };

/**
 * Reads `{ mapStyleUrl }` from an untrusted JSON body. Anything unexpected means "no basemap": the map must
 * still work on a plain background, so a bad answer is never an error.
 */
export function parseMapConfig(body: unknown): MapConfig {
  if (typeof body !== 'object' || body === null || !('mapStyleUrl' in body)) return NO_BASEMAP;
  const url = body.mapStyleUrl;
  if (typeof url !== 'string' || url.trim() === '') return NO_BASEMAP;
  return { mapStyleUrl: url.trim() };
}

/**
 * Asks the server for the map configuration. Offline, an older server without the endpoint (its SPA fallback
 * answers HTML) or a slow network all resolve to "no basemap" rather than keeping the map blank.
 */
export async function fetchMapConfig(fetchFn: typeof fetch, timeoutMs = 5_000): Promise<MapConfig> {
  try {
    const res = await fetchFn('/api/config', {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return NO_BASEMAP;
    return parseMapConfig(await res.json());
  } catch {
    return NO_BASEMAP;
  }
}
