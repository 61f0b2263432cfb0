// The Apache CouchDB 3 store: one CouchDB database per store database, created on first use.
import nano from 'nano';
import { assertValidDatabaseName, isValidDbPrefix } from './database-name';
import { CouchStoreDatabase } from './couchdb-database';
import { couchErrorInfo, parseCouchUrl, redactUrl, type CouchEndpoint } from './couchdb-http';
import type { Store, StoreDatabase } from './store.types';

export type CouchdbStoreOptions = {
  url: string;
  /**
   * Put before every database name (`COUCHDB_DB_PREFIX`, e.g. `staging_`): several installs — or a test run — can
   * share one CouchDB without touching each other's databases. Empty = the plain names.
   */
  dbPrefix?: string;
};

class CouchdbStore implements Store {
  readonly kind = 'couchdb';
  readonly #server: nano.ServerScope;
  readonly #endpoint: CouchEndpoint;
  /** Shared open promises: concurrent first calls issue one PUT, and the cache spares a round trip per call. */
  readonly #open = new Map<string, Promise<CouchStoreDatabase>>();
  readonly #closing = new AbortController();
  readonly #prefix: string;

  constructor(server: nano.ServerScope, endpoint: CouchEndpoint, prefix: string) {
    this.#server = server;
    this.#endpoint = endpoint;
    this.#prefix = prefix;
  }

  database(name: string): Promise<StoreDatabase> {
    if (this.#closing.signal.aborted) return Promise.reject(new Error('The CouchDB store is closed'));
    const cached = this.#open.get(name);
    if (cached) return cached;
    const opening = this.#create(name);
    this.#open.set(name, opening);
    opening.catch(() => {
      if (this.#open.get(name) === opening) this.#open.delete(name);
    });
    return opening;
  }

  async destroyDatabase(name: string): Promise<void> {
    assertValidDatabaseName(name);
    this.#open.delete(name);
    try {
      await this.#server.request({ db: this.#prefix + name, method: 'DELETE' });
    } catch (error) {
      // Already gone is what the caller wanted.
      if (couchErrorInfo(error).status !== 404) throw error;
    }
  }

  async listDatabases(): Promise<string[]> {
    const body: unknown = await this.#server.request({ path: '_all_dbs' });
    // System databases (`_users`, `_replicator`) are CouchDB's, not the store's.
    // Only this store's databases: those with its prefix (another install's are not ours to list or destroy).
    return Array.isArray(body)
      ? body
          .filter((n): n is string => typeof n === 'string' && !n.startsWith('_') && n.startsWith(this.#prefix))
          .map((n) => n.slice(this.#prefix.length))
          .filter((n) => n.length > 0)
          .sort()
      : [];
  }

  close(): Promise<void> {
    // nano holds no connections of its own (fetch pools them globally); ending pending long-polls is all there is.
    this.#closing.abort();
    this.#open.clear();
    return Promise.resolve();
  }

  async #create(name: string): Promise<CouchStoreDatabase> {
    assertValidDatabaseName(name);
    try {
      await this.#server.request({ db: this.#prefix + name, method: 'PUT' });
    } catch (error) {
      // 412 file_exists: it exists already, or another process (or server node) created it between our calls.
      if (couchErrorInfo(error).status !== 412) throw error;
    }
    return new CouchStoreDatabase(name, this.#server, this.#endpoint, this.#closing.signal, this.#prefix + name);
  }
}

/** Connects to CouchDB at `url` (credentials may be in the URL) and checks that it answers. */
export async function openCouchdbStore(options: CouchdbStoreOptions): Promise<Store> {
  const prefix = options.dbPrefix ?? '';
  if (!isValidDbPrefix(prefix)) throw new Error(`Invalid CouchDB database prefix ${JSON.stringify(prefix)}`);
  const endpoint = parseCouchUrl(options.url);
  // parseUrl: false (read by nano, missing from its typings), or nano would take a path prefix (a reverse-proxy
  // mount) for a database name.
  const config = { url: options.url, parseUrl: false } satisfies nano.Configuration & { parseUrl: boolean };
  const server = nano(config);
  try {
    await server.request({ path: '' });
  } catch (error) {
    const { status, reason } = couchErrorInfo(error);
    throw new Error(`CouchDB at ${redactUrl(options.url)} is not usable (${status ?? 'no answer'}): ${reason}`, {
      cause: error,
    });
  }
  return new CouchdbStore(server, endpoint, prefix);
}
