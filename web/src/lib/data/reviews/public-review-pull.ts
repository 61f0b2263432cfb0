import type { RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { clinicReviewsUrl, PULL_BATCH_SIZE, type PublicReview } from '@poisklinik/shared';

/** A pull that has not finished by then (offline, a dead server) is given up; the next trigger tries again. */
const GIVE_UP_MS = 30_000;
const RETRY_MS = 5_000;

async function checkedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, { ...init, cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

/**
 * Pulls one clinic's published reviews once; true when the device then holds the server's state of that
 * moment. One-shot for the same reason as the tickets' pulls (ticket-pull.ts): the browser's few connections
 * per origin are held by the live catalogue and account feeds. The checkpoint is keyed by the clinic's URL, so
 * a repeated pull asks only for what changed, deletions (hidden or removed reviews) included.
 */
export async function pullClinicReviews(
  collection: RxCollection<PublicReview>,
  origin: string,
  clinicId: string,
): Promise<boolean> {
  const url = clinicReviewsUrl(origin, clinicId);
  const replication = replicateCouchDB<PublicReview>({
    replicationIdentifier: `reviews-pull:${url}`,
    collection,
    url,
    live: false,
    waitForLeadership: false,
    retryTime: RETRY_MS,
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
