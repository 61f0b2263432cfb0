import type { Seq, Store } from '../store/store.types';

export const LAG_WINDOW_MINUTES = 5;
const WINDOW_MS = LAG_WINDOW_MINUTES * 60_000;
/** The current sequence is re-read at most this often per collection: one cheap store call, not one per poll. */
const SEQ_REFRESH_MS = 1_000;
const MAX_SAMPLES = 10_000;

/**
 * The position a seq stands for: PouchDB seqs are integers, CouchDB's start with one ("12-g1AA…"). Only used
 * to estimate distances for the health view — the replication itself never compares seqs.
 */
export function seqNumber(seq: Seq): number | null {
  if (typeof seq === 'number') return seq;
  const match = /^(\d+)/.exec(seq);
  return match?.[1] === undefined ? null : Number(match[1]);
}

export type LagSummary = { requests: number; max: number; median: number };

/**
 * How far behind its database each `_changes` request started: the current sequence minus the request's `since`.
 * A client that is up to date asks from the current sequence (lag 0); one that was offline asks from far back.
 */
export class ReplicationLag {
  readonly #samples = new Map<string, { at: number; lag: number }[]>();
  readonly #current = new Map<string, { at: number; seq: Promise<number | null> }>();

  constructor(
    private readonly store: Store,
    private readonly collections: readonly string[],
  ) {}

  /** Not awaited by the request: the sample lands a moment later, the request never waits for it. */
  async observe(collection: string, since: unknown, nowMs: number): Promise<void> {
    if (!this.collections.includes(collection) || (typeof since !== 'string' && typeof since !== 'number')) return;
    if (since === 'now') return;
    const from = seqNumber(since);
    if (from === null) return;
    const current = await this.#currentSeq(collection, nowMs);
    if (current === null) return;
    const samples = this.#samples.get(collection) ?? [];
    samples.push({ at: nowMs, lag: Math.max(0, current - from) });
    if (samples.length > MAX_SAMPLES) samples.shift();
    this.#samples.set(collection, samples);
  }

  summary(collection: string, nowMs: number): LagSummary {
    const recent = (this.#samples.get(collection) ?? []).filter((s) => s.at > nowMs - WINDOW_MS);
    this.#samples.set(collection, recent);
    const lags = recent.map((s) => s.lag).sort((a, b) => a - b);
    const mid = lags.length >> 1;
    const median = lags.length === 0 ? 0 : lags.length % 2 ? lags[mid]! : Math.round((lags[mid - 1]! + lags[mid]!) / 2);
    return { requests: lags.length, max: lags.at(-1) ?? 0, median };
  }

  #currentSeq(collection: string, nowMs: number): Promise<number | null> {
    const cached = this.#current.get(collection);
    if (cached && nowMs - cached.at < SEQ_REFRESH_MS) return cached.seq;
    const seq = this.store
      .database(collection)
      .then((db) => db.changes({ since: 'now' }))
      .then((r) => seqNumber(r.lastSeq))
      .catch(() => null);
    this.#current.set(collection, { at: nowMs, seq });
    return seq;
  }
}
