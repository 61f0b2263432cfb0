// Picks the backend: CouchDB when a URL is configured (production), else the embedded store on disk (dev, demo).
import { openCouchdbStore } from './couchdb.store';
import { openPouchdbStore } from './pouchdb.store';
import type { Store } from './store.types';

export { redactUrl } from './couchdb-http';

export type CreateStoreOptions = {
  /** e.g. `http://admin:admin@127.0.0.1:5984`; empty or missing selects the embedded store. */
  couchdbUrl?: string;
  /** Where the embedded store keeps its databases; unused with CouchDB. */
  dataDir: string;
};

export function createStore(options: CreateStoreOptions): Promise<Store> {
  // An empty COUCHDB_URL (common in compose files and .env templates) means "not configured", not "invalid URL".
  const couchdbUrl = options.couchdbUrl?.trim();
  return couchdbUrl ? openCouchdbStore({ url: couchdbUrl }) : openPouchdbStore({ dataDir: options.dataDir });
}
