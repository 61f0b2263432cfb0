import type { RxCollection } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import {
  catalogueCollections,
  PULL_BATCH_SIZE,
  scopedCollectionUrl,
  type CatalogueCollection,
  type SyncScope,
} from '@poisklinik/shared';
import type { CatalogueDb } from './catalogue.db';
import type { CollectionSync, SyncStatus } from './sync-status.svelte';

/** How long to wait before retrying a failed pull (also the long-poll retry pause). */
const RETRY_MS = 5_000;

/**
 * A fetch that reports to the status: once the initial pull is complete, every `_changes` answer is a
 * successful pull, whatever it contained (an empty long-poll answer still proves the local copy is current).
 * Before that, one batch of many is not "synced", so the initial pull's end is reported separately.
 */
function trackingFetch(status: CollectionSync): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!response.ok) {
      // RxDB would fail on the JSON body anyway; a clear HTTP error is easier to read than a parse error.
      throw new Error(`HTTP ${response.status} for ${url}`);
    }
    if (status.initialPullDone && url.includes('/_changes?')) status.markPulled(new Date());
    return response;
  };
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

function replicate<T>(collection: RxCollection<T>, url: string, status: CollectionSync): RxCouchDBReplicationState<T> {
  const replication = replicateCouchDB<T>({
    // The identifier keys the client-side checkpoint: a different server means a fresh pull.
    replicationIdentifier: `catalogue-pull:${url}`,
    collection,
    url,
    live: true,
    retryTime: RETRY_MS,
    // Read-only catalogue: the server refuses pushes, so none are configured.
    pull: { batchSize: PULL_BATCH_SIZE },
    fetch: trackingFetch(status),
  });
  replication.error$.subscribe((err) => status.markFailed(describeError(err)));
  // Resolves after every batch of the first pull (only in the tab that won leadership and replicates).
  replication
    .awaitInitialReplication()
    .then(() => status.markInitialPullDone(new Date()))
    .catch((err: unknown) => status.markFailed(describeError(err)));
  return replication;
}

/**
 * `GET /db/<c>/` (the scoped URL for clinics) → doc_count, for the first-sync progress. Failures are fine:
 * progress is cosmetic.
 */
export async function fetchRemoteCounts(origin: string, scope: SyncScope, status: SyncStatus): Promise<void> {
  await Promise.all(catalogueCollections.map((name) => fetchRemoteCount(origin, name, scope, status)));
}

export async function fetchRemoteCount(
  origin: string,
  name: CatalogueCollection,
  scope: SyncScope,
  status: SyncStatus,
): Promise<number | null> {
  try {
    const response = await fetch(scopedCollectionUrl(origin, name, scope), { cache: 'no-store' });
    if (!response.ok) return null;
    const info: unknown = await response.json();
    if (typeof info === 'object' && info !== null && 'doc_count' in info && typeof info.doc_count === 'number') {
      status.collections[name].remoteCount = info.doc_count;
      return info.doc_count;
    }
  } catch {
    // Offline: keep whatever count we had.
  }
  return null;
}

export type Replication = { cancel(): Promise<unknown> };

/**
 * Starts live, pull-only replication of one catalogue collection (clinics from the scope's URL). With several
 * tabs open only the elected leader actually pulls (RxDB's waitForLeadership default); the others see its
 * writes through the shared IndexedDB and its sync times through localStorage.
 */
export function startCollectionSync(
  db: CatalogueDb,
  name: CatalogueCollection,
  origin: string,
  scope: SyncScope,
  status: SyncStatus,
): Replication {
  const url = scopedCollectionUrl(origin, name, scope);
  switch (name) {
    case 'clinics':
      return replicate(db.clinics, url, status.collections.clinics);
    case 'specialties':
      return replicate(db.specialties, url, status.collections.specialties);
    case 'towns':
      return replicate(db.towns, url, status.collections.towns);
  }
}
