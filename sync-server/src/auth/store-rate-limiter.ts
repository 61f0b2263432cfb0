// Rate-limit counters in the shared store, so that N sync-server instances count one limit together (ADR 018).
// One document per (rule, key) holding the current fixed window; an attempt is a revision-checked increment,
// retried on conflict, so concurrent attempts on several instances are all counted.
import type { Store, StoreDatabase, StoredDoc } from '../store/store.types';
import { MemoryRateLimiter, type RateDecision, type RateLimiter } from './rate-limiter';
import { sharedRateLimitNames, type RateLimitName, type RateLimits } from './rate-limits';

export const RATE_LIMITS_DB = 'rate-limits';

/** Concurrent increments on one key lose a revision race this many times at most before the attempt is refused. */
const MAX_TRIES = 8;
/** Windows that ended are deleted at most this often (each instance purges; a double delete is a harmless conflict). */
const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_PAGE = 500;

type Window = { startedAt: number; count: number; endsAt: number };

function windowOf(doc: StoredDoc | null): Window | null {
  if (!doc) return null;
  const { startedAt, count, endsAt } = doc;
  if (typeof startedAt !== 'number' || typeof count !== 'number' || typeof endsAt !== 'number') return null;
  return { startedAt, count, endsAt };
}

function isShared(name: RateLimitName): boolean {
  return (sharedRateLimitNames as readonly RateLimitName[]).includes(name);
}

export class StoreRateLimiter implements RateLimiter {
  #lastPurge = 0;
  #purging: Promise<void> | undefined;

  private constructor(
    private readonly store: Store,
    private readonly rules: RateLimits,
    private readonly now: () => number,
  ) {}

  /** The database is opened on first use: an embedded store pays a LevelDB open only once a limit is hit. */
  static open(store: Store, rules: RateLimits, now: () => number = Date.now): Promise<StoreRateLimiter> {
    return Promise.resolve(new StoreRateLimiter(store, rules, now));
  }

  private db(): Promise<StoreDatabase> {
    return this.store.database(RATE_LIMITS_DB);
  }

  async hit(name: RateLimitName, key: string): Promise<RateDecision> {
    const rule = this.rules[name];
    const now = this.now();
    this.#maybePurge(now);
    // The key may be an email or an address: both are fine in a document id, which the store never shows anyone.
    const id = `${name}:${key}`;
    const db = await this.db();
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const doc = await db.get(id);
      const current = windowOf(doc);
      const fresh = !current || now >= current.endsAt;
      const next: Window = fresh
        ? { startedAt: now, count: 1, endsAt: now + rule.windowMs }
        : { ...current, count: current.count + 1 };
      const written = await db.put({ _id: id, ...(doc ? { _rev: doc._rev } : {}), ...next });
      if (!written.ok) continue;
      if (next.count <= rule.max) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((next.endsAt - now) / 1000)) };
    }
    // Only a storm on one key loses every race: refusing it briefly is the safe side of a limit.
    return { allowed: false, retryAfterSeconds: 1 };
  }

  /** Deletes windows that ended; not awaited by the attempt that triggers it. */
  purge(now: number = this.now()): Promise<void> {
    this.#purging ??= this.#purge(now).finally(() => {
      this.#purging = undefined;
    });
    return this.#purging;
  }

  #maybePurge(now: number): void {
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    this.purge(now).catch(() => undefined);
  }

  async #purge(now: number): Promise<void> {
    const db = await this.db();
    let startkey: string | undefined;
    for (;;) {
      const page = await db.allDocs({
        includeDocs: true,
        limit: PURGE_PAGE + 1,
        ...(startkey === undefined ? {} : { startkey }),
      });
      const rows = page.rows.slice(0, PURGE_PAGE);
      const ended = rows.flatMap((row) => {
        const doc = 'doc' in row ? row.doc : null;
        const window = windowOf(doc ?? null);
        return doc && window && window.endsAt <= now ? [{ _id: doc._id, _rev: doc._rev, _deleted: true }] : [];
      });
      if (ended.length > 0) await db.bulkDocs(ended);
      const more = page.rows[PURGE_PAGE];
      if (!more) return;
      startkey = more.key;
    }
  }
}

/** The shared limits in the store, the rest in this instance's memory (see `sharedRateLimitNames`). */
export class SharedRateLimiter implements RateLimiter {
  constructor(
    private readonly shared: StoreRateLimiter,
    private readonly local: MemoryRateLimiter,
  ) {}

  static async open(store: Store, rules: RateLimits, now: () => number): Promise<SharedRateLimiter> {
    return new SharedRateLimiter(await StoreRateLimiter.open(store, rules, now), new MemoryRateLimiter(rules, now));
  }

  hit(name: RateLimitName, key: string): RateDecision | Promise<RateDecision> {
    return isShared(name) ? this.shared.hit(name, key) : this.local.hit(name, key);
  }
}
