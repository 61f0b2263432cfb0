// The Apache CouchDB 3 store: one CouchDB database per store database, created on first use.
import nano from 'nano';
import { assertValidDatabaseName } from './database-name';
import { CouchStoreDatabase } from './couchdb-database';
import { couchErrorInfo, parseCouchUrl, redactUrl, type CouchEndpoint } from './couchdb-http';
import type { Store, StoreDatabase } from './store.types';

export type CouchdbStoreOptions = { url: string };

class CouchdbStore implements Store {
  readonly kind = 'couchdb';
  readonly #server: nano.ServerScope;
  readonly #endpoint: CouchEndpoint;
  /** Shared open promises: concurrent first calls issue one PUT, and the cache spares a round trip per call. */
  readonly #open = new Map<string, Promise<CouchStoreDatabase>>();
  readonly #closing = new AbortController();

  constructor(server: nano.ServerScope, endpoint: CouchEndpoint) {
    this.#server = server;
    this.#endpoint = endpoint;
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
      await this.#server.request({ db: name, method: 'DELETE' });
    } catch (error) {
      // Already gone is what the caller wanted.
      if (couchErrorInfo(error).status !== 404) throw error;
    }
  }

  async listDatabases(): Promise<string[]> {
    const body: unknown = await this.#server.request({ path: '_all_dbs' });
    // System databases (`_users`, `_replicator`) are CouchDB's, not the store's.
    return Array.isArray(body)
      ? body.filter((n): n is string => typeof n === 'string' && !n.startsWith('_')).sort()
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
      await this.#server.request({ db: name, method: 'PUT' });
    } catch (error) {
      // 412 file_exists: it exists already, or another process (or server node) created it between our calls.
      if (couchErrorInfo(error).status !== 412) throw error;
    }
    return new CouchStoreDatabase(name, this.#server, this.#endpoint, this.#closing.signal);
  }
}

/** Connects to CouchDB at `url` (credentials may be in the URL) and checks that it answers. */
export async function openCouchdbStore(options: CouchdbStoreOptions): Promise<Store> {
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
  return new CouchdbStore(server, endpoint);
}
