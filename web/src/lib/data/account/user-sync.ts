import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';
import { collectionUrl, type Profile } from '@poisklinik/shared';
import type { UserDb } from './user.db';

/** Pause between retries while offline or while the server fails; the browser's online event cuts it short. */
const RETRY_MS = 5_000;

export type UserSyncEvents = {
  /** The server no longer accepts the session cookie: stop, keep local data, ask the user to sign in again. */
  onUnauthorized(): void;
  /** A local document state reached the server. */
  onSent(docId: string, updatedAt: string): void;
  onError(message: string): void;
};

export type UserSync = {
  /** Retry now (the network came back). */
  reSync(): void;
  /** Stops replicating; local data and the push checkpoint stay, so queued writes go out on the next start. */
  stop(): Promise<void>;
};

function sessionFetch(events: UserSyncEvents, state: { unauthorized: boolean }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 401) {
      state.unauthorized = true;
      events.onUnauthorized();
      // RxDB treats a throw as "retry later"; the replication is being stopped by then, so the queued push
      // is not marked as sent and survives until the user signs in again.
      throw new Error('HTTP 401: the session is no longer valid');
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response;
  };
}

/**
 * Live two-way replication of the signed-in user's per-user collections (`profiles` for now) with the sync
 * server, authenticated by the session cookie. The replication identifier depends on the server only: the
 * database is already per user, and the same identifier after a re-sign-in resumes the same checkpoints.
 */
export function startUserSync(db: UserDb, origin: string, events: UserSyncEvents): UserSync {
  const url = collectionUrl(origin, 'profiles');
  const state = { unauthorized: false };
  const replication = replicateCouchDB<Profile>({
    replicationIdentifier: `user-profiles:${url}`,
    collection: db.profiles,
    url,
    live: true,
    retryTime: RETRY_MS,
    pull: { batchSize: 50 },
    push: { batchSize: 50 },
    fetch: sessionFetch(events, state),
  });
  replication.sent$.subscribe((doc) => events.onSent(doc.id, doc.updatedAt));
  replication.error$.subscribe((err) => {
    // The 401 is reported once through onUnauthorized; its echo on error$ is not a sync failure to show.
    if (!state.unauthorized) events.onError(err.message);
  });
  return {
    reSync: () => replication.reSync(),
    stop: () => replication.cancel(),
  };
}
