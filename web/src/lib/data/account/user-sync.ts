import type { RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { collectionUrl } from '@poisklinik/shared';
import { startReviewSync } from '../reviews/review-sync';
import type { UserDb } from './user.db';

/** Pause between retries while offline or while the server fails; the browser's online event cuts it short. */
const RETRY_MS = 5_000;

/** The per-user collections this device replicates, each both ways. */
export type ReplicatedUserCollection = 'profiles' | 'bookings' | 'reviews';

export type UserSyncEvents = {
  /** The server no longer accepts the session cookie: stop, keep local data, ask the user to sign in again. */
  onUnauthorized(): void;
  /** A local document state reached the server. */
  onSent(docId: string, updatedAt: string): void;
  /** A `_changes` answer of this collection arrived: the device holds the server's state of that moment. */
  onPulled(collection: ReplicatedUserCollection, at: Date): void;
  onError(message: string): void;
};

export type UserSync = {
  /** Retry now (the network came back). */
  reSync(): void;
  /** Push queued review writes and pull the server's answers now (reviews sync in runs, see review-sync.ts). */
  syncReviews(): Promise<void>;
  /** Stops replicating; local data and the push checkpoints stay, so queued writes go out on the next start. */
  stop(): Promise<void>;
};

type FetchState = { unauthorized: boolean };

function sessionFetch(collection: ReplicatedUserCollection, events: UserSyncEvents, state: FetchState): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      if (!state.unauthorized) events.onUnauthorized();
      state.unauthorized = true;
      // RxDB treats a throw as "retry later"; the replication is being stopped by then, so the queued push
      // is not marked as sent and survives until the user signs in again.
      throw new Error('HTTP 401: the session is no longer valid');
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/_changes?')) events.onPulled(collection, new Date());
    return response;
  };
}

function replicate<T extends { id: string; updatedAt: string }>(
  name: ReplicatedUserCollection,
  collection: RxCollection<T>,
  origin: string,
  events: UserSyncEvents,
  state: FetchState,
) {
  const url = collectionUrl(origin, name);
  const replication = replicateCouchDB<T>({
    replicationIdentifier: `user-${name}:${url}`,
    collection,
    url,
    live: true,
    retryTime: RETRY_MS,
    pull: { batchSize: 50 },
    push: { batchSize: 50 },
    fetch: sessionFetch(name, events, state),
  });
  replication.sent$.subscribe((doc) => events.onSent(doc.id, doc.updatedAt));
  replication.error$.subscribe((err) => {
    // The 401 is reported once through onUnauthorized; its echo on error$ is not a sync failure to show.
    if (!state.unauthorized) events.onError(err.message);
  });
  return replication;
}

/**
 * Live two-way replication of the signed-in user's per-user collections (profile, bookings; reviews in runs) with the sync
 * server, authenticated by the session cookie. The replication identifiers depend on the server only: the
 * database is already per user, and the same identifier after a re-sign-in resumes the same checkpoints.
 * A booking the server refuses comes back as a push conflict carrying its `rejected` document; RxDB's default
 * conflict handler adopts the server's side, which is what the app shows.
 */
export function startUserSync(db: UserDb, origin: string, events: UserSyncEvents): UserSync {
  const state: FetchState = { unauthorized: false };
  const replications = [
    replicate('profiles', db.profiles, origin, events, state),
    replicate('bookings', db.bookings, origin, events, state),
  ];
  const reviews = startReviewSync(db.reviews, origin, sessionFetch('reviews', events, state), {
    onSent: (docId, updatedAt) => events.onSent(docId, updatedAt),
    onError: (message) => {
      if (!state.unauthorized) events.onError(message);
    },
  });
  void reviews.run();
  return {
    reSync: () => {
      replications.forEach((r) => r.reSync());
      void reviews.run();
    },
    syncReviews: () => reviews.run(),
    stop: async () => {
      await Promise.all([...replications.map((r) => r.cancel()), reviews.stop()]);
    },
  };
}
