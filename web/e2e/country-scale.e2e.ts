import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isOpenAt, type Clinic, type Town, type WireDoc } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { RU_CONTEXT } from './support/pages';
import { coldStartReport, installFirstResultProbe } from './support/cold-start';
import { waitForSavedIndex } from './support/index-snapshot';
import { preloadScaleClinics } from './support/scale-data';
import { startSyncServer, storeDocs, type TestServer } from './support/sync-server';
import { HomePage } from './pages/home.page';

/** Enough for several replication batches (500 each) and for search to have real competition. */
const GENERATED = 3_000;
const USER_IN_KALUGA = { lat: 54.5293, lon: 36.2754 };
const DENTAL_CODES = ['31.08.72', '31.08.73', '31.08.74', '31.08.75', '31.08.76'];

type StoredClinic = WireDoc<Clinic> & { _id: string };

let test: TestServer;
let browser: Browser;
let clinics: StoredClinic[];
let towns: (WireDoc<Town> & { _id: string })[];

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
  await preloadScaleClinics(test.server, GENERATED);
  [clinics, towns] = await Promise.all([
    storeDocs<StoredClinic>(test.server, 'clinics'),
    storeDocs<WireDoc<Town> & { _id: string }>(test.server, 'towns'),
  ]);
  expect(clinics.length).toBeGreaterThan(GENERATED);
});

afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

function byId(id: string): StoredClinic | undefined {
  return clinics.find((c) => c._id === id);
}

/** A dental clinic by name or by what it offers: what "стоматологическая" must find. */
function isDental(c: StoredClinic | undefined): boolean {
  return !!c && (/стоматолог/i.test(c.name) || c.specialties.some((s) => DENTAL_CODES.includes(s.code)));
}

describe('country-scale search, offline', () => {
  it('finds by word forms, typos and prefixes as you type, combines filters, and cold-starts from the saved index', async () => {
    const context = await browser.newContext({ ...RU_CONTEXT, permissions: ['geolocation'] });
    await context.setGeolocation({ latitude: USER_IN_KALUGA.lat, longitude: USER_IN_KALUGA.lon });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      const home = new HomePage(page);
      await home.goto(test.server.url);
      await home.syncProgress.waitFor({ state: 'detached', timeout: 60_000 });
      await home.waitForTotal(clinics.length);
      expect(await home.total()).toBe(clinics.length);
      // The list is virtual: a few screens of rows in the DOM, not thousands.
      expect(await home.rows.count()).toBeLessThan(40);
      await home.waitForServiceWorker();
      await waitForSavedIndex(page, clinics.length);

      // Cold start offline: the index comes back from its snapshot, no document is re-read to search.
      await context.setOffline(true);
      await installFirstResultProbe(page);
      await page.reload();
      await home.rows.first().getByTestId('clinic-name').waitFor({ timeout: 10_000 });
      console.info(`cold start offline, ${clinics.length} clinics: ${await coldStartReport(page)}`);
      expect(await home.resultsCount.getAttribute('data-index-origin')).toBe('restored');
      expect(await home.total()).toBe(clinics.length);

      // A word form of the clinics' names ("стоматологическая" vs "Стоматология «…»"), a typo and a prefix.
      const namedDental = clinics.filter((c) => /стоматологическ/i.test(c.name)).length;
      expect(namedDental).toBeGreaterThan(0);
      for (const query of ['стоматологическая', 'стоматалогическая', 'стомат']) {
        const before = await home.total();
        await home.search(query);
        const total = await home.waitForTotalChange(before);
        expect(total, query).toBeGreaterThanOrEqual(namedDental);
        expect(total, query).toBeLessThan(clinics.length);
        const shown = await home.ids();
        expect(shown.length, query).toBeGreaterThan(0);
        for (const id of shown) expect(isDental(byId(id)), `${query} → ${byId(id)?.name}`).toBe(true);
        await home.search('');
        await home.waitForTotal(clinics.length);
      }

      // A typo in a demo clinic's name still finds it.
      await home.search('теарема');
      await home.page.getByText('Теорема-Мед', { exact: true }).waitFor({ timeout: 5_000 });
      await home.search('');
      await home.waitForTotal(clinics.length);

      // Text and ownership combine.
      await home.search('стомат');
      const dentalTotal = await home.waitForTotalChange(clinics.length);
      await home.ownershipSelect.selectOption({ label: 'Коммерческая' });
      const commercialDental = await home.waitForTotalChange(dentalTotal);
      expect(commercialDental).toBeGreaterThan(0);
      expect(commercialDental).toBeLessThan(dentalTotal);
      for (const id of await home.ids()) {
        const c = byId(id);
        expect(c?.ownership, id).toBe('commercial');
        expect(isDental(c), c?.name).toBe(true);
      }
      await home.resetFilters();
      await home.waitForTotal(clinics.length);

      // Open now, judged in the clinic's own time zone: Kaluga's clinics against the store's hours.
      const kaluga = towns.find((t) => t._id === 'kaluga')!;
      const inKaluga = clinics.filter((c) => c.townId === 'kaluga');
      await home.chooseTown(kaluga.name);
      await home.waitForTotal(inKaluga.length);
      expect(await home.total()).toBe(inKaluga.length);
      await home.openNowOnly.check();
      const openCount = inKaluga.filter((c) => isOpenAt(c, kaluga.timezone, new Date())).length;
      await home.waitForTotal(openCount);
      expect(await home.total()).toBe(openCount);
      await home.openNowOnly.uncheck();
      await home.waitForTotal(inKaluga.length);
      expect(await home.total()).toBe(inKaluga.length);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
