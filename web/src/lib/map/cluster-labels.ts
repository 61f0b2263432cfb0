import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { MapLibre } from './maplibre-loader';
import { mapSources } from './map-style';

type Label = { marker: Marker; count: number; lng: number; lat: number };

/** Labels are refreshed at most this often while the map moves; the circles themselves are drawn by WebGL. */
const REFRESH_MS = 120;

/**
 * Cluster counts as small HTML labels over the cluster circles. A symbol layer would need glyphs from a server,
 * which the offline plain style does not have; HTML text needs nothing. Only clusters in loaded tiles get a
 * label, capped, so the DOM stays small however many clinics there are.
 */
export class ClusterLabels {
  readonly #labels = new Map<number, Label>();
  #lastRefresh = 0;

  constructor(
    private readonly lib: MapLibre,
    private readonly map: MapLibreMap,
    private readonly text: (count: number) => { label: string; title: string },
    private readonly limit = 250,
  ) {}

  /** Called on every render; does the work at most every REFRESH_MS. */
  onRender(): void {
    const now = performance.now();
    if (now - this.#lastRefresh < REFRESH_MS) return;
    this.refresh();
  }

  refresh(): void {
    this.#lastRefresh = performance.now();
    const map = this.map;
    if (!map.getSource(mapSources.clinics) || !map.isSourceLoaded(mapSources.clinics)) return;
    const seen = new Set<number>();
    for (const f of map.querySourceFeatures(mapSources.clinics, { filter: ['has', 'point_count'] })) {
      const id: unknown = f.properties['cluster_id'];
      const count: unknown = f.properties['point_count'];
      if (typeof id !== 'number' || typeof count !== 'number' || f.geometry.type !== 'Point') continue;
      if (seen.has(id)) continue; // a cluster near a tile edge is in both tiles
      if (seen.size >= this.limit) break;
      seen.add(id);
      const [lng, lat] = f.geometry.coordinates;
      if (lng === undefined || lat === undefined) continue;
      this.#place(id, count, lng, lat);
    }
    for (const [id, label] of this.#labels) {
      if (!seen.has(id)) {
        label.marker.remove();
        this.#labels.delete(id);
      }
    }
  }

  #place(id: number, count: number, lng: number, lat: number): void {
    const existing = this.#labels.get(id);
    // Cluster ids are reused after the data changes, so an existing label may need a new place or number.
    if (existing) {
      if (existing.lng !== lng || existing.lat !== lat) existing.marker.setLngLat([lng, lat]);
      if (existing.count !== count) this.#write(existing.marker.getElement(), count);
      Object.assign(existing, { count, lng, lat });
      return;
    }
    const element = document.createElement('span');
    element.className = 'poisklinik-cluster-label';
    element.dataset['testid'] = 'map-cluster-label';
    this.#write(element, count);
    const marker = new this.lib.Marker({ element, anchor: 'center' }).setLngLat([lng, lat]).addTo(this.map);
    this.#labels.set(id, { marker, count, lng, lat });
  }

  #write(element: HTMLElement, count: number): void {
    const { label, title } = this.text(count);
    element.textContent = label;
    element.title = title;
    element.dataset['count'] = String(count);
  }

  /** Labels for another data set or style would be wrong until the next refresh: drop them now. */
  clear(): void {
    for (const label of this.#labels.values()) label.marker.remove();
    this.#labels.clear();
  }
}

/** "7", "950", "1,2k", "12k", "120k": short enough for the smallest circle, exact where it matters. */
export function shortCount(count: number, locale: string): string {
  if (count < 1000) return String(count);
  const thousands = count / 1000;
  const digits = thousands < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(Math.floor(thousands * 10 ** digits) / 10 ** digits)}k`;
}
