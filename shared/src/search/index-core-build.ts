import type { DocRecord, Lexicon, SpecRecord } from './clinic-records';
import { derivationalRoot } from './russian-stemmer';
import type { IndexCore, IndexTown } from './index-core-types';

// Reads of CSR arrays use `!`: every offset is built from the very counts that size the arrays, and every term
// or code looked up was collected into the vocabulary/ordinals first, so the reads cannot miss.

/** Time zone for clinics whose town the index does not know; most of the country's population lives in it. */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export function districtKey(townId: string, districtId: string): string {
  return `${townId}/${districtId}`;
}

const RADIANS = Math.PI / 180;

/** Point on the unit sphere for a latitude/longitude in degrees. */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const la = lat * RADIANS;
  const lo = lon * RADIANS;
  return [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
}

/** Ordinals for strings in first-seen order. */
class Ordinals {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  constructor(first: readonly string[] = []) {
    for (const s of first) this.of(s);
  }
  of(s: string): number {
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.map.set(s, i);
    }
    return i;
  }
}

/** Term ids sorted by (derivational root, id): lets root lookups binary-search without a stored map. */
export function rootOrderOf(terms: readonly string[]): Uint32Array {
  const roots = terms.map(derivationalRoot);
  const order = Uint32Array.from(terms.keys());
  order.sort((a, b) => {
    const ra = roots[a] ?? '';
    const rb = roots[b] ?? '';
    return ra < rb ? -1 : ra > rb ? 1 : a - b;
  });
  return order;
}

/** Builds CSR offsets from per-item counts (counts are consumed as fill cursors by the caller). */
function offsetsOf(counts: Uint32Array): Uint32Array {
  const off = new Uint32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) off[i + 1] = off[i]! + counts[i]!;
  return off;
}

/**
 * The columnar build: vocabulary, forward lists, postings. Words arrive stemmed, so the same function serves the
 * first build from clinics and `compact()` (which feeds it records read back from the old columns).
 */
export function buildIndexCore(
  records: readonly DocRecord[],
  specs: readonly SpecRecord[],
  lex: Lexicon,
  towns: readonly IndexTown[],
) {
  const n = records.length;
  // Vocabulary: the lexicon's terms still in use, sorted; `remap` takes lexicon ids to vocabulary ids.
  const used = new Uint8Array(lex.list.length);
  for (const r of records) for (const id of r.termIds) used[id] = 1;
  for (const s of specs) for (const id of s.termIds) used[id] = 1;
  const byTerm = lex.list.map((_, id) => id).filter((id) => used[id]);
  byTerm.sort((a, b) => {
    const ta = lex.list[a]!;
    const tb = lex.list[b]!;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
  const terms = byTerm.map((id) => lex.list[id]!);
  const remap = new Uint32Array(lex.list.length);
  byTerm.forEach((id, i) => (remap[id] = i));
  const termCount = terms.length;

  // Specialties, towns, districts, time zones.
  const specOrd = new Ordinals(specs.map((s) => s.code));
  for (const r of records) for (const c of r.specCodes) specOrd.of(c);
  const townOrd = new Ordinals(towns.map((t) => t.id));
  const districtOrd = new Ordinals(['']);
  for (const t of towns) for (const d of t.districts) districtOrd.of(districtKey(t.id, d.id));
  const districtsOfTown = new Map<string, Map<string, number>>();
  const districtOrdinal = (townId: string, districtId: string): number => {
    let byId = districtsOfTown.get(townId);
    if (!byId) districtsOfTown.set(townId, (byId = new Map<string, number>()));
    let ord = byId.get(districtId);
    if (ord === undefined) byId.set(districtId, (ord = districtOrd.of(districtKey(townId, districtId))));
    return ord;
  };
  const zoneOrd = new Ordinals();
  const zoneOfTown = new Map(towns.map((t) => [t.id, t.timezone]));

  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uz = new Float64Array(n);
  const flags = new Uint8Array(n);
  const town = new Uint16Array(n);
  const district = new Uint16Array(n);
  const rating = new Float64Array(n);
  // Distinct schedules by a numeric hash (no key string per clinic), equal arrays confirmed on a hash hit.
  const patternsByHash = new Map<number, number[]>();
  const patterns: (readonly number[])[] = [];
  const patternOrdinal = (ranges: readonly number[]): number => {
    let h = 0x811c9dc5;
    for (const x of ranges) h = Math.imul(h ^ x, 0x01000193);
    let same = patternsByHash.get(h);
    if (!same) patternsByHash.set(h, (same = []));
    for (const p of same) {
      const q = patterns[p]!;
      if (q.length === ranges.length && q.every((x, k) => x === ranges[k])) return p;
    }
    same.push(patterns.length);
    patterns.push(ranges);
    return patterns.length - 1;
  };
  const hoursPattern = new Uint32Array(n);
  const specCount = new Uint32Array(n);
  const termCountPerDoc = new Uint32Array(n);
  const postCount = new Uint32Array(termCount);
  const specDocCount = new Uint32Array(specOrd.list.length);
  records.forEach((r, i) => {
    lat[i] = r.lat;
    lon[i] = r.lon;
    const [x, y, z] = unitVector(r.lat, r.lon);
    ux[i] = x;
    uy[i] = y;
    uz[i] = z;
    flags[i] = r.flags;
    town[i] = townOrd.of(r.townId);
    district[i] = r.districtId === '' ? 0 : districtOrdinal(r.townId, r.districtId);
    rating[i] = r.rating;
    hoursPattern[i] = patternOrdinal(r.hours);
    specCount[i] = r.specCodes.length;
    termCountPerDoc[i] = r.termIds.length;
    for (const id of r.termIds) postCount[remap[id]!]!++;
    for (const c of r.specCodes) specDocCount[specOrd.of(c)]!++;
  });
  const townZone = Uint16Array.from(townOrd.list, (id) => zoneOrd.of(zoneOfTown.get(id) ?? DEFAULT_TIME_ZONE));

  const hoursOff = offsetsOf(Uint32Array.from(patterns, (p) => p.length));
  const specOff = offsetsOf(specCount);
  const termOff = offsetsOf(termCountPerDoc);
  const postOff = offsetsOf(postCount);
  const specDocOff = offsetsOf(specDocCount);
  const hours = new Uint16Array(hoursOff[patterns.length]!);
  patterns.forEach((p, i) => hours.set(p, hoursOff[i]));
  const specsArr = new Uint16Array(specOff[n]!);
  const termIds = new Uint32Array(termOff[n]!);
  const termFields = new Uint8Array(termOff[n]!);
  const postDocs = new Uint32Array(postOff[termCount]!);
  const postFields = new Uint8Array(postOff[termCount]!);
  const specDocs = new Uint32Array(specDocOff[specDocCount.length]!);
  const postCursor = postOff.slice(0, termCount);
  const specDocCursor = specDocOff.slice(0, specDocCount.length);
  records.forEach((r, i) => {
    let k = specOff[i]!;
    for (const c of r.specCodes) {
      const s = specOrd.of(c);
      specsArr[k++] = s;
      specDocs[specDocCursor[s]!++] = i;
    }
    k = termOff[i]!;
    r.termIds.forEach((lexId, j) => {
      const id = remap[lexId]!;
      const f = r.termFields[j]!;
      termIds[k] = id;
      termFields[k++] = f;
      const p = postCursor[id]!++;
      postDocs[p] = i;
      postFields[p] = f;
    });
  });

  const townCount = new Uint32Array(townOrd.list.length);
  for (let i = 0; i < n; i++) townCount[town[i]!]!++;
  const townDocOff = offsetsOf(townCount);
  const townDocs = new Uint32Array(n);
  const townCursor = townDocOff.slice(0, townCount.length);
  for (let i = 0; i < n; i++) townDocs[townCursor[town[i]!]!++] = i;

  // Term → specialties whose texts contain it.
  const specsOfTerm: number[][] = Array.from({ length: termCount }, () => []);
  for (const s of specs) {
    const ord = specOrd.of(s.code);
    for (const id of s.termIds) specsOfTerm[remap[id]!]!.push(ord);
  }
  const termSpecOff = offsetsOf(Uint32Array.from(specsOfTerm, (l) => l.length));
  const termSpecs = Uint16Array.from(specsOfTerm.flat());

  return {
    n,
    ids: records.map((r) => r.id),
    lat,
    lon,
    ux,
    uy,
    uz,
    flags,
    town,
    district,
    rating,
    hoursPattern,
    hoursOff,
    hours,
    specOff,
    specs: specsArr,
    termOff,
    termIds,
    termFields,
    terms,
    rootOrder: rootOrderOf(terms),
    postOff,
    postDocs,
    postFields,
    termSpecOff,
    termSpecs,
    specDocOff,
    specDocs,
    specCodes: specOrd.list,
    townDocOff,
    townDocs,
    townIds: townOrd.list,
    townZone,
    timeZones: zoneOrd.list,
    districtKeys: districtOrd.list,
    towns,
  } satisfies IndexCore;
}

/**
 * Reads clinic `slot` of a core back as a record (for `compact()`), against a lexicon seeded with the core's
 * vocabulary in order, so term ids carry over unchanged: no text is re-tokenised or re-stemmed.
 */
export function recordFromCore(core: IndexCore, slot: number): DocRecord {
  const from = core.termOff[slot]!;
  const to = core.termOff[slot + 1]!;
  const specCodes: string[] = [];
  for (let k = core.specOff[slot]!; k < core.specOff[slot + 1]!; k++) specCodes.push(core.specCodes[core.specs[k]!]!);
  const key = core.districtKeys[core.district[slot]!] ?? '';
  const townId = core.townIds[core.town[slot]!]!;
  const pattern = core.hoursPattern[slot]!;
  return {
    id: core.ids[slot]!,
    lat: core.lat[slot]!,
    lon: core.lon[slot]!,
    flags: core.flags[slot]!,
    townId,
    districtId: key === '' ? '' : key.slice(key.indexOf('/') + 1),
    rating: core.rating[slot]!,
    hours: Array.from(core.hours.subarray(core.hoursOff[pattern], core.hoursOff[pattern + 1])),
    termIds: Array.from(core.termIds.subarray(from, to)),
    termFields: Array.from(core.termFields.subarray(from, to)),
    specCodes,
  };
}

/** The specialty texts of a core (as vocabulary ids), read back from the term → specialty lists. */
export function specRecordsFromCore(core: IndexCore): SpecRecord[] {
  const lists: number[][] = core.specCodes.map(() => []);
  for (let t = 0; t < core.terms.length; t++) {
    for (let k = core.termSpecOff[t]!; k < core.termSpecOff[t + 1]!; k++) lists[core.termSpecs[k]!]!.push(t);
  }
  return core.specCodes.map((code, i) => ({ code, termIds: lists[i] ?? [] }));
}
