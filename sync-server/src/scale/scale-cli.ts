// Shared plumbing of the scale CLIs: argument parsing, store opening with a clear message for a locked
// embedded store, progress output.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, type ServerConfig } from '../config';
import { createStore, redactUrl, storeOptionsOf } from '../store/create-store';
import type { Store } from '../store/store.types';
import type { ImportProgress } from '../catalogue/demo-import.service';
import type { LoadReport } from './scale-files';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `pnpm gen:data -- --clinics 10` reaches the script with a bare `--` (once per pnpm hop), which `parseArgs`
 * would read as "end of options"; dropping every bare `--` makes both spellings work.
 */
export function cliArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: argv.filter((a) => a !== '--'), options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function nonNegativeInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  return Number(raw);
}

/** A leveldb directory can be open in one process only; say which one instead of leveldown's "IO error". */
function isLockError(err: unknown): boolean {
  const cause: unknown = err instanceof Error ? err.cause : undefined;
  const text = [err, cause].map((e) => (e instanceof Error ? e.message : typeof e === 'string' ? e : '')).join(' ');
  return /\bLOCK\b|lock hold|Resource temporarily unavailable/i.test(text);
}

export async function openConfiguredStore(config: ServerConfig = loadConfig()): Promise<Store> {
  const store = await createStore(storeOptionsOf(config));
  try {
    // Opening a database is what takes the leveldb lock; do it now so a lock shows up before any work.
    await store.database('clinics');
  } catch (err) {
    await store.close().catch(() => undefined);
    if (isLockError(err)) {
      throw new UsageError(
        `The embedded store in ${config.dataDir} is locked: a sync server (or another loader) is running on it. ` +
          'Stop it first, or load into another DATA_DIR.',
      );
    }
    throw err;
  }
  return store;
}

export function describeStore(config: ServerConfig): string {
  return config.couchdbUrl ? `CouchDB ${redactUrl(config.couchdbUrl)}` : `embedded store ${config.dataDir}`;
}

export function progressPrinter(out: NodeJS.WriteStream = process.stderr): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    // A line per ~second, plus the last batch: enough to see it move without flooding a CI log.
    if (p.done < p.total && now - last < 1000) return;
    last = now;
    out.write(`  ${p.collection}: ${p.done}/${p.total} compared, ${p.written} written\n`);
  };
}

export function formatLoadReport(report: LoadReport): string {
  const parts = Object.entries(report.summary).map(
    ([c, n]) => `${c}: ${n.created} created, ${n.updated} updated, ${n.unchanged} unchanged`,
  );
  return `${parts.join('; ')}\n${report.docs} docs in ${report.seconds.toFixed(1)} s (${report.docsPerSecond} docs/s)`;
}

/** Runs a CLI body: usage and config errors print their message and exit 2, anything else is a crash (1). */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof UsageError || err instanceof ConfigError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err);
      process.exit(1);
    },
  );
}
