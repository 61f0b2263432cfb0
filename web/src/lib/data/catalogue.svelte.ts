import { browser } from '$app/environment';
import type { Clinic, Specialty, SyncScope, Town } from '@poisklinik/shared';
import type { RxCollection } from 'rxdb';
import { userPosition } from '$lib/location/position.svelte';
import { openCatalogueDb, recreateClinics, type CatalogueDb } from './catalogue.db';
import { fetchRemoteCount, fetchRemoteCounts, startCollectionSync, type Replication } from './catalogue-sync';
import { ClinicDetails } from './clinic-details.svelte';
import { installBenchHook } from './bench-hook';
import { ClinicIndexState } from './clinic-index.svelte';
import type { CatalogueFacets } from './clinic-search.adapter';
import type { ClinicSearchParams, ClinicSearchResult } from './clinic-search.types';
import { indexById } from './index-by-id';
import { deleteIndexSnapshot, readIndexSnapshot } from './index-snapshot.store';
import { SyncStatus, type CollectionSync } from './sync-status.svelte';
import {
  DEFAULT_SCOPE_TOWN_ID,
  readScope,
  SCOPE_STORAGE_KEY,
  scopeKey,
  suggestedScopeTown,
  writeScope,
} from './sync-scope.storage';

/** Up to this many clinics in the country, a first run simply takes them all: a town scope saves nothing. */
const COUNTRY_AUTO_LIMIT = 20_000;
/** How long a first run waits for a position before suggesting the default town. */
const POSITION_WAIT_MS = 3_000;

/**
 * The catalogue as the UI sees it: specialties and towns in memory (they are small), clinics behind a search
 * index (they are not) with full documents read by id, plus the sync scope and sync status.
 */
export class Catalogue {
  specialties = $state.raw<readonly Specialty[]>([]);
  towns = $state.raw<readonly Town[]>([]);
  /** Opening IndexedDB failed (private mode in some browsers, storage quota): nothing can be shown. */
  fatalError = $state<string | null>(null);
  /** Null until decided: a first run picks one once it knows the country's size and the user's town. */
  scope = $state<SyncScope | null>(null);
  readonly sync = new SyncStatus();
  readonly details = new ClinicDetails();
  index = $state.raw(new ClinicIndexState());

  readonly specialtiesById = $derived(indexById(this.specialties));
  readonly townsById = $derived(indexById(this.towns));

  #db: CatalogueDb | null = null;
  #origin = '';
  #clinicSync: Replication | null = null;
  #firstScreen: readonly string[] = [];
  #townsLoaded: () => void = () => {};
  readonly #townsReady = new Promise<void>((resolve) => (this.#townsLoaded = resolve));
  #specialtiesLoaded: () => void = () => {};
  readonly #specialtiesReady = new Promise<void>((resolve) => (this.#specialtiesLoaded = resolve));

  /** The search index answers: restored or rebuilt far enough to show results (it may be empty). */
  get loaded(): boolean {
    return this.index.ready || this.fatalError !== null;
  }

  get clinicCount(): number {
    return this.index.size;
  }

  get facets(): CatalogueFacets {
    return this.index.facets;
  }

  search(params: ClinicSearchParams): ClinicSearchResult {
    return this.index.search(params);
  }

  /** A clinic's full document: undefined while it is being read, null when there is no such clinic. */
  clinic(id: string): Clinic | null | undefined {
    return this.details.get(id);
  }

  /** The list reports the ids at the top of the current result; they are saved with the index. */
  showingFirstScreen(ids: readonly string[]): void {
    this.#firstScreen = ids;
  }

  /** The town whose centre measures distances when nothing better is known. */
  fallbackTown(selectedTownId: string): Town | undefined {
    const scope = this.scope;
    const scopeTownId = scope?.kind === 'town' ? scope.townId : DEFAULT_SCOPE_TOWN_ID;
    return (
      this.townsById.get(selectedTownId) ??
      this.townsById.get(scopeTownId) ??
      [...this.towns].sort((a, b) => a.name.localeCompare(b.name, 'ru'))[0]
    );
  }

  /** Opens the database, restores the index and starts the replication. Called once, in the browser. */
  async start(origin: string): Promise<void> {
    this.#origin = origin;
    mark('start');
    // Read the saved index while IndexedDB opens RxDB: both are needed before the first results.
    const snapshot = readIndexSnapshot()
      .catch(() => undefined)
      .finally(() => mark('snapshot-read'));
    const opening = openCatalogueDb();
    installBenchHook({
      search: (params) => this.index.search(params),
      size: () => this.index.size,
      clinics: async () => (await opening).clinics,
    });
    // A known scope paints from the saved index at once, without waiting for RxDB; a first run has nothing yet.
    const stored = readScope(localStorage);
    this.scope = stored;
    if (stored) void this.#startIndex(opening, stored, snapshot);
    try {
      const db = await opening;
      mark('db-open');
      this.#db = db;
      this.details.attach(db.clinics);
      watch(db.specialties, this.sync.collections.specialties, (docs) => {
        this.specialties = docs;
        if (docs.length > 0) this.#specialtiesLoaded();
      });
      watch(db.towns, this.sync.collections.towns, (docs) => {
        this.towns = docs;
        if (docs.length > 0) this.#townsLoaded();
      });

      window.addEventListener('storage', (e) => this.#onStorage(e));
      window.addEventListener('online', () => void this.#refreshCounts());
      window.addEventListener('pagehide', () => void this.index.save());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') void this.index.save();
      });

      for (const name of ['specialties', 'towns'] as const) {
        startCollectionSync(db, name, origin, { kind: 'country' }, this.sync);
      }
      const scope = stored ?? (await this.#firstRunScope(db));
      this.scope = scope;
      writeScope(localStorage, scope);
      if (!stored) void this.#startIndex(opening, scope, snapshot);
      await this.#refreshCounts();
      this.#clinicSync = startCollectionSync(db, 'clinics', origin, scope, this.sync);
    } catch (err) {
      this.fatalError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Replaces the clinics on the device with another scope's (towns and specialties stay). */
  async setScope(scope: SyncScope): Promise<void> {
    const db = this.#db;
    if (!db || (this.scope && scopeKey(this.scope) === scopeKey(scope))) return;
    this.scope = scope;
    writeScope(localStorage, scope);
    await this.#clinicSync?.cancel();
    this.#clinicSync = null;
    this.index.stop();
    this.index = new ClinicIndexState();
    this.details.reset();
    this.sync.collections.clinics.reset();
    await deleteIndexSnapshot().catch(() => undefined);
    // Removing the collection drops its documents and its replication checkpoints in one go, so switching back
    // to a scope later pulls it afresh instead of resuming a checkpoint whose documents are gone.
    await recreateClinics(db);
    this.details.attach(db.clinics);
    await this.#startIndex(Promise.resolve(db), scope, Promise.resolve(undefined));
    await this.#refreshCounts();
    this.#clinicSync = startCollectionSync(db, 'clinics', this.#origin, scope, this.sync);
  }

  async #startIndex(opening: Promise<CatalogueDb>, scope: SyncScope, snapshot: Promise<unknown>): Promise<void> {
    const index = this.index;
    index.onChange = (id, clinic) => this.details.changed(id, clinic);
    index.onPublish = (size) => (this.sync.collections.clinics.localCount = size);
    index.warmRows = () => this.details.peek(this.#firstScreen);
    index.onRestoredRows = (rows) => this.details.seed(rows);
    const clinics = opening.then((db) => db.clinics);
    await index.start(clinics, scopeKey(scope), snapshot, async () => {
      // A first run waits for the small collections' first pull: the index tokenises town and specialty names.
      await Promise.all([this.#townsReady, this.#specialtiesReady]);
      return { towns: this.towns, specialties: this.specialties };
    });
  }

  async #refreshCounts(): Promise<void> {
    if (this.scope) await fetchRemoteCounts(this.#origin, this.scope, this.sync);
  }

  /**
   * First run: a small country is taken whole; otherwise the town nearest to the user (or the default town).
   * Clinics already on the device without a recorded scope came from an app version that synced the whole
   * country, so that is what they are.
   */
  async #firstRunScope(db: CatalogueDb): Promise<SyncScope> {
    if ((await db.clinics.count().exec()) > 0) return { kind: 'country' };
    const count = await fetchRemoteCount(this.#origin, 'clinics', { kind: 'country' }, this.sync);
    if (count !== null && count <= COUNTRY_AUTO_LIMIT) return { kind: 'country' };
    await Promise.all([this.#townsReady, positionSettled(POSITION_WAIT_MS)]);
    const state = userPosition.state;
    const town = suggestedScopeTown(this.towns, state.kind === 'known' ? state.point : null);
    return town ? { kind: 'town', townId: town.id } : { kind: 'country' };
  }

  #onStorage(event: StorageEvent): void {
    // Another tab switched scope and is replacing the clinics: this tab's index and replication are stale.
    if (event.key === SCOPE_STORAGE_KEY && this.scope && event.newValue !== scopeKey(this.scope)) {
      location.reload();
      return;
    }
    this.sync.onStorage(event);
  }
}

/** Cold-start milestones, visible in the browser's performance timeline (and read by the e2e). */
export function mark(name: string): void {
  performance.mark(`poisklinik:${name}`);
}

function positionSettled(maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      if (userPosition.state.kind !== 'locating' || Date.now() - started >= maxMs) resolve();
      else setTimeout(poll, 100);
    };
    poll();
  });
}

function watch<T>(collection: RxCollection<T>, status: CollectionSync, set: (docs: T[]) => void): void {
  // Small collections only (specialties, towns): re-reading them on a change is cheaper than bookkeeping.
  collection.find().$.subscribe((docs) => {
    // Plain data without RxDB's meta fields; mutable copies because dev-mode deep-freezes documents.
    set(docs.map((d) => d.toMutableJSON()));
    status.localCount = docs.length;
  });
}

let instance: Catalogue | undefined;

/** The app's catalogue; starts loading and syncing on first call. */
export function getCatalogue(): Catalogue {
  if (!instance) {
    instance = new Catalogue();
    if (browser) void instance.start(location.origin);
  }
  return instance;
}
