import type { IndexState } from './index-state';
import type { QueryPlan, QueryToken } from './query-plan';
import { basePasses, isTrivial, overlayPasses, type CompiledFilter } from './search-filters';
import { FIELD_ADDRESS, FIELD_NAME, FIELD_PLACE } from './index-core-types';

// Hot loops read typed arrays with `!`: slots come from postings or loop bounds of the same core, term ids from
// the vocabulary and offsets from CSR arrays of matching length, so every read is in range.

/** Field weights: a word of the name counts most, then specialties, the town/district, the address. */
const SPECIALTY_WEIGHT = 2;
const FIELD_WEIGHT = Float64Array.from({ length: 8 }, (_, mask) =>
  mask & FIELD_NAME ? 3 : mask & FIELD_PLACE ? 1.5 : mask & FIELD_ADDRESS ? 1 : 0,
);

/** A token resolved against the vocabulary: matched terms and specialties with qualities, and a cost estimate. */
type ResolvedToken = {
  readonly termIds: readonly number[];
  readonly termQuals: readonly number[];
  readonly specOrds: number[];
  readonly specQuals: number[];
  readonly cost: number;
};

function resolveToken(state: IndexState, token: QueryToken): ResolvedToken {
  const c = state.core;
  const baseTerms = c.terms.length;
  const specBest = new Map<number, number>();
  let termIds: readonly number[] = [];
  let termQuals: readonly number[] = [];
  let cost = 0;
  if (token.kind === 'word') {
    const m = state.vocab.expand(token.word, token.isPrefix);
    termIds = m.ids;
    termQuals = m.quals;
    m.ids.forEach((id, k) => {
      if (id >= baseTerms) return;
      cost += c.postOff[id + 1]! - c.postOff[id]!;
      const q = m.quals[k]!;
      for (let j = c.termSpecOff[id]!; j < c.termSpecOff[id + 1]!; j++) {
        const s = c.termSpecs[j]!;
        if ((specBest.get(s) ?? 0) < q) specBest.set(s, q);
      }
    });
  } else {
    for (const code of token.codes) {
      const s = state.specOrd.get(code);
      if (s !== undefined) specBest.set(s, 1);
    }
  }
  const specOrds = [...specBest.keys()];
  for (const s of specOrds) if (s < c.specCodes.length) cost += c.specDocOff[s + 1]! - c.specDocOff[s]!;
  return { termIds, termQuals, specOrds, specQuals: [...specBest.values()], cost };
}

function setQualities(state: IndexState, t: ResolvedToken, on: boolean): void {
  t.termIds.forEach((id, k) => (state.termQual[id] = on ? t.termQuals[k]! : 0));
  t.specOrds.forEach((s, k) => (state.specQual[s] = on ? t.specQuals[k]! : 0));
}

/** Best weighted quality of the current token (qualities set) in one clinic's forward lists. */
function forwardScore(
  state: IndexState,
  ids: Uint32Array,
  fields: Uint8Array,
  from: number,
  to: number,
  specs: Uint16Array,
  sFrom: number,
  sTo: number,
): number {
  let best = 0;
  const tq = state.termQual;
  for (let k = from; k < to; k++) {
    const q = tq[ids[k]!]!;
    if (q > 0) {
      const w = q * FIELD_WEIGHT[fields[k]!]!;
      if (w > best) best = w;
    }
  }
  const sq = state.specQual;
  for (let k = sFrom; k < sTo; k++) {
    const q = sq[specs[k]!]!;
    if (q * SPECIALTY_WEIGHT > best) best = q * SPECIALTY_WEIGHT;
  }
  return best;
}

function slotScore(state: IndexState, slot: number): number {
  const c = state.core;
  if (slot < c.n) {
    return forwardScore(
      state,
      c.termIds,
      c.termFields,
      c.termOff[slot]!,
      c.termOff[slot + 1]!,
      c.specs,
      c.specOff[slot]!,
      c.specOff[slot + 1]!,
    );
  }
  const d = state.overlay[slot - c.n]!;
  return forwardScore(state, d.termIds, d.termFields, 0, d.termIds.length, d.specs, 0, d.specs.length);
}

/** Marks every base clinic the token's postings reach with its best weighted quality; returns the epoch. */
function markPostings(state: IndexState, t: ResolvedToken, collect: boolean): number {
  const c = state.core;
  const { mark, best, cand } = state;
  const { postOff, postDocs, postFields, specDocOff, specDocs } = c;
  const epoch = state.nextEpoch();
  let count = 0;
  // Two copies of the same loop rather than one with a weight callback: this is the hottest code of a search.
  for (let k = 0; k < t.termIds.length; k++) {
    const id = t.termIds[k]!;
    if (id >= c.terms.length) continue;
    const q = t.termQuals[k]!;
    const end = postOff[id + 1]!;
    for (let p = postOff[id]!; p < end; p++) {
      const d = postDocs[p]!;
      const w = q * FIELD_WEIGHT[postFields[p]!]!;
      if (mark[d] !== epoch) {
        mark[d] = epoch;
        best[d] = w;
        if (collect) cand[count++] = d;
      } else if (w > best[d]!) best[d] = w;
    }
  }
  for (let k = 0; k < t.specOrds.length; k++) {
    const s = t.specOrds[k]!;
    if (s >= c.specCodes.length) continue;
    const w = t.specQuals[k]! * SPECIALTY_WEIGHT;
    const end = specDocOff[s + 1]!;
    for (let p = specDocOff[s]!; p < end; p++) {
      const d = specDocs[p]!;
      if (mark[d] !== epoch) {
        mark[d] = epoch;
        best[d] = w;
        if (collect) cand[count++] = d;
      } else if (w > best[d]!) best[d] = w;
    }
  }
  state.candCount = count;
  return epoch;
}

/**
 * For a broad first word (postings reach a good share of the index): best weighted quality per slot in a
 * cleared dense array, no marks. The inner loop then does one read and a rare write per posting.
 */
function denseBest(state: IndexState, t: ResolvedToken): void {
  const c = state.core;
  const best = state.best;
  const { postOff, postDocs, postFields, specDocOff, specDocs } = c;
  best.fill(0, 0, c.n);
  for (let k = 0; k < t.termIds.length; k++) {
    const id = t.termIds[k]!;
    if (id >= c.terms.length) continue;
    const q = t.termQuals[k]!;
    const end = postOff[id + 1]!;
    for (let p = postOff[id]!; p < end; p++) {
      const d = postDocs[p]!;
      const w = q * FIELD_WEIGHT[postFields[p]!]!;
      if (w > best[d]!) best[d] = w;
    }
  }
  for (let k = 0; k < t.specOrds.length; k++) {
    const s = t.specOrds[k]!;
    if (s >= c.specCodes.length) continue;
    const w = t.specQuals[k]! * SPECIALTY_WEIGHT;
    const end = specDocOff[s + 1]!;
    for (let p = specDocOff[s]!; p < end; p++) {
      const d = specDocs[p]!;
      if (w > best[d]!) best[d] = w;
    }
  }
}

type DocList = { readonly docs: Uint32Array; readonly from: number; readonly to: number };

/**
 * The shorter of the filter specialty's and town's clinic lists; null without such filters. A code or town known
 * only from upserted clinics gives an empty list (no base clinic has it).
 */
function filterList(state: IndexState, f: CompiledFilter): DocList | null {
  const c = state.core;
  let list: DocList | null = null;
  if (f.spec >= 0) {
    const known = f.spec < c.specCodes.length;
    list = { docs: c.specDocs, from: known ? c.specDocOff[f.spec]! : 0, to: known ? c.specDocOff[f.spec + 1]! : 0 };
  }
  if (f.town >= 0) {
    const known = f.town < c.townIds.length;
    const from = known ? c.townDocOff[f.town]! : 0;
    const to = known ? c.townDocOff[f.town + 1]! : 0;
    if (!list || to - from < list.to - list.from) list = { docs: c.townDocs, from, to };
  }
  return list;
}

/** Every live clinic passing the filters, score 0: the whole answer of a text-free query. */
function collectFiltered(state: IndexState, f: CompiledFilter): number {
  const c = state.core;
  const { cand, acc } = state;
  let count = 0;
  const list = filterList(state, f);
  if (list) {
    for (let p = list.from; p < list.to; p++) {
      const d = list.docs[p]!;
      if (basePasses(state, f, d)) cand[count++] = d;
    }
  } else if (isTrivial(f)) {
    const alive = state.alive;
    for (let d = 0; d < c.n; d++) if (alive[d]) cand[count++] = d;
  } else {
    for (let d = 0; d < c.n; d++) if (basePasses(state, f, d)) cand[count++] = d;
  }
  for (const doc of state.overlay) if (overlayPasses(state, f, doc)) cand[count++] = doc.slot;
  for (let k = 0; k < count; k++) acc[cand[k]!] = 0;
  return count;
}

/**
 * Fills `state.cand[0..count)` with the slots matching every token and the filters, scores in `state.acc`.
 * Tokens run cheapest first; later tokens either walk their postings or, when few candidates are left, check
 * the candidates' own word lists, whichever touches less.
 */
export function collectCandidates(state: IndexState, tokens: readonly QueryToken[], f: CompiledFilter): number {
  state.ensureScratch();
  if (f.impossible) return 0;
  const c = state.core;
  const { cand, acc } = state;
  let count = 0;
  if (tokens.length === 0) return collectFiltered(state, f);
  const resolved = tokens.map((t) => resolveToken(state, t)).sort((a, b) => a.cost - b.cost);
  const perDocCost = c.n === 0 ? 1 : (c.termIds.length + c.specs.length) / c.n;
  // A selective filter (a town, a specialty) with fewer clinics than the cheapest word's postings: start from
  // the filter's clinics and check every word on their own word lists.
  const listed = filterList(state, f);
  const seeded = listed !== null && (listed.to - listed.from) * perDocCost < (resolved[0]?.cost ?? 0);
  if (seeded) count = collectFiltered(state, f);
  // A plain loop, not forEach: `count` mutated inside a closure would live in a context slot, and every
  // candidate write would pay for it.
  for (let ti = 0; ti < resolved.length; ti++) {
    const t = resolved[ti]!;
    setQualities(state, t, true);
    if (ti === 0 && !seeded) {
      if (t.cost > c.n >> 2) {
        // A broad first word: dense scores, then candidates in slot order, so every later pass (filters,
        // distance keys) walks the columns sequentially instead of jumping around them in posting order.
        denseBest(state, t);
        const best = state.best;
        if (isTrivial(f)) {
          // The common "just typing" case: only tombstones to skip, kept apart so the loop stays tiny.
          const alive = state.alive;
          for (let d = 0; d < c.n; d++) {
            const b = best[d]!;
            if (b > 0 && alive[d]) {
              cand[count++] = d;
              acc[d] = b;
            }
          }
        } else {
          for (let d = 0; d < c.n; d++) {
            if (best[d]! > 0 && basePasses(state, f, d)) {
              cand[count++] = d;
              acc[d] = best[d]!;
            }
          }
        }
      } else {
        markPostings(state, t, true);
        const touched = state.candCount;
        for (let k = 0; k < touched; k++) {
          const d = cand[k]!;
          if (basePasses(state, f, d)) {
            cand[count++] = d;
            acc[d] = state.best[d]!;
          }
        }
      }
      for (const doc of state.overlay) {
        if (!overlayPasses(state, f, doc)) continue;
        const s = slotScore(state, doc.slot);
        if (s > 0) {
          cand[count++] = doc.slot;
          acc[doc.slot] = s;
        }
      }
    } else if (count * perDocCost < t.cost) {
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const d = cand[k]!;
        const s = slotScore(state, d);
        if (s > 0) {
          cand[kept++] = d;
          acc[d] = acc[d]! + s;
        }
      }
      count = kept;
    } else {
      const epoch = markPostings(state, t, false);
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const d = cand[k]!;
        const s = d < c.n ? (state.mark[d] === epoch ? state.best[d]! : 0) : slotScore(state, d);
        if (s > 0) {
          cand[kept++] = d;
          acc[d] = acc[d]! + s;
        }
      }
      count = kept;
    }
    setQualities(state, t, false);
  }
  return count;
}

/**
 * Candidates of a whole plan: its tokens, united with the literal reading when a phrase was read as specialties
 * (a clinic found both ways keeps the better score). The literal pass reuses the scratch arrays, so the first
 * pass's candidates are set aside in arrays sized to that result, only for such phrase queries.
 */
export function collectPlan(state: IndexState, plan: QueryPlan, f: CompiledFilter): number {
  const first = collectCandidates(state, plan.tokens, f);
  if (!plan.literal) return first;
  const keptSlots = state.cand.slice(0, first);
  const keptScores = Float64Array.from(keptSlots, (d) => state.acc[d]!);
  let count = collectCandidates(state, plan.literal, f);
  const { cand, acc, mark } = state;
  const epoch = state.nextEpoch();
  for (let k = 0; k < count; k++) mark[cand[k]!] = epoch;
  for (let k = 0; k < first; k++) {
    const d = keptSlots[k]!;
    const s = keptScores[k]!;
    if (mark[d] === epoch) {
      if (s > acc[d]!) acc[d] = s;
    } else {
      cand[count++] = d;
      acc[d] = s;
    }
  }
  return count;
}
