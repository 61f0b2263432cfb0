import type { MapOptions } from 'maplibre-gl';

// MapLibre re-exports no style-spec types by name; deriving them keeps one source of truth without adding the
// style-spec package as a dependency. Type-only imports: nothing of MapLibre reaches the bundle from here.
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];

/** Ids of what this app adds to any style; prefixed so they never collide with a basemap's own. */
export const mapSources = { clinics: 'poisklinik-clinics', position: 'poisklinik-position' } as const;
export const mapLayers = {
  clusters: 'poisklinik-clusters',
  points: 'poisklinik-points',
  positionHalo: 'poisklinik-position-halo',
  position: 'poisklinik-position',
} as const;

/** Clusters group points closer than this many pixels; beyond clusterMaxZoom every clinic is drawn alone. */
export const CLUSTER_RADIUS_PX = 50;
export const CLUSTER_MAX_ZOOM = 14;

const colours = {
  background: '#e9efec',
  clinic: '#0b6e4f',
  position: '#2f6fb3',
  halo: 'rgba(47, 111, 179, 0.25)',
  outline: '#ffffff',
} as const;

/**
 * The offline style: a background and nothing else. No tiles, sprite or glyphs, so it needs no network at all —
 * which is also why cluster counts are drawn as HTML, not as a symbol layer (glyph PBFs come from a server).
 */
export function plainStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'poisklinik-plain',
    sources: {},
    layers: [{ id: 'poisklinik-background', type: 'background', paint: { 'background-color': colours.background } }],
  };
}

function dataSources(): Record<string, SourceSpecification> {
  return {
    // Starts empty: the clinics are set with setData after every style load, never embedded in the style,
    // so a style switch does not serialise 100k points through style validation and diffing.
    [mapSources.clinics]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterRadius: CLUSTER_RADIUS_PX,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
    },
    [mapSources.position]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
}

/** Cluster size and colour grow in steps with the number of clinics, readable even without the count label. */
function dataLayers(): LayerSpecification[] {
  return [
    {
      id: mapLayers.clusters,
      type: 'circle',
      source: mapSources.clinics,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['step', ['get', 'point_count'], '#3f9a72', 10, '#1f7d58', 100, '#0b6e4f', 1000, '#08513a'],
        'circle-radius': ['step', ['get', 'point_count'], 14, 10, 17, 100, 21, 1000, 26, 10000, 31],
        'circle-stroke-color': colours.outline,
        'circle-stroke-width': 2,
      },
    },
    {
      id: mapLayers.points,
      type: 'circle',
      source: mapSources.clinics,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': colours.clinic,
        'circle-radius': 7,
        'circle-stroke-color': colours.outline,
        'circle-stroke-width': 2,
      },
    },
    {
      id: mapLayers.positionHalo,
      type: 'circle',
      source: mapSources.position,
      paint: { 'circle-color': colours.halo, 'circle-radius': 16 },
    },
    {
      id: mapLayers.position,
      type: 'circle',
      source: mapSources.position,
      paint: {
        'circle-color': colours.position,
        'circle-radius': 7,
        'circle-stroke-color': colours.outline,
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** A copy of `base` with the clinic and position sources and layers on top of everything the basemap draws. */
export function withDataLayers(base: StyleSpecification): StyleSpecification {
  const ours = new Set<string>([...Object.values(mapSources), ...Object.values(mapLayers)]);
  const sources = Object.fromEntries(Object.entries(base.sources).filter(([id]) => !ours.has(id)));
  return {
    ...base,
    sources: { ...sources, ...dataSources() },
    layers: [...base.layers.filter((l) => !ours.has(l.id)), ...dataLayers()],
  };
}

/** The ids of the sources a basemap brought (so their tile errors can be told apart from ours). */
export function basemapSourceIds(style: StyleSpecification): Set<string> {
  const ours = new Set<string>(Object.values(mapSources));
  return new Set(Object.keys(style.sources).filter((id) => !ours.has(id)));
}

/**
 * Checks that a fetched basemap style looks like a MapLibre v8 style. A full validation is MapLibre's job; this
 * only keeps a wrong URL (an HTML page, an error body) from replacing a working plain map with a broken one.
 */
export function asStyle(body: unknown): StyleSpecification | null {
  if (typeof body !== 'object' || body === null) return null;
  if (!('version' in body) || body.version !== 8) return null;
  if (!('sources' in body) || typeof body.sources !== 'object' || body.sources === null) return null;
  if (!('layers' in body) || !Array.isArray(body.layers)) return null;
  return body as StyleSpecification;
}
