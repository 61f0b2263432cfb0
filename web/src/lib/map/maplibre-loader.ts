// MapLibre's types use the global `GeoJSON` namespace of @types/geojson, which tsconfig's `types: ["node"]`
// does not load on its own.
/// <reference types="geojson" />
import type * as MapLibreModule from 'maplibre-gl';

export type MapLibre = typeof MapLibreModule;

let loading: Promise<MapLibre> | undefined;

/** MapLibre and its stylesheet, fetched on first use (about 300 kB gzipped) and shared by every map after. */
export function loadMapLibre(): Promise<MapLibre> {
  loading ??= import('./maplibre-runtime').then(
    (m) => m.maplibregl,
    (err: unknown) => {
      // A failed chunk fetch (offline before the service worker cached it) may succeed on the next visit.
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
