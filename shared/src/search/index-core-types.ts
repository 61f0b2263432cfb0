// Internal layout of a built index: shared by the build, the query code and serialisation; not public API.

/** Field bits of a word occurrence in a clinic. */
export const FIELD_NAME = 1;
export const FIELD_ADDRESS = 2;
export const FIELD_PLACE = 4;

/** Flag bits per clinic. */
export const FLAG_COMMERCIAL = 1;
export const FLAG_ROUND_THE_CLOCK = 2;

/** Town metadata kept by the index: enough to tokenise names and read local time on upsert after a restore. */
export type IndexTown = {
  readonly id: string;
  readonly name: string;
  readonly timezone: string;
  readonly districts: readonly { readonly id: string; readonly name: string }[];
};

/**
 * The immutable columnar part of an index (what `compact()` rebuilds and what is serialised). Slots 0..n-1.
 * CSR layout throughout: `xOff[i]..xOff[i + 1]` delimits item i's entries in `x`.
 */
export type IndexCore = {
  readonly n: number;
  readonly ids: readonly string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /**
   * Unit vectors of the clinic positions: a squared chord orders points exactly as the great-circle distance does,
   * without trigonometry per clinic at query time. Stored (not derived on restore) to keep cold start short.
   */
  readonly ux: Float64Array;
  readonly uy: Float64Array;
  readonly uz: Float64Array;
  readonly flags: Uint8Array;
  /** Town ordinal per clinic (into `townIds`). */
  readonly town: Uint16Array;
  /** District ordinal per clinic (into `districtKeys`; 0 = no district). */
  readonly district: Uint16Array;
  /** NaN when the clinic has no rating. */
  readonly rating: Float64Array;
  /** Weekly-hours pattern per clinic: clinics share a few schedules, so open-now is judged once per pattern. */
  readonly hoursPattern: Uint32Array;
  /** Minute-of-week ranges per pattern. */
  readonly hoursOff: Uint32Array;
  readonly hours: Uint16Array;
  /** Forward index: specialty ordinals per clinic. */
  readonly specOff: Uint32Array;
  readonly specs: Uint16Array;
  /** Forward index: term ids per clinic with their field bits. */
  readonly termOff: Uint32Array;
  readonly termIds: Uint32Array;
  readonly termFields: Uint8Array;
  /** Vocabulary: stems (and a few derived words) sorted by code unit. */
  readonly terms: readonly string[];
  /** Term ids sorted by derivational root, for root lookups by binary search. */
  readonly rootOrder: Uint32Array;
  /** Postings: clinics per term, ascending, with field bits. */
  readonly postOff: Uint32Array;
  readonly postDocs: Uint32Array;
  readonly postFields: Uint8Array;
  /** Specialties whose name, doctor title or synonyms contain the term. */
  readonly termSpecOff: Uint32Array;
  readonly termSpecs: Uint16Array;
  /** Clinics per specialty ordinal, ascending. */
  readonly specDocOff: Uint32Array;
  readonly specDocs: Uint32Array;
  readonly specCodes: readonly string[];
  /** Clinics per town ordinal, ascending: a town-only query reads a few hundred slots, not the whole index. */
  readonly townDocOff: Uint32Array;
  readonly townDocs: Uint32Array;
  readonly townIds: readonly string[];
  /** Time zone ordinal per town ordinal (into `timeZones`). */
  readonly townZone: Uint16Array;
  readonly timeZones: readonly string[];
  /** `${townId}/${districtId}` per district ordinal; index 0 is the empty "no district". */
  readonly districtKeys: readonly string[];
  readonly towns: readonly IndexTown[];
};
