import { catalogueCollections, TICKETS_COLLECTION, userCollections, type SyncHealth } from '@poisklinik/shared';
import { PUBLIC_REVIEWS_DB } from '../reviews/review.store';
import type { Store } from '../store/store.types';
import { CLIENT_WINDOW_MINUTES, RecentClients } from './recent-clients';
import { LAG_WINDOW_MINUTES, ReplicationLag } from './replication-lag';
import { REQUEST_WINDOW_MINUTES, RequestStats } from './request-stats';

/** Every collection a device replicates: the ones whose sequence and lag the dashboard shows. */
export const replicatedCollections: readonly string[] = [
  ...new Set<string>([...catalogueCollections, ...userCollections, TICKETS_COLLECTION, PUBLIC_REVIEWS_DB]),
];

export type SyncHealthDeps = {
  store: Store;
  instanceId: string;
  /** Long-polls waiting now on this instance. */
  activeLongPolls: () => number;
  /** Real wall clock: rates and windows are about real minutes, never a test's shifted clock. */
  clock?: () => number;
};

/**
 * What the admin's sync-health view shows. Counters (clients, lag, request rates) are this instance's, kept in
 * memory by hooks; sequences, sizes and conflicts are read from the store, which every instance shares.
 */
export class SyncHealthService {
  readonly requests = new RequestStats();
  readonly clients = new RecentClients();
  readonly lag: ReplicationLag;
  readonly #clock: () => number;
  readonly #startedAt: string;
  /** Concurrent dashboard polls share one store read (it scans every database for conflicts). */
  #inFlight: Promise<SyncHealth> | undefined;

  constructor(private readonly deps: SyncHealthDeps) {
    this.#clock = deps.clock ?? Date.now;
    this.#startedAt = new Date(this.#clock()).toISOString();
    this.lag = new ReplicationLag(deps.store, replicatedCollections);
  }

  now(): number {
    return this.#clock();
  }

  report(): Promise<SyncHealth> {
    this.#inFlight ??= this.#build().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #build(): Promise<SyncHealth> {
    const { store } = this.deps;
    const names = await store.listDatabases();
    const databases = await Promise.all(
      names.map(async (name) => {
        const db = await store.database(name);
        const [info, conflicted] = await Promise.all([db.info(), db.listConflicted()]);
        return { name, info, conflicts: conflicted.length };
      }),
    );
    const now = this.#clock();
    const byName = new Map(databases.map((d) => [d.name, d]));
    const collections = replicatedCollections.map((name) => {
      const info = byName.get(name)?.info;
      return {
        name,
        updateSeq: info?.updateSeq ?? 0,
        docCount: info?.docCount ?? 0,
        lag: this.lag.summary(name, now),
      };
    });
    const sized = databases.map((d) => ({ name: d.name, sizeBytes: d.info.sizeBytes ?? 0 }));
    const withConflicts = databases.filter((d) => d.conflicts > 0).map((d) => ({ name: d.name, count: d.conflicts }));
    return {
      instanceId: this.deps.instanceId,
      startedAt: this.#startedAt,
      checkedAt: new Date(now).toISOString(),
      clients: {
        longPollsOpen: this.deps.activeLongPolls(),
        recent: this.clients.count(now),
        windowMinutes: CLIENT_WINDOW_MINUTES,
      },
      collections,
      lagWindowMinutes: LAG_WINDOW_MINUTES,
      store: { kind: store.kind, sizeBytes: sized.reduce((sum, d) => sum + d.sizeBytes, 0), databases: sized },
      requests: { windowMinutes: REQUEST_WINDOW_MINUTES, ...this.requests.snapshot(now) },
      conflicts: { unresolved: withConflicts.reduce((sum, d) => sum + d.count, 0), byDatabase: withConflicts },
    };
  }
}
