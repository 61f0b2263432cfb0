// Functions the benchmark runs inside the app's page (passed to page.evaluate, so each is self-contained: no
// imports, no closures over Node values). They reach the app's own index and RxDB database through the bench hook
// the data layer installs when localStorage 'poisklinik:bench' is '1'.
import type { GeoPoint } from '@poisklinik/shared';
import type { BenchQuery } from './bench-queries';

export type InPageArgs = { queries: BenchQuery[]; origin: GeoPoint; repeats: number };

type Result = { total: number; slice(start: number, end: number): readonly unknown[] };
type Collection = { find(q: { selector: Record<string, unknown> }): { exec(): Promise<{ toJSON(): unknown }[]> } };
/** The app's `BenchHook` (web/src/lib/data/bench-hook.ts), seen from outside the bundle. */
type Hook = { search(q: Record<string, unknown>): Result; size(): number; clinics(): Promise<Collection> };

/**
 * Engine latency per query: each query once to warm up, then `repeats` timed calls in one block divided by the
 * count — Chromium coarsens performance.now() to 0.1 ms without cross-origin isolation, too coarse for one call.
 */
export function timeEngineSearch({ queries, origin, repeats }: InPageArgs): {
  samples: number[];
  size: number;
  totals: number[];
} {
  // Each function is serialised alone into the page, so the hook lookup is repeated rather than shared.
  const app = (window as unknown as { __poisklinikBench?: Hook }).__poisklinikBench;
  if (!app) throw new Error('bench hook missing: is localStorage poisklinik:bench set before the app starts?');
  const samples: number[] = [];
  const totals: number[] = [];
  for (const q of queries) {
    const query = {
      text: q.text,
      townId: q.townId,
      ownership: q.ownership,
      roundTheClockOnly: q.roundTheClockOnly,
      specialtyCode: q.specialtyCode,
      openAt: q.openNow ? new Date() : undefined,
      origin,
      sort: 'distance',
    };
    // What the list does for a keystroke: run the query and take the first screenful of hits.
    totals.push(app.search(query).total);
    const started = performance.now();
    for (let r = 0; r < repeats; r += 1) app.search(query).slice(0, 50);
    samples.push((performance.now() - started) / repeats);
  }
  return { samples, size: app.size(), totals };
}

/**
 * The same questions put to RxDB on the same collection: a Mango selector for the filters, a case-insensitive
 * regex on the name for the text (RxDB has no word forms, typos or synonyms, so it answers less, not more), then
 * distance in JS and the nearest 50 — what a straightforward RxDB app would do.
 */
export async function timeRxdbQueries({
  queries,
  origin,
}: InPageArgs): Promise<{ samples: number[]; totals: number[] }> {
  const app = (window as unknown as { __poisklinikBench?: Hook }).__poisklinikBench;
  if (!app) throw new Error('bench hook missing: is localStorage poisklinik:bench set before the app starts?');
  const clinics = await app.clinics();
  const rad = Math.PI / 180;
  const cosOrigin = Math.cos(origin.lat * rad);
  const samples: number[] = [];
  const totals: number[] = [];
  for (const q of queries) {
    const selector: Record<string, unknown> = {};
    if (q.townId) selector['townId'] = q.townId;
    if (q.ownership) selector['ownership'] = q.ownership;
    if (q.roundTheClockOnly) selector['roundTheClock'] = true;
    if (q.text) selector['name'] = { $regex: q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
    const started = performance.now();
    const docs = await clinics.find({ selector }).exec();
    const ranked = docs
      .map((d) => {
        // Haversine inline: tsx wraps named inner functions in a helper that does not exist in the page.
        const c = d.toJSON() as { id: string; location: { lat: number; lon: number } };
        const dLat = (c.location.lat - origin.lat) * rad;
        const dLon = (c.location.lon - origin.lon) * rad;
        const h = Math.sin(dLat / 2) ** 2 + cosOrigin * Math.cos(c.location.lat * rad) * Math.sin(dLon / 2) ** 2;
        return { id: c.id, d: 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h))) };
      })
      .sort((a, b) => a.d - b.d)
      .slice(0, 50);
    samples.push(performance.now() - started);
    if (ranked.length > 50) throw new Error('unreachable');
    totals.push(docs.length);
  }
  return { samples, totals };
}

/**
 * Stock PouchDB (the browser build, IndexedDB adapter) pulling one collection from the same server, cut off at
 * `limitMs` so a slow pull still yields a figure (docs written by then, `finished: false`).
 */
export async function timePouchReplication({
  url,
  limitMs,
}: {
  url: string;
  limitMs: number;
}): Promise<{ ms: number; docs: number; finished: boolean }> {
  type Replication = Promise<unknown> & { cancel(): void };
  type Pouch = {
    replicate: { from(url: string, opts: Record<string, unknown>): Replication };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  };
  const PouchDB = (window as unknown as { PouchDB: new (name: string) => Pouch }).PouchDB;
  const db = new PouchDB(`bench-pouch-${Date.now()}`);
  const started = performance.now();
  const replication = db.replicate.from(url, { batch_size: 500, batches_limit: 4 });
  const finished = await Promise.race([
    replication.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), limitMs)),
  ]);
  const ms = performance.now() - started;
  if (!finished) replication.cancel();
  const docs = (await db.info()).doc_count;
  await db.destroy();
  return { ms, docs, finished };
}
