// `pnpm bench`: the catalogue benchmark in Debian Chromium against the real app (the production build served by
// a real sync server over the embedded store, preloaded with N generated clinics). Prints the figures and writes
// them into BENCHMARKS.md. Not part of the test command: figures are measured, never asserted.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { startScaleServer } from '@poisklinik/sync-server';
import { launchChromium } from '../e2e/support/browser';
import { installFirstResultProbe } from '../e2e/support/cold-start';
import { asYouTypeQueries, BENCH_ORIGIN, comparisonQueries } from './bench-queries';
import { measureFirstLoadJs } from './first-load-js';
import { timeEngineSearch, timePouchReplication, timeRxdbQueries } from './in-page';
import { machineLine, writeSection } from './benchmarks-md';
import { ms, summarise, type Summary } from './stats';

const { values } = parseArgs({
  options: { clinics: { type: 'string', default: '100000' }, 'cold-starts': { type: 'string', default: '7' } },
});
const clinics = Number(values.clinics);
const coldStarts = Number(values['cold-starts']);
const buildDir = fileURLToPath(new URL('../build', import.meta.url));
const benchmarksFile = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
const pouchBundle = createRequire(fileURLToPath(new URL('../../sync-server/package.json', import.meta.url))).resolve(
  'pouchdb/dist/pouchdb.min.js',
);
const log = (line: string): void => console.error(`[bench] ${line}`);

async function markTime(page: Page, name: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => performance.getEntriesByName(n)[0]?.startTime,
    `poisklinik:${name}`,
    { timeout: timeoutMs, polling: 50 },
  );
  return Number(await handle.jsonValue());
}

async function clinicCount(url: string): Promise<number> {
  const info = (await (await fetch(`${url}/db/clinics/`)).json()) as { doc_count: number };
  return info.doc_count;
}

async function appContext(browser: Awaited<ReturnType<typeof launchChromium>>): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    permissions: ['geolocation'],
    geolocation: { latitude: BENCH_ORIGIN.lat, longitude: BENCH_ORIGIN.lon },
  });
  // Whole country, and the bench hook on: set before any app code runs, on every navigation.
  await context.addInitScript(() => {
    localStorage.setItem('poisklinik:syncScope', 'country');
    localStorage.setItem('poisklinik:bench', '1');
  });
  return context;
}

async function appPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await installFirstResultProbe(page);
  return page;
}

async function main(): Promise<void> {
  if (!existsSync(`${buildDir}/200.html`))
    throw new Error('web/build is missing: run `pnpm --filter @poisklinik/web build`');
  const server = await startScaleServer({ clinics, server: { port: 0, webRoot: buildDir, logLevel: 'warn' }, log });
  const browser = await launchChromium();
  try {
    log(`server ${server.url} (${server.reused ? 'cached' : 'built'} store, ${clinics} clinics)`);
    const js = await measureFirstLoadJs(browser, server.url, buildDir);
    log(`first-load JS: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip in ${js.files} files`);

    const context = await appContext(browser);
    const page = await appPage(context);
    await page.goto(server.url);
    // The catalogue is synced when the last collection's first pull ends (clinics, by far the largest).
    let syncMs = 0;
    for (const c of ['towns', 'specialties', 'clinics']) {
      syncMs = Math.max(syncMs, await markTime(page, `initial-pull-${c}`, 20 * 60_000));
    }
    log(`initial sync: ${ms(syncMs)}`);
    // Replication ends before the index has applied the last batches: wait until it holds the whole catalogue.
    const expected = await clinicCount(server.url);
    await page.waitForFunction(
      (n) => (window as unknown as { __poisklinikBench?: { size(): number } }).__poisklinikBench?.size() === n,
      expected,
      { timeout: 10 * 60_000, polling: 200 },
    );
    // …and until a snapshot of that full index is saved (the save is debounced), so cold starts restore it all.
    const saves = await page.evaluate(() => performance.getEntriesByName('poisklinik:index-saved').length);
    await page
      .waitForFunction((n) => performance.getEntriesByName('poisklinik:index-saved').length > n, saves, {
        timeout: 45_000,
        polling: 200,
      })
      .catch(() => log('no new index snapshot within 45 s; cold starts restore the last one'));

    const queries = asYouTypeQueries();
    const engine = await page.evaluate(timeEngineSearch, { queries, origin: BENCH_ORIGIN, repeats: 20 });
    const engineStats = summarise(engine.samples);
    log(`engine over ${engine.size} clinics: median ${ms(engineStats.median)}, p95 ${ms(engineStats.p95)}`);
    const compared = comparisonQueries();
    const engineSame = await page.evaluate(timeEngineSearch, { queries: compared, origin: BENCH_ORIGIN, repeats: 20 });
    const rxdb = await page.evaluate(timeRxdbQueries, { queries: compared, origin: BENCH_ORIGIN, repeats: 1 });
    const rxdbStats = summarise(rxdb.samples);
    const engineSameStats = summarise(engineSame.samples);
    log(`RxDB query: median ${ms(rxdbStats.median)} (engine ${ms(engineSameStats.median)} on the same queries)`);

    await context.setOffline(true);
    const cold: number[] = [];
    for (let i = 0; i < coldStarts; i += 1) {
      await page.reload();
      cold.push(await markTime(page, 'first-results', 60_000));
    }
    const coldStats = summarise(cold);
    log(`offline cold start to first results: median ${ms(coldStats.median)}, p95 ${ms(coldStats.p95)}`);
    await context.setOffline(false);

    // A context of its own without the service worker: under the app's worker every navigation is the app.
    const pouchContext = await browser.newContext({ serviceWorkers: 'block' });
    const pouchPage = await pouchContext.newPage();
    await pouchPage.goto(`${server.url}/healthz`);
    await pouchPage.addScriptTag({ path: pouchBundle });
    const pouch = await pouchPage.evaluate(timePouchReplication, {
      url: `${server.url}/db/clinics/`,
      limitMs: Math.max(60_000, 3 * syncMs),
    });
    log(`stock PouchDB pull: ${ms(pouch.ms)} for ${pouch.docs} docs${pouch.finished ? '' : ' (cut off, unfinished)'}`);
    await pouchContext.close();
    await context.close();

    const body = report({
      chromium: browser.version(),
      clinics: engine.size,
      js,
      syncMs,
      engineStats,
      engineSameStats,
      rxdbStats,
      coldStats,
      pouch,
      queries: queries.length,
    });
    console.log(body);
    await writeSection(benchmarksFile, 'bench:catalogue', body);
    log(`written to ${benchmarksFile}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

type Figures = {
  chromium: string;
  clinics: number;
  js: Awaited<ReturnType<typeof measureFirstLoadJs>>;
  syncMs: number;
  engineStats: Summary;
  engineSameStats: Summary;
  rxdbStats: Summary;
  coldStats: Summary;
  pouch: { ms: number; docs: number; finished: boolean };
  queries: number;
};

function verdict(value: number, goal: number): string {
  return value <= goal ? 'met' : `missed by ${((value / goal - 1) * 100).toFixed(0)} %`;
}

function report(f: Figures): string {
  const date = new Date().toISOString().slice(0, 10);
  const kb = f.js.gzipBytes / 1024;
  return `## Catalogue: search, cold start, initial sync, first-load JS (\`pnpm bench\`)

${date} · ${machineLine(`Chromium ${f.chromium} (Debian, headless)`)} · ${f.clinics.toLocaleString('en')} generated clinics (seed 1), whole-country scope, embedded store on loopback.

| measure | median | p95 | goal | |
|---|---|---|---|---|
| search + filters + distance, top 50, as you type (${f.queries} queries × 20 calls) | ${ms(f.engineStats.median)} | ${ms(f.engineStats.p95)} | p95 ≤ 2 ms | ${verdict(f.engineStats.p95, 2)} |
| the same kind of query by RxDB (Mango selector + name regex, distance top 50 in JS) | ${ms(f.rxdbStats.median)} | ${ms(f.rxdbStats.p95)} | — | RxDB / engine (medians, same ${f.rxdbStats.n} queries): ×${(f.rxdbStats.median / f.engineSameStats.median).toFixed(0)} |
| offline cold start (reload) to first results painted (${f.coldStats.n} reloads) | ${ms(f.coldStats.median)} | ${ms(f.coldStats.p95)} | ≤ 800 ms | ${verdict(f.coldStats.median, 800)} |
| initial sync into IndexedDB (RxDB on Dexie, whole catalogue) | ${ms(f.syncMs)} | — | ≤ 10 s | ${verdict(f.syncMs, 10_000)} |
| stock PouchDB 9 pull of the clinics into the same browser's IndexedDB | ${f.pouch.finished ? '' : '> '}${ms(f.pouch.ms)} | — | — | PouchDB / app: ${f.pouch.finished ? '' : '> '}×${(f.pouch.ms / f.syncMs).toFixed(2)} (${f.pouch.docs} docs${f.pouch.finished ? '' : ' when cut off'}) |
| first-load JS, gzip (home page, map chunk excluded) | ${kb.toFixed(1)} KB in ${f.js.files} files | — | ≤ 170 KB | ${verdict(kb, 170)} |

Largest first-load chunks (gzip): ${f.js.largest.map((l) => `\`${l.path.split('/').pop()}\` ${(l.gzip / 1024).toFixed(1)} KB`).join(', ')}.
`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
