import type { RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { PULL_BATCH_SIZE } from '@poisklinik/shared';

/** A pull that has not finished by then (offline, a dead server) is given up; the next trigger tries again. */
const GIVE_UP_MS = 30_000;
const RETRY_MS = 5_000;

async function checkedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, { ...init, cache: 'no-store' });
  // RxDB would fail on the JSON body anyway; a clear HTTP error is easier to read than a parse error.
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

/**
 * Pulls a read-only CouchDB-style feed (`url`) into the collection once (`live: false`) and resolves true when
 * the device holds the server's state of it at the time of the pull, false when it gave up. One-shot on
 * purpose: a live long-poll per clinic or scope would each hold one of the browser's ~6 connections per origin,
 * which the catalogue and the account already use. The identifier keys a checkpoint per feed URL, so a repeated
 * pull asks only for what changed, deletions included; `checkpoint` names the kind of feed and must stay the
 * same across releases, or every device pulls everything again. Every tab may pull (no leader election): pulls
 * are idempotent and land in the shared IndexedDB.
 */
export async function pullFeedOnce<T>(
  collection: RxCollection<T>,
  url: string,
  checkpoint: 'tickets-pull' | 'reviews-pull',
): Promise<boolean> {
  const replication = replicateCouchDB<T>({
    replicationIdentifier: `${checkpoint}:${url}`,
    collection,
    url,
    live: false,
    waitForLeadership: false,
    retryTime: RETRY_MS,
    // Read-only on the server: no push.
    pull: { batchSize: PULL_BATCH_SIZE },
    fetch: checkedFetch,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), GIVE_UP_MS);
  });
  try {
    const done = replication.awaitInitialReplication().then(() => true as const);
    return await Promise.race([done, gaveUp]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (!replication.isStopped()) await replication.cancel();
  }
}
