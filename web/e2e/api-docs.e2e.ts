// The API documentation as a developer opens it: Swagger UI at /api/docs renders the server's OpenAPI document
// with nothing fetched from anywhere but the server itself (it works on a machine with no internet).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startSyncServer, type TestServer } from './support/sync-server';

let test: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const elsewhere: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
  context = await browser.newContext({ locale: 'ru-RU' });
  // Anything not from the server is refused and remembered: the page must not need it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(test.server.url)) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await test?.stop();
});

describe('API docs in the browser', () => {
  it('shows every area of the API and a shared schema, all from the server itself', async () => {
    await page.goto(`${test.server.url}/api/docs`);
    await page.getByRole('heading', { name: /ПоисКлиник sync server/ }).waitFor();
    for (const tag of ['auth', 'account', 'admin', 'replication']) {
      await page.locator(`[data-tag="${tag}"]`).first().waitFor();
    }
    // An operation opens with its request body from the shared schema.
    await page
      .locator('.opblock-summary-path', { hasText: /^\/api\/auth\/sign-in$/ })
      .first()
      .click();
    await expect.poll(() => page.locator('.opblock.is-open').textContent()).toContain('password');
    // The shared clinic schema is listed among the schemas.
    await expect.poll(() => page.locator('section.models').textContent()).toContain('Clinic');
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
