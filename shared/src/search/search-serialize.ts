import { ClinicSearchIndex, type SearchIndex } from './search-index';
import type { IndexCore, IndexTown } from './index-core-types';

/** The typed-array columns of the core, stored as they are (IndexedDB clones typed arrays natively). */
type IndexCoreArrays = Omit<
  IndexCore,
  'n' | 'ids' | 'terms' | 'specCodes' | 'townIds' | 'timeZones' | 'districtKeys' | 'towns'
>;

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
  readonly arrays: IndexCoreArrays;
};

// Ids and terms never contain a line feed: ids match ^[a-z0-9._-]+$, terms are letters and digits only.
const SEPARATOR = '\n';

export function serializeSearchIndex(index: SearchIndex): SerializedSearchIndex {
  if (!(index instanceof ClinicSearchIndex)) throw new TypeError('Not an index built by buildSearchIndex');
  const c = index.compactedCore();
  const { n, ids, terms, specCodes, townIds, timeZones, districtKeys, towns, ...rest } = c;
  // `rest` is exactly the typed-array columns: everything else was named above and travels in its own form.
  const arrays: IndexCoreArrays = rest;
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
