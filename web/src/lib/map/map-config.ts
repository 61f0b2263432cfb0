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
 * Asks the server for the map configuration. `null` means the server could not be asked (offline, timeout,
 * server error): the map then says it has no basemap because of the network. An answer that is not the
 * expected JSON (an older server whose SPA fallback answers HTML) means no basemap is configured.
 */
export async function fetchMapConfig(fetchFn: typeof fetch, timeoutMs = 5_000): Promise<MapConfig | null> {
  try {
    const res = await fetchFn('/api/config', {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status >= 500) return null;
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return NO_BASEMAP;
    return parseMapConfig(await res.json().catch(() => null));
  } catch {
    return null;
  }
}
