import type { Specialty } from '../specialty.schema';
import type { Town } from '../town.schema';
import { Lexicon, clinicRecord, indexTownOf, placeBook, specialtyRecords, type DocRecord } from './clinic-records';
import { buildIndexCore, recordFromCore, specRecordsFromCore } from './index-core-build';
import { IndexState } from './index-state';
import { planQuery, type QueryPlan } from './query-plan';
import { collectPlan } from './search-execute';
import { compileFilter } from './search-filters';
import type { ClinicLike, SearchHit, SearchQuery, SearchResult } from './search-types';
import type { IndexCore } from './index-core-types';
import { TopKHeap } from './top-k-heap';

/**
 * Auto-compaction threshold: this many pending changes, or a quarter of the columns if that is more. The share
 * keeps it geometric: an index filled by upserts from empty (a first sync) compacts a dozen times, not once per
 * 2000 clinics, so the total rebuild work stays linear in the catalogue size.
 */
export const AUTO_COMPACT_MIN = 2000;
const AUTO_COMPACT_SHARE = 0.25;

const EARTH_RADIUS_M = 6_371_008.8; // same mean radius as geo.ts, so distances agree with distanceMetres

export type SearchIndex = {
  /** Live clinics (upserts included, removals excluded). */
  readonly size: number;
  /** Clinic id of a slot (a hit's `index`). */
  idAt(slot: number): string;
  search(q: SearchQuery): SearchResult;
  /** Adds or replaces a clinic without rebuilding (kept in a small overlay until `compact()`). */
  upsert(clinic: ClinicLike): void;
  /** Returns whether the clinic was there. */
  remove(id: string): boolean;
  /** Folds the overlay and tombstones into fresh columns; slots (hit `index`es) change. */
  compact(): void;
  /** Upserted clinics plus tombstones since the last build; compacted automatically past AUTO_COMPACT_MIN. */
  readonly pendingChanges: number;
};

export type SearchIndexInput = {
  readonly clinics: readonly ClinicLike[];
  readonly specialties: readonly Specialty[];
  readonly towns: readonly Town[];
};

export function buildSearchIndex(input: SearchIndexInput): SearchIndex {
  const towns = input.towns.map(indexTownOf);
  const places = placeBook(towns);
  const lex = new Lexicon();
  const records = input.clinics.map((c) => clinicRecord(c, places, lex));
  return new ClinicSearchIndex(buildIndexCore(records, specialtyRecords(input.specialties, lex), lex, towns));
}

/** Keys of one slot for ordering: smaller sorts first. */
type Keys = { primary: number; secondary: number };

/**
 * The index behind `SearchIndex`. Per-slot reads below use `!`: every slot handled comes from the candidate list
 * of the current state, and every per-slot array (unit vectors, scores, keys) is sized to the slot count.
 */
export class ClinicSearchIndex implements SearchIndex {
  private state: IndexState;
  private readonly heap = new TopKHeap();
  private removedBase = 0;

  constructor(core: IndexCore) {
    this.state = new IndexState(core);
  }

  /** The columnar core, for serialisation. */
  get core(): IndexCore {
    return this.state.core;
  }

  get size(): number {
    return this.state.liveCount;
  }

  get pendingChanges(): number {
    return this.state.overlay.length + this.removedBase;
  }

  idAt(slot: number): string {
    return this.state.idAt(slot);
  }

  upsert(clinic: ClinicLike): void {
    this.removeSlot(clinic.id);
    this.state.addClinic(clinic);
    this.compactIfLarge();
  }

  remove(id: string): boolean {
    const removed = this.removeSlot(id);
    this.compactIfLarge();
    return removed;
  }

  private removeSlot(id: string): boolean {
    const slot = this.state.slotOf(id);
    if (slot === undefined) return false;
    if (slot < this.state.core.n) this.removedBase++;
    this.state.kill(slot);
    return true;
  }

  /**
   * Overlay clinics are checked one by one on every query and tombstones still cost a test: past the threshold
   * fresh columns are cheaper. Compaction re-stems nothing. Callers may also compact earlier, between queries.
   */
  private compactIfLarge(): void {
    if (this.pendingChanges > Math.max(AUTO_COMPACT_MIN, this.state.core.n * AUTO_COMPACT_SHARE)) this.compact();
  }

  compact(): void {
    this.state = new IndexState(this.compactedCore());
    this.removedBase = 0;
  }

  /** The live clinics as fresh columns (for `compact()` and serialisation); this index is left unchanged. */
  compactedCore(): IndexCore {
    const s = this.state;
    if (this.pendingChanges === 0) return s.core;
    // Seeded with the core's vocabulary in order, so base records keep their term ids; overlay records are
    // re-keyed from the overlay lexicon through their strings.
    const lex = new Lexicon(s.core.terms);
    const records: DocRecord[] = [];
    for (let i = 0; i < s.core.n; i++) if (s.alive[i]) records.push(recordFromCore(s.core, i));
    for (const d of s.overlay) {
      if (!d.alive) continue;
      const termIds = d.record.termIds.map((id) => lex.id(s.overlayLexicon.list[id] ?? ''));
      records.push({ ...d.record, termIds });
    }
    return buildIndexCore(records, specRecordsFromCore(s.core), lex, s.core.towns);
  }

  search(q: SearchQuery): SearchResult {
    const plan: QueryPlan = q.text ? planQuery(q.text) : { tokens: [], literal: null };
    const hasText = plan.tokens.length > 0;
    const s = this.state;
    const count = collectPlan(s, plan, compileFilter(s, q));
    // A non-finite or negative limit must not reach the heap: Infinity means "all", NaN or less than 0 nothing.
    const wanted = q.limit === Infinity ? count : Number.isFinite(q.limit) ? Math.floor(q.limit) : 0;
    const limit = Math.max(0, Math.min(wanted, count));
    this.heap.reset(limit);
    this.selectTop(q, hasText, count);
    const hits = Array.from(this.heap.drainSorted(), (slot) => this.hit(slot, q, hasText));
    let full: readonly SearchHit[] | null = null;
    const slice = (start: number, end: number): readonly SearchHit[] => {
      if (end <= hits.length) return hits.slice(start, end);
      full ??= this.fullOrder(q, plan);
      return full.slice(start, end);
    };
    return { total: count, hits, slice };
  }

  /**
   * Offers every candidate to the bounded heap. Written out per sort and without a key callback: this loop runs
   * once per matching clinic, up to the whole index, and is the largest share of a broad query.
   */
  private selectTop(q: SearchQuery, hasText: boolean, count: number): void {
    const { ux, uy, uz, acc, cand } = this.state;
    const heap = this.heap;
    const o = q.origin;
    const toRad = Math.PI / 180;
    const ox = o ? Math.cos(o.lat * toRad) * Math.cos(o.lon * toRad) : 0;
    const oy = o ? Math.cos(o.lat * toRad) * Math.sin(o.lon * toRad) : 0;
    const oz = o ? Math.sin(o.lat * toRad) : 0;
    const byDistance = q.sort === 'distance';
    // Loop reads: i < count ≤ cand.length; slots index the per-slot columns, all sized to the slot count.
    for (let i = 0; i < count; i++) {
      const slot = cand[i]!;
      let chord2 = 0;
      if (o) {
        const dx = ux[slot]! - ox;
        const dy = uy[slot]! - oy;
        const dz = uz[slot]! - oz;
        chord2 = dx * dx + dy * dy + dz * dz;
      }
      const negScore = hasText ? -acc[slot]! : 0;
      if (byDistance) heap.offer(chord2, negScore, slot);
      else heap.offer(negScore, chord2, slot);
    }
  }

  /**
   * The whole result in order, for scrolling past the first page. Re-runs the candidate collection (the scratch
   * arrays were reused since) and sorts once; the caller caches it per result. Reflects the index as it is now.
   */
  private fullOrder(q: SearchQuery, plan: QueryPlan): SearchHit[] {
    const s = this.state;
    const hasText = plan.tokens.length > 0;
    const count = collectPlan(s, plan, compileFilter(s, q));
    const keys = this.keyer(q, hasText);
    const slots = s.cand.slice(0, count);
    const primary = new Float64Array(s.slotCount);
    const secondary = new Float64Array(s.slotCount);
    const scores = new Float64Array(s.slotCount);
    const k: Keys = { primary: 0, secondary: 0 };
    for (const slot of slots) {
      keys(slot, k);
      primary[slot] = k.primary;
      secondary[slot] = k.secondary;
      scores[slot] = s.acc[slot]!;
    }
    slots.sort((a, b) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]! || a - b);
    return Array.from(slots, (slot) => this.hit(slot, q, hasText, scores[slot]));
  }

  /** Ordering keys: relevance = (−score, distance), distance = (distance, −score); squared chords stand in for distance. */
  private keyer(q: SearchQuery, hasText: boolean): (slot: number, out: Keys) => void {
    const s = this.state;
    const o = q.origin;
    const toRad = Math.PI / 180;
    const ox = o ? Math.cos(o.lat * toRad) * Math.cos(o.lon * toRad) : 0;
    const oy = o ? Math.cos(o.lat * toRad) * Math.sin(o.lon * toRad) : 0;
    const oz = o ? Math.sin(o.lat * toRad) : 0;
    const byDistance = q.sort === 'distance';
    return (slot, out) => {
      let chord2 = 0;
      if (o) {
        const dx = s.ux[slot]! - ox;
        const dy = s.uy[slot]! - oy;
        const dz = s.uz[slot]! - oz;
        chord2 = dx * dx + dy * dy + dz * dz;
      }
      const negScore = hasText ? -s.acc[slot]! : 0;
      out.primary = byDistance ? chord2 : negScore;
      out.secondary = byDistance ? negScore : chord2;
    };
  }

  private hit(slot: number, q: SearchQuery, hasText: boolean, score?: number): SearchHit {
    const s = this.state;
    let distance = NaN;
    const o = q.origin;
    if (o) {
      const toRad = Math.PI / 180;
      const dx = s.ux[slot]! - Math.cos(o.lat * toRad) * Math.cos(o.lon * toRad);
      const dy = s.uy[slot]! - Math.cos(o.lat * toRad) * Math.sin(o.lon * toRad);
      const dz = s.uz[slot]! - Math.sin(o.lat * toRad);
      // Great-circle distance from the chord: 2R·asin(chord / 2), the haversine formula in vector form.
      distance = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
    }
    return { id: s.idAt(slot), index: slot, distance, score: hasText ? (score ?? s.acc[slot]!) : 0 };
  }
}
