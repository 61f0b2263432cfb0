import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export type FirstLoadJs = {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  largest: { path: string; gzip: number }[];
};

/**
 * JavaScript a first visit to the home page actually loads (as the browser requested it, not as a bundle
 * analyser guesses), gzip-compressed at level 9 from the build — what a compressing proxy sends. The service
 * worker and its Workbox runtime run off the main thread and are fetched after the page is interactive; they
 * are excluded, like any lazy chunk (the map) the home page never asks for.
 */
export async function measureFirstLoadJs(browser: Browser, url: string, buildDir: string): Promise<FirstLoadJs> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const paths = new Set<string>();
  page.on('request', (request) => {
    const u = new URL(request.url());
    if (
      u.origin === new URL(url).origin &&
      u.pathname.endsWith('.js') &&
      !/\/(sw|workbox-[^/]*)\.js$/.test(u.pathname)
    ) {
      paths.add(u.pathname);
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  await page
    .waitForSelector('[data-testid="clinic-row"], .clinic-row, main li', { timeout: 60_000 })
    .catch(() => undefined);
  await page.waitForTimeout(1500);
  await context.close();
  let rawBytes = 0;
  let gzipBytes = 0;
  const sizes: { path: string; gzip: number }[] = [];
  for (const path of paths) {
    const bytes = await readFile(join(buildDir, decodeURIComponent(path)));
    const gzip = gzipSync(new Uint8Array(bytes), { level: 9 }).length;
    rawBytes += bytes.length;
    gzipBytes += gzip;
    sizes.push({ path, gzip });
  }
  sizes.sort((a, b) => b.gzip - a.gzip);
  return { files: paths.size, rawBytes, gzipBytes, largest: sizes.slice(0, 5) };
}
