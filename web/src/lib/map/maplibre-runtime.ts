// Loaded only through `loadMapLibre()`: everything imported here lands in the map's own chunk, never in the
// first-load bundle, and the stylesheet is fetched together with it.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// MapLibre 6 looks for its worker next to its own module, which after bundling is our hashed chunk; the
// worker file is emitted as an asset of its own, so point MapLibre at it explicitly.
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
