import { ClinicSearchIndex, type SearchIndex } from './search-index';
import type { IndexCore, IndexTown } from './index-core-types';

/** Bump on any change of the layout below; a stored index of another version is rebuilt, not restored. */
export const SEARCH_INDEX_FORMAT_VERSION = 1;

/**
 * A search index as structured-cloneable data (typed arrays, strings, a little JSON), for IndexedDB to store as is.
 * Word lists travel as one joined string each: one string clones and splits far faster than 100k small ones.
 */
export type SerializedSearchIndex = {
  readonly version: number;
  readonly n: number;
  readonly ids: string;
  readonly terms: string;
  readonly specCodes: readonly string[];
  readonly townIds: readonly string[];
  readonly timeZones: readonly string[];
  readonly districtKeys: readonly string[];
  readonly towns: readonly IndexTown[];
  readonly arrays: {
    readonly lat: Float64Array;
    readonly lon: Float64Array;
    readonly ux: Float64Array;
    readonly uy: Float64Array;
    readonly uz: Float64Array;
    readonly flags: Uint8Array;
    readonly town: Uint16Array;
    readonly district: Uint16Array;
    readonly rating: Float64Array;
    readonly hoursPattern: Uint32Array;
    readonly hoursOff: Uint32Array;
    readonly hours: Uint16Array;
    readonly specOff: Uint32Array;
    readonly specs: Uint16Array;
    readonly termOff: Uint32Array;
    readonly termIds: Uint32Array;
    readonly termFields: Uint8Array;
    readonly rootOrder: Uint32Array;
    readonly postOff: Uint32Array;
    readonly postDocs: Uint32Array;
    readonly postFields: Uint8Array;
    readonly termSpecOff: Uint32Array;
    readonly termSpecs: Uint16Array;
    readonly specDocOff: Uint32Array;
    readonly specDocs: Uint32Array;
    readonly townZone: Uint16Array;
    readonly townDocOff: Uint32Array;
    readonly townDocs: Uint32Array;
  };
};

// Ids and terms never contain a line feed: ids match ^[a-z0-9._-]+$, terms are letters and digits only.
const SEPARATOR = '\n';

export function serializeSearchIndex(index: SearchIndex): SerializedSearchIndex {
  if (!(index instanceof ClinicSearchIndex)) throw new TypeError('Not an index built by buildSearchIndex');
  const c = index.compactedCore();
  const { n, ids, terms, specCodes, townIds, timeZones, districtKeys, towns, ...rest } = c;
  const arrays = {
    lat: rest.lat,
    lon: rest.lon,
    ux: rest.ux,
    uy: rest.uy,
    uz: rest.uz,
    flags: rest.flags,
    town: rest.town,
    district: rest.district,
    rating: rest.rating,
    hoursPattern: rest.hoursPattern,
    hoursOff: rest.hoursOff,
    hours: rest.hours,
    specOff: rest.specOff,
    specs: rest.specs,
    termOff: rest.termOff,
    termIds: rest.termIds,
    termFields: rest.termFields,
    rootOrder: rest.rootOrder,
    postOff: rest.postOff,
    postDocs: rest.postDocs,
    postFields: rest.postFields,
    termSpecOff: rest.termSpecOff,
    termSpecs: rest.termSpecs,
    specDocOff: rest.specDocOff,
    specDocs: rest.specDocs,
    townZone: rest.townZone,
    townDocOff: rest.townDocOff,
    townDocs: rest.townDocs,
  };
  return {
    version: SEARCH_INDEX_FORMAT_VERSION,
    n,
    ids: ids.join(SEPARATOR),
    terms: terms.join(SEPARATOR),
    specCodes: [...specCodes],
    townIds: [...townIds],
    timeZones: [...timeZones],
    districtKeys: [...districtKeys],
    towns: towns.map((t) => ({ ...t, districts: t.districts.map((d) => ({ ...d })) })),
    arrays,
  };
}

const split = (s: string): string[] => (s === '' ? [] : s.split(SEPARATOR));

/**
 * Restores an index in O(size): typed arrays are used as they are (not copied), nothing is re-tokenised or
 * re-stemmed. Throws on another format version; the caller then rebuilds from the clinics.
 */
export function restoreSearchIndex(data: SerializedSearchIndex): SearchIndex {
  if (data.version !== SEARCH_INDEX_FORMAT_VERSION) {
    throw new RangeError(`Search index format ${data.version}, expected ${SEARCH_INDEX_FORMAT_VERSION}`);
  }
  const core: IndexCore = {
    ...data.arrays,
    n: data.n,
    ids: split(data.ids),
    terms: split(data.terms),
    specCodes: data.specCodes,
    townIds: data.townIds,
    timeZones: data.timeZones,
    districtKeys: data.districtKeys,
    towns: data.towns,
  };
  return new ClinicSearchIndex(core);
}
