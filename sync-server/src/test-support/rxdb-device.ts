// A device stand-in for the per-user collections: RxDB 17 on memory storage, validating like the app's dev builds,
// replicating one collection live both ways with the session cookie (as the browser sends it), against a running
// server on the real store. Counts its pushes, so a test can tell a settled answer from a retry loop.
import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { collectionUrl, type UserCollection } from '@poisklinik/shared';
import { sessionFetch, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';

export type RxDevice<T> = {
  db: RxDatabase;
  collection: RxCollection<T>;
  replication: RxCouchDBReplicationState<T>;
  errors: unknown[];
  /** `_bulk_docs` requests sent. */
  pushes: number;
  /** Every document the device received through its pull (`_changes`), in arrival order. */
  pulledDocs: Record<string, unknown>[];
};

let created = 0;

/** Starts the device and waits for its first pull; stop it with `stopRxDevice`. */
export async function startRxDevice<T>(
  server: SyncServer,
  session: TestSession,
  name: UserCollection,
  schema: RxJsonSchema<T>,
  /** Runs before the replication starts: what the user did on the device while it was offline. */
  offline?: (collection: RxCollection<T>) => Promise<void>,
): Promise<RxDevice<T>> {
  created += 1;
  const db = await createRxDatabase({
    name: `${name}-device-${session.userId}-${created}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    multiInstance: false,
  });
  const collections = await db.addCollections({ [name]: { schema } });
  const collection = collections[name] as RxCollection<T>;
  if (offline) await offline(collection);
  const signedFetch = sessionFetch(server, session);
  // The counters exist before the replication starts: its first request may come before this function returns.
  const seen = { errors: [] as unknown[], pushes: 0, pulledDocs: [] as Record<string, unknown>[] };
  const replication = replicateCouchDB<T>({
    replicationIdentifier: `${name}:${session.userId}`,
    collection,
    url: collectionUrl(server.url, name),
    live: true,
    waitForLeadership: false,
    retryTime: 500,
    pull: { batchSize: 50 },
    push: { batchSize: 50 },
    fetch: async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('_bulk_docs')) seen.pushes += 1;
      const res = await signedFetch(input, init);
      if (url.includes('_changes') && res.ok) {
        const body = (await res.clone().json()) as { results?: { doc?: Record<string, unknown> }[] };
        for (const row of body.results ?? []) if (row.doc) seen.pulledDocs.push(row.doc);
      }
      return res;
    },
  });
  const dev: RxDevice<T> = Object.assign(seen, { db, collection, replication });
  dev.replication.error$.subscribe((e) => dev.errors.push(e));
  await dev.replication.awaitInitialReplication();
  return dev;
}

export async function stopRxDevice<T>(dev: RxDevice<T>): Promise<void> {
  await dev.replication.cancel();
  await dev.db.remove();
}
