// Picks the backend: CouchDB when a URL is configured (production), else the embedded store on disk (dev, demo).
import { openCouchdbStore } from './couchdb.store';
import { openPouchdbStore } from './pouchdb.store';
import type { Store } from './store.types';

export { redactUrl } from './couchdb-http';

export type CreateStoreOptions = {
  /** e.g. `http://admin:admin@127.0.0.1:5984`; empty or missing selects the embedded store. */
  couchdbUrl?: string;
  /** Before every CouchDB database name (`COUCHDB_DB_PREFIX`); unused by the embedded store, whose data dir is its own. */
  couchdbDbPrefix?: string;
  /** Where the embedded store keeps its databases; unused with CouchDB. */
  dataDir: string;
};

/** The store part of the server's configuration. */
export function storeOptionsOf(config: {
  readonly dataDir: string;
  readonly couchdbUrl: string | undefined;
  readonly couchdbDbPrefix: string;
}): CreateStoreOptions {
  return {
    dataDir: config.dataDir,
    ...(config.couchdbUrl ? { couchdbUrl: config.couchdbUrl, couchdbDbPrefix: config.couchdbDbPrefix } : {}),
  };
}

export function createStore(options: CreateStoreOptions): Promise<Store> {
  // An empty COUCHDB_URL (common in compose files and .env templates) means "not configured", not "invalid URL".
  const couchdbUrl = options.couchdbUrl?.trim();
  return couchdbUrl
    ? openCouchdbStore({ url: couchdbUrl, dbPrefix: options.couchdbDbPrefix ?? '' })
    : openPouchdbStore({ dataDir: options.dataDir });
}
