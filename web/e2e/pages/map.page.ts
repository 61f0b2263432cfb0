import type { Locator, Page } from 'playwright-core';
import type { GeoPoint } from '@poisklinik/shared';

export type Rendered = { clusters: number; points: number; clinics: number; position: number };
export type MapView = { zoom: number; west: number; south: number; east: number; north: number };
export type Pixel = { x: number; y: number };

const mercatorY = (lat: number): number => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * The map at `/map`. Everything is read from what the map component publishes on its container after each
 * `idle` (rendered feature counts, zoom, visible bounds) and driven by real mouse input on the canvas; no test
 * hook reaches into MapLibre.
 */
export class MapPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/map`);
  }

  get map(): Locator {
    return this.page.getByTestId('clinic-map');
  }

  get canvas(): Locator {
    return this.map.locator('canvas.maplibregl-canvas');
  }

  get basemapNote(): Locator {
    return this.page.getByTestId('map-basemap-note');
  }

  get pinMarker(): Locator {
    return this.page.getByTestId('map-pin');
  }

  get clearPin(): Locator {
    return this.page.getByTestId('map-pin-clear');
  }

  get clusterLabels(): Locator {
    return this.page.getByTestId('map-cluster-label');
  }

  get backToList(): Locator {
    return this.page.getByTestId('map-back');
  }

  /** Waits until the map has drawn its data at least once (the component publishes counts on `idle`). */
  async waitForReady(): Promise<void> {
    await this.page.locator('[data-testid="clinic-map"][data-state="ready"][data-zoom]').waitFor({ timeout: 60_000 });
  }

  async rendered(): Promise<Rendered> {
    return this.map.evaluate((el: HTMLElement) => ({
      clusters: Number(el.dataset['renderedClusters']),
      points: Number(el.dataset['renderedPoints']),
      clinics: Number(el.dataset['renderedClinics']),
      position: Number(el.dataset['renderedPosition']),
    }));
  }

  /** Waits until the published counts satisfy `ok`; returns the last seen counts either way. */
  async waitForRendered(ok: (r: Rendered) => boolean, timeout = 20_000): Promise<Rendered> {
    const until = Date.now() + timeout;
    let last = await this.rendered();
    while (!ok(last) && Date.now() < until) {
      await this.page.waitForTimeout(100);
      last = await this.rendered();
    }
    return last;
  }

  async view(): Promise<MapView> {
    const { zoom, bounds } = await this.map.evaluate((el: HTMLElement) => ({
      zoom: el.dataset['zoom'] ?? '',
      bounds: el.dataset['bounds'] ?? '',
    }));
    const [west, south, east, north] = bounds.split(',').map(Number);
    if ([west, south, east, north].some((n) => n === undefined || Number.isNaN(n)))
      throw new Error(`no bounds: ${bounds}`);
    return { zoom: Number(zoom), west: west!, south: south!, east: east!, north: north! };
  }

  /** Waits for the map to settle after an interaction: published zoom or bounds differ from `before`. */
  async waitForViewChange(before: MapView, timeout = 15_000): Promise<MapView> {
    const until = Date.now() + timeout;
    let now = await this.view();
    while (JSON.stringify(now) === JSON.stringify(before) && Date.now() < until) {
      await this.page.waitForTimeout(100);
      now = await this.view();
    }
    return now;
  }

  /** Where a point is on screen (page coordinates), from the published bounds: north-up Web Mercator. */
  async pixelOf(at: GeoPoint): Promise<Pixel> {
    const v = await this.view();
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('map canvas not visible');
    const x = ((at.lon - v.west) / (v.east - v.west)) * box.width;
    const y = ((mercatorY(v.north) - mercatorY(at.lat)) / (mercatorY(v.north) - mercatorY(v.south))) * box.height;
    return { x: box.x + x, y: box.y + y };
  }

  /** The geographic point under a page pixel (inverse of pixelOf). */
  async pointAt(pixel: Pixel): Promise<GeoPoint> {
    const v = await this.view();
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('map canvas not visible');
    const fx = (pixel.x - box.x) / box.width;
    const fy = (pixel.y - box.y) / box.height;
    const my = mercatorY(v.north) - fy * (mercatorY(v.north) - mercatorY(v.south));
    return { lon: v.west + fx * (v.east - v.west), lat: (360 / Math.PI) * Math.atan(Math.exp(my)) - 90 };
  }

  async canvasBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('map canvas not visible');
    return box;
  }

  async click(pixel: Pixel): Promise<void> {
    await this.page.mouse.click(pixel.x, pixel.y);
  }

  /** The dropped pin as the map publishes it, or null. */
  async pin(): Promise<GeoPoint | null> {
    const raw = await this.map.getAttribute('data-pin');
    if (!raw) return null;
    const [lat, lon] = raw.split(',').map(Number);
    return lat === undefined || lon === undefined ? null : { lat, lon };
  }

  /** Zooms with the mouse wheel around a place until the map is at least `zoom` (as a user would). */
  async zoomInAround(at: GeoPoint, zoom: number): Promise<MapView> {
    let view = await this.view();
    for (let i = 0; i < 20 && view.zoom < zoom; i++) {
      const p = await this.pixelOf(at);
      await this.page.mouse.move(p.x, p.y);
      await this.page.mouse.wheel(0, -600);
      view = await this.waitForViewChange(view);
    }
    return view;
  }
}
