import { getChangedDocumentsSince, type RxChangeEventBulk, type RxCollection, type RxDocumentData } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Clinic, Specialty, Town } from '@poisklinik/shared';
import {
  createClinicIndex,
  restoreClinicIndex,
  SEARCH_INDEX_FORMAT,
  type CatalogueFacets,
  type ClinicIndex,
} from './clinic-search.adapter';
import { emptySearchResult, type ClinicSearchParams, type ClinicSearchResult } from './clinic-search.types';
import {
  consistentWithCollection,
  isAfter,
  laterCheckpoint,
  usableSnapshot,
  type IndexCheckpoint,
} from './index-checkpoint';
import { writeIndexSnapshot } from './index-snapshot.store';

/** Documents read per IndexedDB query while catching up or rebuilding: big enough to amortise, small enough to yield. */
const CATCH_UP_BATCH = 5_000;
/** A quiet period after the last change before saving; a first sync saves anyway every SAVE_MAX_WAIT_MS. */
const SAVE_DEBOUNCE_MS = 3_000;
const SAVE_MAX_WAIT_MS = 30_000;
/** Re-run queries at most this often while a replication streams batches in. */
const PUBLISH_THROTTLE_MS = 150;

export type IndexOrigin = 'restored' | 'rebuilt';

/** The small collections a fresh index is built with: town names and zones, specialty names and synonyms. */
export type Reference = { readonly towns: readonly Town[]; readonly specialties: readonly Specialty[] };

function plainClinic(doc: RxDocumentData<Clinic>): Clinic {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...clinic } = doc;
  return clinic;
}

function asCheckpoint(value: unknown): IndexCheckpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  return 'id' in value && 'lwt' in value && typeof value.id === 'string' && typeof value.lwt === 'number'
    ? { id: value.id, lwt: value.lwt }
    : null;
}

/**
 * The in-memory search index of the clinics collection and its life cycle:
 * restore the saved snapshot (no document reads) → apply only documents written after its checkpoint → follow
 * the collection's change stream (replication batches and other tabs' writes) → save again, debounced.
 * Without a usable snapshot it is rebuilt by reading the collection once, in pages.
 */
export class ClinicIndexState {
  /** Bumped whenever the index content changes (throttled); queries depend on it. */
  version = $state(0);
  /** The index answers queries (restored, or the first page of a rebuild is in). */
  ready = $state(false);
  size = $state(0);
  /** Catalogue-wide facts for the filters; computed only when read, once per published change. */
  readonly facets: CatalogueFacets = $derived.by(() => {
    void this.version;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh value per version, never mutated
    return this.#index?.facets() ?? { specialtyCodes: new Set<string>(), rated: false };
  });
  /** How this session's index came to be; for diagnostics and the cold-start test. */
  origin = $state<IndexOrigin | null>(null);

  #index: ClinicIndex | null = null;
  #checkpoint: IndexCheckpoint | null = null;
  #scopeKey = '';
  #subscription: Subscription | null = null;
  #publishTimer: ReturnType<typeof setTimeout> | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #firstUnsavedAt: number | null = null;
  #stopped = false;
  /** Called for every changed clinic, so caches of full documents stay current. */
  onChange: (id: string, clinic: Clinic | null) => void = () => {};
  /** Full documents of the first screen of results, saved with the index so a cold start paints rows at once. */
  warmRows: () => readonly Clinic[] = () => [];
  onRestoredRows: (rows: readonly Clinic[]) => void = () => {};
  /** Called with the clinic count whenever queries are re-run. */
  onPublish: (size: number) => void = () => {};

  search(params: ClinicSearchParams): ClinicSearchResult {
    void this.version;
    return this.ready && this.#index ? this.#index.search(params) : emptySearchResult;
  }

  /**
   * `saved` is the snapshot store's content, read in parallel with opening the database; `reference` resolves
   * with towns and specialties once they are on the device (a rebuild needs them, a restore does not).
   */
  async start(
    opening: Promise<RxCollection<Clinic>>,
    scopeKey: string,
    saved: Promise<unknown>,
    reference: () => Promise<Reference>,
  ): Promise<void> {
    this.#scopeKey = scopeKey;
    // The snapshot needs no database: results (and, with the saved first-screen rows, the rows themselves) are
    // painted while RxDB is still opening.
    const snapshot = usableSnapshot(await saved, scopeKey, SEARCH_INDEX_FORMAT);
    const restored = snapshot ? restoreClinicIndex(snapshot.index) : null;
    if (snapshot && restored) {
      this.#index = restored;
      this.#checkpoint = snapshot.checkpoint;
      this.origin = 'restored';
      this.onRestoredRows(snapshot.rows);
      this.#publishNow();
      performance.mark('poisklinik:index-restored');
    }

    const collection = await opening;
    if (this.#stopped) return;
    // Subscribe before reading any document, so no write falls between the catch-up and the live stream; bulks
    // that arrive meanwhile wait and are applied only if they are newer than what the catch-up read.
    const pending: RxChangeEventBulk<Clinic>[] = [];
    let live = false;
    this.#subscription = collection.eventBulks$.subscribe((bulk: RxChangeEventBulk<Clinic>) => {
      if (live) this.#applyBulk(bulk);
      else pending.push(bulk);
    });

    if (!restored) {
      const { towns, specialties } = await reference();
      this.#index = createClinicIndex(towns, specialties);
      this.origin = 'rebuilt';
    }

    await this.#catchUp(collection);
    for (const bulk of pending) {
      const cp = asCheckpoint(bulk.checkpoint);
      if (cp === null || isAfter(cp, this.#checkpoint)) this.#applyBulk(bulk);
    }
    live = true;

    // A restored snapshot that disagrees with the collection (a reset database, a lost deletion) is rebuilt.
    const size = this.#index?.size ?? 0;
    if (this.origin === 'restored' && !consistentWithCollection(size, await collection.count().exec())) {
      const { towns, specialties } = await reference();
      this.#index = createClinicIndex(towns, specialties);
      this.#checkpoint = null;
      this.origin = 'rebuilt';
      await this.#catchUp(collection);
    }
    this.#publishNow();
    performance.mark('poisklinik:index-caught-up');
    if (this.#firstUnsavedAt !== null || this.origin === 'rebuilt') this.#scheduleSave(0);
  }

  /** Reads every document written after the checkpoint, in pages (all of them when rebuilding). */
  async #catchUp(collection: RxCollection<Clinic>): Promise<void> {
    for (;;) {
      const { documents, checkpoint } = await getChangedDocumentsSince<Clinic, IndexCheckpoint>(
        collection.storageInstance,
        CATCH_UP_BATCH,
        this.#checkpoint ?? undefined,
      );
      if (this.#stopped || documents.length === 0) return;
      for (const doc of documents) this.#applyDoc(doc);
      this.#index?.tidy();
      this.#checkpoint = laterCheckpoint(this.#checkpoint, asCheckpoint(checkpoint));
      this.#markDirty();
      // Paint the first page of a rebuild at once rather than after the whole collection.
      if (!this.ready) this.#publishNow();
      if (documents.length < CATCH_UP_BATCH) return;
    }
  }

  #applyDoc(doc: RxDocumentData<Clinic>): void {
    if (!this.#index) return;
    if (doc._deleted) {
      this.#index.remove(doc.id);
      this.onChange(doc.id, null);
    } else {
      const clinic = plainClinic(doc);
      this.#index.upsert(clinic);
      this.onChange(clinic.id, clinic);
    }
  }

  #applyBulk(bulk: RxChangeEventBulk<Clinic>): void {
    if (this.#stopped) return;
    for (const event of bulk.events) this.#applyDoc(event.documentData);
    this.#checkpoint = laterCheckpoint(this.#checkpoint, asCheckpoint(bulk.checkpoint));
    this.#markDirty();
    this.#publish();
  }

  #markDirty(): void {
    this.#firstUnsavedAt ??= Date.now();
    this.#scheduleSave(SAVE_DEBOUNCE_MS);
  }

  #publish(): void {
    this.#publishTimer ??= setTimeout(() => this.#publishNow(), PUBLISH_THROTTLE_MS);
  }

  #publishNow(): void {
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    if (!this.#index) return;
    // Between queries is the safe moment: results computed before refer to the old slots and are replaced now.
    this.#index.tidy();
    this.size = this.#index.size;
    this.ready = true;
    this.version += 1;
    this.onPublish(this.size);
  }

  #scheduleSave(delay: number): void {
    clearTimeout(this.#saveTimer);
    const overdue = this.#firstUnsavedAt !== null && Date.now() - this.#firstUnsavedAt >= SAVE_MAX_WAIT_MS;
    this.#saveTimer = setTimeout(() => void this.save(), overdue ? 0 : delay);
  }

  /** Saves the index with the checkpoint it reflects; also called when the page is hidden. */
  async save(): Promise<void> {
    clearTimeout(this.#saveTimer);
    if (this.#firstUnsavedAt === null || this.#stopped || !this.ready || !this.#index) return;
    this.#firstUnsavedAt = null;
    try {
      const started = performance.now();
      const snapshot = {
        index: this.#index.serialize(),
        checkpoint: this.#checkpoint,
        scopeKey: this.#scopeKey,
        size: this.#index.size,
        savedAt: Date.now(),
        rows: this.warmRows(),
      };
      await writeIndexSnapshot(snapshot, { size: snapshot.size, savedAt: snapshot.savedAt });
      performance.measure('poisklinik:index-saved', { start: started });
    } catch (err) {
      // Quota or a closing page: the next start rebuilds, which is slower but correct.
      console.warn('Saving the search index failed', err);
    }
  }

  /** Drops the index (scope change); the saved snapshot is deleted by the caller. */
  stop(): void {
    this.#stopped = true;
    this.#subscription?.unsubscribe();
    clearTimeout(this.#saveTimer);
    clearTimeout(this.#publishTimer);
  }
}
