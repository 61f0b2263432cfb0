import { SvelteMap } from 'svelte/reactivity';
import type { RxCollection } from 'rxdb';
import type { Clinic } from '@poisklinik/shared';

/** Full documents kept for rows on screen and recent clinic pages; the index holds what search needs. */
const MAX_CACHED = 2_000;

/**
 * Full clinic documents read by id from IndexedDB on demand: the list asks only for its visible rows, the clinic
 * page for one id. `undefined` = not read yet (a read is queued), `null` = no such clinic.
 */
export class ClinicDetails {
  readonly #cache = new SvelteMap<string, Clinic | null>();
  // Bookkeeping of reads in flight, never rendered: a plain Set on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #queued = new Set<string>();
  #collection: RxCollection<Clinic> | null = null;
  #flushing = false;

  /** Reads go to this collection from now on; reads asked for before it was open are sent now. */
  attach(collection: RxCollection<Clinic>): void {
    this.#collection = collection;
    if (this.#queued.size > 0) void this.#flush();
  }

  /** Forgets everything (the clinics are being replaced). */
  reset(): void {
    this.#collection = null;
    this.#cache.clear();
    this.#queued.clear();
  }

  /** Documents known without a read (saved with the index); never overrides a fresher cached one. */
  seed(rows: readonly Clinic[]): void {
    for (const row of rows) if (!this.#cache.has(row.id)) this.#cache.set(row.id, row);
  }

  /** Cached documents of these ids, in order, skipping those not read yet. */
  peek(ids: readonly string[]): Clinic[] {
    return ids.flatMap((id) => {
      const doc = this.#cache.get(id);
      return doc ? [doc] : [];
    });
  }

  get(id: string): Clinic | null | undefined {
    const cached = this.#cache.get(id);
    if (cached === undefined) this.#request(id);
    return cached;
  }

  /** A change from the index's stream: refresh a cached document, never cache a new one. */
  changed(id: string, clinic: Clinic | null): void {
    if (this.#cache.has(id)) this.#cache.set(id, clinic);
  }

  #request(id: string): void {
    if (this.#queued.has(id)) return;
    this.#queued.add(id);
    // Reads are batched per task: a list renders ~20 rows in one go, and one findByIds beats 20 findOnes.
    if (!this.#flushing) {
      this.#flushing = true;
      setTimeout(() => void this.#flush(), 0);
    }
  }

  async #flush(): Promise<void> {
    const collection = this.#collection;
    this.#flushing = false;
    // Not open yet: the ids stay queued until attach().
    if (!collection) return;
    const ids = [...this.#queued];
    if (ids.length === 0) return;
    try {
      const found = await collection.findByIds(ids).exec();
      if (performance.getEntriesByName('poisklinik:first-details').length === 0) {
        performance.mark('poisklinik:first-details');
      }
      if (collection !== this.#collection) return;
      this.#evict(ids.length);
      for (const id of ids) {
        const doc = found.get(id);
        this.#cache.set(id, doc ? doc.toMutableJSON() : null);
        this.#queued.delete(id);
      }
    } catch (err) {
      for (const id of ids) this.#queued.delete(id);
      console.warn('Reading clinics failed', err);
    }
  }

  #evict(incoming: number): void {
    const excess = this.#cache.size + incoming - MAX_CACHED;
    if (excess <= 0) return;
    let n = 0;
    // Map iteration is in insertion order: the oldest reads go first.
    for (const key of this.#cache.keys()) {
      if (n++ >= excess) break;
      this.#cache.delete(key);
    }
  }
}
