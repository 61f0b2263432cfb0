import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { distanceMetres, type GeoPoint } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { startSyncServer, storeDocs, type TestServer } from './support/sync-server';
import { expectedOrder, type StoredClinic } from './support/expected';
import { HomePage } from './pages/home.page';
import { MapPage, type Pixel } from './pages/map.page';
import { ClinicPage } from './pages/clinic.page';

/** Near Kaluga's Teatralnaya square, among the demo clinics. */
const USER_IN_KALUGA = { lat: 54.5293, lon: 36.2754 };

let test: TestServer;
let browser: Browser;
let clinics: StoredClinic[];
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
  clinics = await storeDocs<StoredClinic>(test.server, 'clinics');
  expect(clinics.length).toBeGreaterThan(3);
  context = await browser.newContext({
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    permissions: ['geolocation'],
    viewport: { width: 1000, height: 900 },
  });
  await context.setGeolocation({ latitude: USER_IN_KALUGA.lat, longitude: USER_IN_KALUGA.lon });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await test?.stop();
});

function inView(at: GeoPoint, v: { west: number; south: number; east: number; north: number }): boolean {
  return at.lon >= v.west && at.lon <= v.east && at.lat >= v.south && at.lat <= v.north;
}

function nearestTo(from: GeoPoint): StoredClinic {
  const name = expectedOrder(clinics, from)[0];
  return clinics.find((c) => c.name === name)!;
}

describe('map', () => {
  it('opens offline with no basemap configured: clinics, clusters and the position on a plain background', async () => {
    // First visit online: the catalogue syncs and the service worker takes control (precaching the map chunk).
    const home = new HomePage(page);
    await home.goto(test.server.url);
    await home.waitForOrigin('position');
    const order = expectedOrder(clinics, USER_IN_KALUGA);
    expect(await home.waitForNames(order)).toEqual(order);
    await home.syncProgress.waitFor({ state: 'detached', timeout: 30_000 });
    await home.waitForServiceWorker();

    // The map was never opened online: offline, its code, stylesheet and worker must come from the precache.
    await context.setOffline(true);
    const map = new MapPage(page);
    await map.goto(test.server.url);
    await map.waitForReady();
    expect(await map.canvas.isVisible()).toBe(true);
    expect(await map.map.getAttribute('data-basemap')).toBe('unreachable');
    expect(await map.basemapNote.innerText()).toBe(
      'Нет сети: карта без подложки. Клиники и ваше местоположение показаны.',
    );

    // Every clinic inside the visible area is drawn, alone or inside a cluster, and so is the user.
    const view = await map.view();
    const visible = clinics.filter((c) => inView(c.location, view)).length;
    expect(visible).toBeGreaterThan(0);
    const rendered = await map.waitForRendered((r) => r.clinics === visible && r.position === 1);
    expect(rendered.clinics).toBe(visible);
    expect(rendered.position).toBe(1);
    expect(rendered.clusters + rendered.points).toBeGreaterThan(0);

    // Clusters carry their count as a label; tapping one zooms in.
    if (rendered.clusters > 0) {
      const label = map.clusterLabels.first();
      await label.waitFor();
      expect(Number(await label.getAttribute('data-count'))).toBeGreaterThan(1);
      expect(await label.innerText()).toBe(await label.getAttribute('data-count'));
      const box = (await label.boundingBox())!;
      await map.click({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
      const zoomed = await map.waitForViewChange(view);
      expect(zoomed.zoom).toBeGreaterThan(view.zoom);
      // Tapping a cluster never drops a pin.
      expect(await map.pin()).toBeNull();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a pin dropped on the map re-ranks the list from there; tapping a clinic opens it', async () => {
    const map = new MapPage(page);
    const userNearest = nearestTo(USER_IN_KALUGA);
    const box = await map.canvasBox();
    const clinicPixels = await Promise.all(clinics.map((c) => map.pixelOf(c.location)));
    const userPixel = await map.pixelOf(USER_IN_KALUGA);
    const far = (p: Pixel, q: Pixel) => Math.hypot(p.x - q.x, p.y - q.y) > 70;

    // An empty spot (well away from every clinic, cluster and the user) whose nearest clinic is not the user's.
    let spot: Pixel | null = null;
    let best = -1;
    for (let gx = 0.08; gx <= 0.92; gx += 0.04) {
      for (let gy = 0.15; gy <= 0.92; gy += 0.04) {
        const p = { x: box.x + gx * box.width, y: box.y + gy * box.height };
        if (!clinicPixels.every((c) => far(p, c)) || !far(p, userPixel)) continue;
        const at = await map.pointAt(p);
        if (nearestTo(at)._id === userNearest._id) continue;
        const d = distanceMetres(at, USER_IN_KALUGA);
        if (d > best) [best, spot] = [d, p];
      }
    }
    expect(spot, 'no empty spot with another nearest clinic').not.toBeNull();

    await map.click(spot!);
    await map.pinMarker.waitFor();
    const pin = (await map.pin())!;
    const clicked = await map.pointAt(spot!);
    expect(distanceMetres(pin, clicked)).toBeLessThan(50);
    expect(await map.page.getByTestId('map-pin-bar').innerText()).toContain('Расстояния считаются от точки на карте');

    // The pin can be removed and dropped again.
    await map.clearPin.click();
    await map.pinMarker.waitFor({ state: 'detached' });
    expect(await map.pin()).toBeNull();
    await map.click(spot!);
    await map.pinMarker.waitFor();
    const dropped = (await map.pin())!;

    // Back on the list, distances are measured from the pin: nearest to the pin first.
    const byPin = expectedOrder(clinics, dropped);
    expect(byPin[0]).not.toBe(userNearest.name);
    await map.backToList.click();
    const home = new HomePage(page);
    await page
      .locator('[data-testid="distance-origin"][data-origin="pin"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    expect(await home.waitForNames(byPin)).toEqual(byPin);
    expect(await home.origin.innerText()).toContain('от точки на карте');

    // Back to the map (same session, so the pin and the camera are kept) and tap the clinic nearest the pin.
    await page.goBack();
    await map.waitForReady();
    await map.pinMarker.waitFor();
    const target = nearestTo(dropped);
    const close = await map.zoomInAround(target.location, 15);
    expect(close.zoom).toBeGreaterThanOrEqual(15);
    await map.click(await map.pixelOf(target.location));
    await page.waitForURL(`**/clinic/${target._id}`, { timeout: 15_000 });
    const clinicPage = new ClinicPage(page);
    await clinicPage.title.waitFor();
    expect(await clinicPage.title.innerText()).toBe(target.name);
    expect(pageErrors).toEqual([]);
  });

  it('draws a configured basemap online and falls back to the plain map, keeping the clinics, when offline', async () => {
    // A basemap on another origin, served by the test: a coloured background and raster tiles.
    const STYLE_URL = 'https://tiles.poisklinik.test/style.json';
    const basemapTest = await startSyncServer({ mapStyleUrl: STYLE_URL });
    const ctx = await browser.newContext({
      locale: 'ru-RU',
      permissions: ['geolocation'],
      viewport: { width: 900, height: 800 },
    });
    try {
      await ctx.setGeolocation({ latitude: USER_IN_KALUGA.lat, longitude: USER_IN_KALUGA.lon });
      const cors = { 'access-control-allow-origin': '*' };
      const tileRequests: string[] = [];
      await ctx.route('https://tiles.poisklinik.test/**', async (route) => {
        const url = route.request().url();
        if (url === STYLE_URL) {
          await route.fulfill({
            headers: cors,
            contentType: 'application/json',
            body: JSON.stringify({
              version: 8,
              sources: {
                base: { type: 'raster', tiles: ['https://tiles.poisklinik.test/t/{z}/{x}/{y}.png'], tileSize: 256 },
              },
              layers: [
                { id: 'base-background', type: 'background', paint: { 'background-color': '#cfe3f5' } },
                { id: 'base-tiles', type: 'raster', source: 'base' },
              ],
            }),
          });
        } else {
          tileRequests.push(url);
          await route.fulfill({ headers: cors, contentType: 'image/png', body: ONE_PIXEL_PNG });
        }
      });
      const p = await ctx.newPage();
      const errors: string[] = [];
      p.on('pageerror', (err) => errors.push(err.message));
      const home = new HomePage(p);
      await home.goto(basemapTest.server.url);
      await home.waitForOrigin('position');
      await home.waitForServiceWorker();

      const map = new MapPage(p);
      await map.goto(basemapTest.server.url);
      await map.waitForReady();
      expect(await map.map.getAttribute('data-basemap')).toBe('basemap');
      expect(await map.basemapNote.count()).toBe(0);
      expect(tileRequests.length).toBeGreaterThan(0);
      const view = await map.view();
      const visible = clinics.filter((c) => inView(c.location, view)).length;
      expect((await map.waitForRendered((r) => r.clinics === visible && r.position === 1)).clinics).toBe(visible);

      // Offline: the basemap's tiles cannot come any more, so the map says so and keeps the data layers.
      await ctx.setOffline(true);
      await p.locator('[data-testid="clinic-map"][data-basemap="unreachable"]').waitFor({ timeout: 15_000 });
      expect(await map.basemapNote.innerText()).toContain('Нет сети: карта без подложки');
      const offline = await map.waitForRendered((r) => r.clinics === visible && r.position === 1);
      expect(offline).toMatchObject({ clinics: visible, position: 1 });

      // Back online, the basemap returns.
      await ctx.setOffline(false);
      await p.locator('[data-testid="clinic-map"][data-basemap="basemap"]').waitFor({ timeout: 15_000 });
      expect(await map.basemapNote.count()).toBe(0);
      expect((await map.waitForRendered((r) => r.clinics === visible)).clinics).toBe(visible);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await basemapTest.stop();
    }
  });
});

/** A transparent 1×1 PNG, the smallest valid raster tile. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
