// A sync server preloaded with a generated catalogue, for browser benchmarks: the data dir per (seed, count) is
// built once (generate → bulk load) and reused on later runs, since loading 100k clinics takes about a minute
// while opening a loaded store takes a moment.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, type ServerConfig } from '../config';
import { createServer, type SyncServer } from '../server';
import { createStore } from '../store/create-store';
import { generateScaleDataset } from './clinic-generator';
import { loadScaleData, validateScaleDataset, writeScaleDataset } from './scale-files';

export type ScaleServerOptions = {
  clinics: number;
  seed?: number;
  /** Where cached data dirs live (default `<repo>/.data`). */
  cacheRoot?: string;
  /** Anything else for `createServer` (port, host, webRoot, logLevel…); the data settings are this module's. */
  server?: Omit<Partial<ServerConfig>, 'dataDir' | 'couchdbUrl' | 'importDemoData' | 'demoDataDir'>;
  log?: (line: string) => void;
};

export type ScaleServer = SyncServer & { dataDir: string; reused: boolean; preloadSeconds: number };

/** Written last: a data dir without it is a preload that did not finish, never reused. */
const COMPLETE_MARKER = 'scale-complete.json';

export function benchDataDir(cacheRoot: string, seed: number, clinics: number): string {
  return join(cacheRoot, `bench-${seed}-${clinics}`);
}

async function preload(dataDir: string, clinics: number, seed: number, log: (line: string) => void): Promise<void> {
  // Built beside the final place and renamed into it, so an interrupted preload leaves no half-filled cache.
  const building = `${dataDir}.building-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const dataset = generateScaleDataset({ clinics, seed });
  validateScaleDataset(dataset);
  const files = join(building, 'dataset');
  await writeScaleDataset(files, dataset);
  const store = await createStore({ dataDir: join(building, 'store') });
  try {
    const report = await loadScaleData(store, files);
    log(`loaded ${report.docs} docs in ${report.seconds.toFixed(1)} s (${report.docsPerSecond} docs/s)`);
  } finally {
    await store.close();
  }
  await writeFile(join(building, COMPLETE_MARKER), JSON.stringify({ clinics, seed }));
  try {
    await rename(building, dataDir);
  } catch (err) {
    // Another process finished the same cache first: theirs is as good as ours.
    if (!existsSync(join(dataDir, COMPLETE_MARKER))) throw err;
    await rm(building, { recursive: true, force: true });
  }
}

export async function startScaleServer(options: ScaleServerOptions): Promise<ScaleServer> {
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => undefined);
  const dataDir = benchDataDir(options.cacheRoot ?? join(repoRoot, '.data'), seed, options.clinics);
  const reused = existsSync(join(dataDir, COMPLETE_MARKER));
  const started = performance.now();
  if (!reused) {
    await rm(dataDir, { recursive: true, force: true }); // an unfinished earlier attempt
    log(`preparing ${options.clinics} clinics (seed ${seed}) in ${dataDir}`);
    await preload(dataDir, options.clinics, seed, log);
  }
  const preloadSeconds = (performance.now() - started) / 1000;
  const server = await createServer({
    // The catalogue benchmark needs no tickets, and a scheduler run over 100k clinics at start would load the
    // machine while it measures; a caller that wants tickets passes `scheduler: true`.
    scheduler: false,
    ...options.server,
    dataDir: join(dataDir, 'store'),
    couchdbUrl: undefined,
    // Loaded already; re-comparing 100k documents on every start would only cost time.
    importDemoData: false,
  });
  // Scoped pulls need the clinic→town index, built from the whole feed on first use (tens of seconds at 100k);
  // building it now keeps that one-off cost out of the benchmark's first measured scoped sync.
  await fetch(`${server.url}/db/scope/kaluga/clinics/`).catch(() => undefined);
  return Object.assign(server, { dataDir, reused, preloadSeconds });
}
