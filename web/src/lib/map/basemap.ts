import type { MapConfig } from './map-config';
import { asStyle, plainStyle, type StyleSpecification } from './map-style';

/** Why the map is drawn on a plain background: nothing configured, or the configured basemap cannot be had. */
export type PlainReason = 'not-configured' | 'unreachable';

export type Basemap =
  | { readonly kind: 'basemap'; readonly style: StyleSpecification; readonly url: string }
  | { readonly kind: 'plain'; readonly style: StyleSpecification; readonly reason: PlainReason };

export function plainBasemap(reason: PlainReason): Basemap {
  return { kind: 'plain', style: plainStyle(), reason };
}

/**
 * Picks the style to start with. The basemap style is fetched here rather than by MapLibre so that failing to
 * get it (offline, server down, not a style) is known before the map is drawn and the plain style is used
 * straight away, instead of showing a blank map until MapLibre reports an error.
 */
export async function resolveBasemap(
  config: MapConfig | null,
  {
    fetchFn,
    online,
    baseUrl,
    timeoutMs = 8_000,
  }: {
    fetchFn: typeof fetch;
    online: boolean;
    baseUrl: string;
    timeoutMs?: number;
  },
): Promise<Basemap> {
  // Unknown configuration (the server could not be asked) is the network's fault, and the map says so.
  if (!config) return plainBasemap('unreachable');
  if (!config.mapStyleUrl) return plainBasemap('not-configured');
  // The style JSON may still sit in the HTTP cache, but its tiles would not: offline, plain is the honest map.
  if (!online) return plainBasemap('unreachable');
  try {
    const url = new URL(config.mapStyleUrl, baseUrl).href;
    const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return plainBasemap('unreachable');
    const style = asStyle(await res.json());
    return style ? { kind: 'basemap', style, url } : plainBasemap('unreachable');
  } catch {
    return plainBasemap('unreachable');
  }
}
