import { browser } from '$app/environment';
import type { Clinic, Specialty, Town } from '@poisklinik/shared';
import type { RxCollection } from 'rxdb';
import { openCatalogueDb } from './catalogue.db';
import { indexById } from './index-by-id';
import { fetchRemoteCounts, startCatalogueSync } from './catalogue-sync';
import { SyncStatus, type CollectionSync } from './sync-status.svelte';
import { searchClinics } from './clinic-search.adapter';
import type { ClinicSearchParams, ClinicSearchResult } from './clinic-search.types';
import { fallbackTown } from '$lib/view/clinic-list.view';

/**
 * The whole catalogue held in memory as plain objects, kept current by live RxDB queries. The catalogue is
 * small (a region's clinics), so filtering in memory is instant and needs no IndexedDB indexes.
 */
export class Catalogue {
  clinics = $state.raw<readonly Clinic[]>([]);
  specialties = $state.raw<readonly Specialty[]>([]);
  towns = $state.raw<readonly Town[]>([]);
  /** The first read from IndexedDB has completed (it may still be empty on a first visit). */
  loaded = $state(false);
  /** Opening IndexedDB failed (private mode in some browsers, storage quota): nothing can be shown. */
  fatalError = $state<string | null>(null);
  readonly sync = new SyncStatus();

  readonly clinicsById = $derived(indexById(this.clinics));
  readonly specialtiesById = $derived(indexById(this.specialties));
  readonly townsById = $derived(indexById(this.towns));

  /** Answers a query from memory; reactive on the catalogue's content. */
  search(params: ClinicSearchParams): ClinicSearchResult {
    return searchClinics(this.clinics, (townId) => this.townsById.get(townId)?.timezone, params);
  }

  /** The town whose centre measures distances when nothing better is known. */
  fallbackTown(selectedTownId: string): Town | undefined {
    return fallbackTown(this.towns, this.clinics, selectedTownId);
  }

  /** Opens the database, starts the live queries and the replication. Called once, in the browser. */
  async start(origin: string): Promise<void> {
    try {
      const db = await openCatalogueDb();
      let pending = 3;
      const firstResult = () => {
        pending -= 1;
        if (pending === 0) this.loaded = true;
      };
      watch(db.clinics, this.sync.collections.clinics, (docs) => (this.clinics = docs), firstResult);
      watch(db.specialties, this.sync.collections.specialties, (docs) => (this.specialties = docs), firstResult);
      watch(db.towns, this.sync.collections.towns, (docs) => (this.towns = docs), firstResult);

      window.addEventListener('storage', (e) => this.sync.onStorage(e));
      window.addEventListener('online', () => void fetchRemoteCounts(origin, this.sync));
      await fetchRemoteCounts(origin, this.sync);
      startCatalogueSync(db, origin, this.sync);
    } catch (err) {
      this.fatalError = err instanceof Error ? err.message : String(err);
      this.loaded = true;
    }
  }
}

function watch<T>(
  collection: RxCollection<T>,
  status: CollectionSync,
  set: (docs: T[]) => void,
  onFirst: () => void,
): void {
  let first = true;
  collection.find().$.subscribe((docs) => {
    // Plain data without RxDB's meta fields (the UI never needs RxDocument methods); mutable copies because
    // dev-mode deep-freezes documents and Svelte state should not hold frozen RxDB internals.
    set(docs.map((d) => d.toMutableJSON()));
    status.localCount = docs.length;
    if (first) {
      first = false;
      onFirst();
    }
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
