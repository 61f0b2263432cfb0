// A CouchDB stand-in for tests when no real CouchDB is configured: express-pouchdb over in-memory PouchDB on a
// random loopback port. It deviates from CouchDB (ignores long-poll `timeout`, reorders `_bulk_docs` rows, merges
// `_bulk_get` requests, omits `doc_del_count`, admin party); the adapter copes with those generically, never by
// detecting the stand-in, so passing here says nothing CouchDB-specific is missing only where CouchDB is lenient.
import { createServer } from 'node:http';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';

export type CouchStandIn = { readonly url: string; stop(): Promise<void> };

export async function startCouchStandIn(): Promise<CouchStandIn> {
  PouchDB.plugin(memoryAdapter);
  const app = express();
  // Random revision ids, as the embedded store uses (see pouchdb-database.ts).
  // 'minimumForPouchDB' leaves out the config and log files the full mode writes into the working directory.
  app.use(
    '/',
    expressPouchDB(PouchDB.defaults({ adapter: 'memory', deterministic_revs: false }), { mode: 'minimumForPouchDB' }),
  );
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The stand-in did not bind a TCP port');
  return {
    // Credentials are ignored by the stand-in, but sending them exercises the adapter's auth header path.
    url: `http://admin:secret@127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Long-polls the stand-in never answers would keep server.close() waiting for ever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
