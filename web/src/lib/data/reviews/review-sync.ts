import type { RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { collectionUrl, type Review } from '@poisklinik/shared';

/** A run that has not finished by then (a dead server) is given up; the next trigger tries again. */
const GIVE_UP_MS = 30_000;
const RETRY_MS = 5_000;

export type ReviewSyncEvents = {
  onSent(docId: string, updatedAt: string): void;
  onError(message: string): void;
};

export type ReviewSync = {
  /** Pushes queued review writes and pulls the server's answers once; a call during a run queues one more run. */
  run(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The user's own reviews are replicated in one-shot runs, not by a live feed like profiles and bookings: the
 * browser gives an origin ~6 connections, and the catalogue's and the account's live long-polls already hold
 * that many once signed in — a seventh starved every other request, the service worker's precache included.
 * Reviews change rarely, so runs on start, on reconnect, after each local write, and when a clinic page opens
 * are enough. A run that sent something runs once more: the server's decision (published, hidden, rejected)
 * is a new revision the same run may have pulled before the push was answered.
 */
export function startReviewSync(
  collection: RxCollection<Review>,
  origin: string,
  fetchWithSession: typeof fetch,
  events: ReviewSyncEvents,
): ReviewSync {
  const url = collectionUrl(origin, 'reviews');
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;

  async function once(): Promise<boolean> {
    const replication = replicateCouchDB<Review>({
      // The same identifier as a live replication would use: the checkpoints carry over between runs.
      replicationIdentifier: `user-reviews:${url}`,
      collection,
      url,
      live: false,
      waitForLeadership: false,
      retryTime: RETRY_MS,
      pull: { batchSize: 50 },
      push: { batchSize: 50 },
      fetch: fetchWithSession,
    });
    let sent = false;
    replication.sent$.subscribe((doc) => {
      sent = true;
      events.onSent(doc.id, doc.updatedAt);
    });
    replication.error$.subscribe((err) => events.onError(err.message));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, GIVE_UP_MS);
    });
    try {
      await Promise.race([replication.awaitInitialReplication(), gaveUp]);
    } catch {
      // Reported through error$; the next trigger tries again.
    } finally {
      clearTimeout(timer);
      if (!replication.isStopped()) await replication.cancel();
    }
    return sent;
  }

  async function loop(): Promise<void> {
    let runs = 0;
    do {
      again = false;
      if (stopped || !navigator.onLine) return;
      if (await once()) again = true;
      runs++;
    } while (again && runs < 3);
  }

  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => (running = null));
      return running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
