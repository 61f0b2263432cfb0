import { derivationalRoot, stemRussian } from './russian-stemmer';
import { boundedDamerauLevenshtein, typoBudget } from './typo-distance';

/** Matched vocabulary terms of one query word with their match quality in (0, 1]; parallel arrays. */
export type TermMatches = { readonly ids: readonly number[]; readonly quals: readonly number[] };

/** Match qualities: an exact stem beats a shared root, which beats a completion, which beats a typo. */
export const QUALITY_EXACT = 1;
export const QUALITY_ROOT = 0.85;
const QUALITY_PREFIX_MIN = 0.6;
const QUALITY_PREFIX_SPAN = 0.3;
export const QUALITY_TYPO_1 = 0.55;
export const QUALITY_TYPO_2 = 0.4;
const CACHE_LIMIT = 512;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Set of letters of a word as 32 bits (Cyrillic а–я exactly, anything else folded in; collisions only let more through). */
function letterSignature(word: string): number {
  let sig = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    sig |= 1 << (code >= 0x430 && code <= 0x44f ? code - 0x430 : code & 31);
  }
  return sig;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The sorted vocabulary of an index plus the few words that arrived later with upserted clinics (`extra`, ids
 * after the sorted ones, searched linearly: it stays small until `compact()` folds it in).
 */
export class Vocabulary {
  private readonly extra: string[] = [];
  private readonly extraIds = new Map<string, number>();
  private readonly cache = new Map<string, TermMatches>();
  /** Letter signatures of the sorted terms, computed on the first typo lookup (restore stays cheap). */
  private signatures: Uint32Array | null = null;

  constructor(
    readonly sorted: readonly string[],
    private readonly rootOrder: Uint32Array,
  ) {}

  get size(): number {
    return this.sorted.length + this.extra.length;
  }

  termAt(id: number): string {
    return id < this.sorted.length ? (this.sorted[id] ?? '') : (this.extra[id - this.sorted.length] ?? '');
  }

  /** First sorted position whose term is ≥ key (or, with `prefixEnd`, past every term starting with key). */
  private lowerBound(key: string, prefixEnd: boolean): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.sorted[mid] ?? '';
      const before = prefixEnd ? t < key || t.startsWith(key) : t < key;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  idOf(term: string): number {
    const i = this.lowerBound(term, false);
    if (this.sorted[i] === term) return i;
    return this.extraIds.get(term) ?? -1;
  }

  /** Id of a term, adding it to the extra words when new (an upserted clinic brought it). */
  intern(term: string): number {
    const known = this.idOf(term);
    if (known >= 0) return known;
    const id = this.sorted.length + this.extra.length;
    this.extra.push(term);
    this.extraIds.set(term, id);
    this.cache.clear();
    return id;
  }

  /** Terms of `word`: same stem, same root, completions when it is being typed, and near misses (typos). */
  expand(word: string, isPrefix: boolean): TermMatches {
    const key = (isPrefix ? '+' : '=') + word;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const best = new Map<number, number>();
    const put = (id: number, q: number): void => {
      if ((best.get(id) ?? 0) < q) best.set(id, q);
    };
    const stem = stemRussian(word);
    const exact = this.idOf(stem);
    if (exact >= 0) put(exact, QUALITY_EXACT);
    this.forRoot(derivationalRoot(stem), (id) => put(id, QUALITY_ROOT));
    if (isPrefix) {
      this.forPrefix(word, (id, term) =>
        put(id, QUALITY_PREFIX_MIN + (QUALITY_PREFIX_SPAN * word.length) / Math.max(word.length, term.length)),
      );
    }
    const budget = typoBudget(word.length);
    if (budget > 0) this.forTypos(stem, budget, (id, d) => put(id, d === 1 ? QUALITY_TYPO_1 : QUALITY_TYPO_2));
    const matches = { ids: [...best.keys()], quals: [...best.values()] };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, matches);
    return matches;
  }

  private forRoot(root: string, fn: (id: number) => void): void {
    const order = this.rootOrder;
    const rootAt = (k: number): string => derivationalRoot(this.sorted[order[k] ?? 0] ?? '');
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(rootAt(mid), root) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && rootAt(k) === root; k++) fn(order[k] ?? 0);
    this.extra.forEach((t, k) => {
      if (derivationalRoot(t) === root) fn(this.sorted.length + k);
    });
  }

  private forPrefix(prefix: string, fn: (id: number, term: string) => void): void {
    const end = this.lowerBound(prefix, true);
    for (let i = this.lowerBound(prefix, false); i < end; i++) fn(i, this.sorted[i] ?? '');
    this.extra.forEach((t, k) => {
      if (t.startsWith(prefix)) fn(this.sorted.length + k, t);
    });
  }

  /**
   * Terms within `budget` edits of `stem`. Candidates are the terms starting with the stem's first or second
   * letter (a slip in the very first letter is rare, a swap of the first two is caught by the second range), of
   * a length within the budget: a small slice of the vocabulary, so no deletion index is needed.
   */
  private forTypos(stem: string, budget: number, fn: (id: number, distance: number) => void): void {
    this.signatures ??= Uint32Array.from(this.sorted, letterSignature);
    const signatures = this.signatures;
    const sig = letterSignature(stem);
    const scan = (id: number, term: string): void => {
      if (Math.abs(term.length - stem.length) > budget || term === stem) return;
      // Each edit adds or drops at most one distinct letter on each side: a cheap test that skips most terms
      // before the edit-distance table is filled.
      const termSig = id < signatures.length ? signatures[id]! : letterSignature(term); // id < length: in range
      if (popcount(sig & ~termSig) > budget || popcount(termSig & ~sig) > budget) return;
      const d = boundedDamerauLevenshtein(stem, term, budget);
      if (d <= budget) fn(id, d);
    };
    const first = stem.slice(0, 1);
    const second = stem.slice(1, 2);
    this.forPrefix(first, scan);
    if (second !== '' && second !== first) this.forPrefix(second, scan);
  }
}
