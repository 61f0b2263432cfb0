import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { coldStartReport, installFirstResultProbe } from './support/cold-start';
import { waitForSavedIndex } from './support/index-snapshot';
import { preloadScaleClinics } from './support/scale-data';
import { startSyncServer, type TestServer } from './support/sync-server';
import { HomePage } from './pages/home.page';

/**
 * A measurement, not a regular test: set E2E_SCALE_CLINICS (e.g. 100000) to sync that many generated clinics
 * and time an offline cold start. Skipped otherwise (a 100k first sync takes minutes).
 */
const COUNT = Number(process.env.E2E_SCALE_CLINICS ?? 0);

let test: TestServer;
let browser: Browser;

describe.skipIf(COUNT === 0)(`cold start with ${COUNT} clinics`, () => {
  beforeAll(async () => {
    [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
    const started = Date.now();
    await preloadScaleClinics(test.server, COUNT);
    console.info(`loaded ${COUNT} clinics into the store in ${Date.now() - started} ms`);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
  });

  it('paints first results offline from the restored index', { timeout: 1_800_000 }, async () => {
    const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    try {
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'warning' || m.type() === 'error') console.info(`browser ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (err) => console.info(`page error: ${err.message}`));
      const home = new HomePage(page);
      const started = Date.now();
      await home.goto(test.server.url);
      // A country this big gets a town scope on first run; the measurement wants every clinic on the device.
      await home.scopeSummary.waitFor({ timeout: 60_000 });
      await home.page.waitForFunction(() => !/Выбираем/.test(document.body.innerText), undefined, { timeout: 60_000 });
      await home.chooseScope('country');
      const total = COUNT + 7;
      await home.page.locator(`[data-testid="results-count"][data-total="${total}"]`).waitFor({ timeout: 1_500_000 });
      console.info(`first sync of ${total} clinics: ${Date.now() - started} ms`);
      await home.waitForServiceWorker();
      const saving = Date.now();
      await waitForSavedIndex(page, total, 300_000);
      console.info(`index saved ${Date.now() - saving} ms after the list showed every clinic`);

      await context.setOffline(true);
      for (let run = 1; run <= 3; run++) {
        await installFirstResultProbe(page);
        await page.reload();
        await home.rows.first().getByTestId('clinic-name').waitFor({ timeout: 60_000 });
        console.info(`run ${run}: ${await coldStartReport(page)}`);
      }
      expect(await home.resultsCount.getAttribute('data-index-origin')).toBe('restored');
    } finally {
      await context.close();
    }
  });
});
