import { Lexicon, clinicRecord, placeBook, type DocRecord, type PlaceBook } from './clinic-records';
import { DEFAULT_TIME_ZONE, districtKey, unitVector } from './index-core-build';
import type { ClinicLike } from './search-types';
import type { IndexCore } from './index-core-types';
import { Vocabulary } from './search-vocabulary';

/** A clinic upserted after the columnar build: kept as small per-clinic arrays until `compact()`. */
export type OverlayDoc = {
  readonly slot: number;
  readonly record: DocRecord;
  alive: boolean;
  readonly flags: number;
  readonly town: number;
  readonly district: number;
  readonly rating: number;
  readonly hours: Uint16Array;
  readonly specs: Uint16Array;
  readonly termIds: Uint32Array;
  readonly termFields: Uint8Array;
};

function ordinalMap(list: readonly string[]): Map<string, number> {
  return new Map(list.map((s, i) => [s, i]));
}

function grow<T extends Float64Array | Uint8Array | Uint32Array>(a: T, size: number, make: (n: number) => T): T {
  if (a.length >= size) return a;
  const b = make(Math.max(size, Math.ceil(a.length * 1.25) + 64));
  b.set(a);
  return b;
}

/**
 * Everything a query touches: the columnar core, tombstones, the overlay of upserted clinics, unit vectors for
 * distance (a squared chord orders points exactly as the great-circle distance does, without trigonometry per
 * clinic), and scratch arrays reused by every query so a search allocates nothing proportional to the index.
 */
export class IndexState {
  readonly vocab: Vocabulary;
  ux: Float64Array;
  uy: Float64Array;
  uz: Float64Array;
  /** 1 = live, per slot (base and overlay). */
  alive: Uint8Array;
  readonly overlay: OverlayDoc[] = [];
  liveCount: number;
  readonly townOrd: Map<string, number>;
  readonly townZone: number[];
  readonly zoneOrd: Map<string, number>;
  readonly timeZones: string[];
  readonly districtOrd: Map<string, number>;
  readonly specOrd: Map<string, number>;
  readonly places: PlaceBook;
  /** Term ids of overlay records (`OverlayDoc.record`) refer to this lexicon. */
  readonly overlayLexicon = new Lexicon();
  private slotById: Map<string, number> | null = null;
  // Scratch, per slot.
  mark = new Uint32Array(0);
  best = new Float64Array(0);
  acc = new Float64Array(0);
  cand = new Uint32Array(0);
  candCount = 0;
  epoch = 0;
  /** Open-now memo per (hours pattern, base time zone): value valid when its stamp is the query's open epoch. */
  readonly openStamp: Uint32Array;
  readonly openValue: Uint8Array;
  private openEpoch = 0;
  // Scratch, per term and per specialty.
  termQual = new Float64Array(0);
  specQual = new Float64Array(0);

  constructor(readonly core: IndexCore) {
    const n = core.n;
    this.vocab = new Vocabulary(core.terms, core.rootOrder);
    // The core's arrays are used as they are; `addClinic` swaps in grown copies when the overlay needs room.
    this.ux = core.ux;
    this.uy = core.uy;
    this.uz = core.uz;
    this.alive = new Uint8Array(n).fill(1);
    this.liveCount = n;
    this.townOrd = ordinalMap(core.townIds);
    this.townZone = Array.from(core.townZone);
    this.timeZones = [...core.timeZones];
    this.zoneOrd = ordinalMap(core.timeZones);
    this.districtOrd = ordinalMap(core.districtKeys);
    this.specOrd = ordinalMap(core.specCodes);
    this.places = placeBook(core.towns);
    const memoSize = (core.hoursOff.length - 1) * core.timeZones.length;
    this.openStamp = new Uint32Array(memoSize);
    this.openValue = new Uint8Array(memoSize);
    this.ensureScratch();
  }

  get slotCount(): number {
    return this.core.n + this.overlay.length;
  }

  ensureScratch(): void {
    const slots = this.slotCount;
    if (this.mark.length < slots) {
      const cap = Math.max(slots, Math.ceil(this.mark.length * 1.25) + 64);
      this.mark = new Uint32Array(cap);
      this.best = new Float64Array(cap);
      this.acc = new Float64Array(cap);
      this.cand = new Uint32Array(cap);
      this.epoch = 0;
    }
    if (this.termQual.length < this.vocab.size) this.termQual = new Float64Array(this.vocab.size + 256);
    if (this.specQual.length < this.specOrd.size) this.specQual = new Float64Array(this.specOrd.size + 16);
  }

  /** A fresh mark value; wraps by clearing the marks (once per 4 billion queries' tokens). */
  nextEpoch(): number {
    if (this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  nextOpenEpoch(): number {
    if (this.openEpoch === 0xffffffff) {
      this.openStamp.fill(0);
      this.openEpoch = 0;
    }
    return ++this.openEpoch;
  }

  idAt(slot: number): string {
    if (slot < this.core.n) return this.core.ids[slot] ?? '';
    return this.overlay[slot - this.core.n]?.record.id ?? '';
  }

  slotOf(id: string): number | undefined {
    if (!this.slotById) {
      // Built on the first live update only: a restored index that is just searched never pays for it.
      this.slotById = new Map();
      for (let i = 0; i < this.slotCount; i++) if (this.alive[i]) this.slotById.set(this.idAt(i), i);
    }
    return this.slotById.get(id);
  }

  private ordinal(map: Map<string, number>, key: string, added: (ord: number) => void): number {
    let ord = map.get(key);
    if (ord === undefined) {
      ord = map.size;
      map.set(key, ord);
      added(ord);
    }
    return ord;
  }

  kill(slot: number): void {
    if (!this.alive[slot]) return;
    this.alive[slot] = 0;
    this.liveCount--;
    const doc = this.overlay[slot - this.core.n];
    if (doc) doc.alive = false;
    this.slotById?.delete(this.idAt(slot));
  }

  addClinic(clinic: ClinicLike): number {
    const record = clinicRecord(clinic, this.places, this.overlayLexicon);
    const slot = this.slotCount;
    const town = this.ordinal(this.townOrd, record.townId, () => {
      const zone = this.places.get(record.townId)?.timezone ?? DEFAULT_TIME_ZONE;
      this.townZone.push(this.ordinal(this.zoneOrd, zone, () => this.timeZones.push(zone)));
    });
    const district =
      record.districtId === ''
        ? 0
        : this.ordinal(this.districtOrd, districtKey(record.townId, record.districtId), () => {});
    const specs = Uint16Array.from(record.specCodes, (c) => this.ordinal(this.specOrd, c, () => {}));
    this.overlay.push({
      slot,
      record,
      alive: true,
      flags: record.flags,
      town,
      district,
      rating: record.rating,
      hours: Uint16Array.from(record.hours),
      specs,
      termIds: Uint32Array.from(record.termIds, (id) => this.vocab.intern(this.overlayLexicon.list[id] ?? '')),
      termFields: Uint8Array.from(record.termFields),
    });
    const size = slot + 1;
    this.ux = grow(this.ux, size, (k) => new Float64Array(k));
    this.uy = grow(this.uy, size, (k) => new Float64Array(k));
    this.uz = grow(this.uz, size, (k) => new Float64Array(k));
    this.alive = grow(this.alive, size, (k) => new Uint8Array(k));
    [this.ux[slot], this.uy[slot], this.uz[slot]] = unitVector(record.lat, record.lon);
    this.alive[slot] = 1;
    this.liveCount++;
    this.slotById?.set(record.id, slot);
    this.ensureScratch();
    return slot;
  }
}
