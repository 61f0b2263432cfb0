// The embedded store: one PouchDB (leveldb) database per store database, each in its own directory under `dataDir`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertValidDatabaseName, databaseDirName } from './database-name';
import { embeddedDatabaseNames } from './embedded-files';
import { openPouchDatabase, type PouchStoreDatabase } from './pouchdb-database';
import type { Store, StoreDatabase } from './store.types';

export type PouchdbStoreOptions = { dataDir: string };

class PouchdbStore implements Store {
  readonly kind = 'embedded';
  readonly #dataDir: string;
  /**
   * Open promises, not open databases: concurrent first calls must share one PouchDB handle, because two leveldb
   * handles on one directory either fail on the lock or keep separate change notifiers, and long-polls would then
   * miss writes made through the other handle.
   */
  readonly #open = new Map<string, Promise<PouchStoreDatabase>>();
  /** A database being destroyed must not be reopened on the same directory until its files are gone. */
  readonly #destroying = new Map<string, Promise<void>>();
  #closed = false;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  database(name: string): Promise<StoreDatabase> {
    return this.#openDatabase(name);
  }

  async destroyDatabase(name: string): Promise<void> {
    assertValidDatabaseName(name);
    // Destroy through an open handle so PouchDB releases the lock and removes the files in one place.
    const opened = this.#openDatabase(name);
    const destroyed = opened.then(async (db) => {
      if (this.#open.get(name) === opened) this.#open.delete(name);
      await db.destroy();
    });
    const settled = destroyed.catch(() => undefined);
    this.#destroying.set(name, settled);
    void settled.then(() => {
      if (this.#destroying.get(name) === settled) this.#destroying.delete(name);
    });
    await destroyed;
  }

  listDatabases(): Promise<string[]> {
    return embeddedDatabaseNames(this.#dataDir);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pending = [...this.#open.values()];
    this.#open.clear();
    const results = await Promise.allSettled(pending.map(async (opening) => (await opening).close()));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  #openDatabase(name: string): Promise<PouchStoreDatabase> {
    if (this.#closed) return Promise.reject(new Error('The embedded store is closed'));
    const cached = this.#open.get(name);
    if (cached) return cached;
    let directory: string;
    try {
      directory = join(this.#dataDir, databaseDirName(name));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const afterDestroy = this.#destroying.get(name) ?? Promise.resolve();
    const opening = afterDestroy.then(() => openPouchDatabase(name, directory));
    this.#open.set(name, opening);
    // A failed open is not cached, so a later call can retry (e.g. after a transient lock).
    opening.catch(() => {
      if (this.#open.get(name) === opening) this.#open.delete(name);
    });
    return opening;
  }
}

export async function openPouchdbStore(options: PouchdbStoreOptions): Promise<Store> {
  await mkdir(options.dataDir, { recursive: true });
  return new PouchdbStore(options.dataDir);
}
