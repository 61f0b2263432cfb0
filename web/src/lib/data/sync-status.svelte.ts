import { catalogueCollections, isCatalogueCollection, type CatalogueCollection } from '@poisklinik/shared';
import {
  clearSyncTime,
  collectionOfKey,
  oldest,
  parseSyncTime,
  readSyncTime,
  writeSyncTime,
} from './sync-time.storage';
import { firstSyncProgress } from './sync-progress';

/** Sync state of one collection; reactive fields for the UI, mutators for the data layer only. */
export class CollectionSync {
  /** Documents on the server (`doc_count`), null until the server has answered once. */
  remoteCount = $state<number | null>(null);
  /** Documents in IndexedDB on this device. */
  localCount = $state(0);
  /** When a pull last succeeded (any tab); survives reloads. */
  lastSyncedAt = $state<Date | null>(null);
  error = $state<string | null>(null);

  constructor(readonly name: CatalogueCollection) {
    this.lastSyncedAt = readSyncTime(name);
  }

  /** The first full pull has finished at some point (this or an earlier visit). */
  get hasSynced(): boolean {
    return this.lastSyncedAt !== null;
  }

  /** This tab's replication has finished its initial pull (all batches) since the app started. */
  initialPullDone = false;

  markInitialPullDone(at: Date): void {
    // On the performance timeline for `pnpm bench` (initial sync time) and anyone profiling a first visit.
    if (!this.initialPullDone) performance.mark(`poisklinik:initial-pull-${this.name}`);
    this.initialPullDone = true;
    this.markPulled(at);
  }

  markPulled(at: Date): void {
    this.lastSyncedAt = at;
    this.error = null;
    writeSyncTime(this.name, at);
  }

  markFailed(message: string): void {
    this.error = message;
  }

  /** The local copy is being replaced (new sync scope): it has never synced, as far as anyone can tell. */
  reset(): void {
    this.remoteCount = null;
    this.localCount = 0;
    this.lastSyncedAt = null;
    this.error = null;
    this.initialPullDone = false;
    clearSyncTime(this.name);
  }
}

export class SyncStatus {
  readonly collections: Record<CatalogueCollection, CollectionSync> = {
    clinics: new CollectionSync('clinics'),
    specialties: new CollectionSync('specialties'),
    towns: new CollectionSync('towns'),
  };

  private get all(): CollectionSync[] {
    return catalogueCollections.map((c) => this.collections[c]);
  }

  /** Every collection has completed its first pull: the catalogue can be shown as complete. */
  readonly ready = $derived(this.all.every((c) => c.hasSynced));

  /** First-sync progress over all collections; `total` is null while the server has not told us its counts. */
  readonly progress = $derived.by(() => {
    const done = this.all.reduce((n, c) => n + c.localCount, 0);
    const counts = this.all.map((c) => c.remoteCount);
    const total = counts.every((n) => n !== null) ? counts.reduce<number>((n, c) => n + (c ?? 0), 0) : null;
    return firstSyncProgress(done, total);
  });

  /**
   * The catalogue as a whole is as fresh as its stalest collection, so that is the time shown to the user.
   */
  readonly lastSyncedAt = $derived.by(() => {
    return oldest(this.all.map((c) => c.lastSyncedAt));
  });

  readonly error = $derived(this.all.find((c) => c.error !== null)?.error ?? null);

  /** Another tab (the replicating leader) recorded a pull: mirror it here. */
  onStorage(event: StorageEvent): void {
    const name = collectionOfKey(event.key);
    if (name && isCatalogueCollection(name)) {
      this.collections[name].lastSyncedAt = parseSyncTime(event.newValue);
      this.collections[name].error = null;
    }
  }
}
