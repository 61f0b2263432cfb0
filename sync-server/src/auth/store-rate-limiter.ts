// Rate-limit counters in the shared store, so that N sync-server instances count one limit together (ADR 018).
// Every attempt is its own small document in the window's key range, its id ordered by time; an attempt is allowed
// when at most `max` attempts sort up to and including its own. Nothing is ever updated, so concurrent attempts —
// on one instance or several — never conflict: an earlier design incremented one counter per key by
// revision-checked writes, and a burst of sign-ups behind one NAT lost every revision race and was refused although
// far below the limit. Counting only what sorts before an attempt (not the whole window) is what lets a burst's
// first `max` through: counted whole, every attempt of a simultaneous burst would see the others and be refused.
import { randomBytes } from 'node:crypto';
import type { Store, StoreDatabase, StoredDoc } from '../store/store.types';
import { MemoryRateLimiter, type RateDecision, type RateLimiter } from './rate-limiter';
import { sharedRateLimitNames, type RateLimitName, type RateLimits } from './rate-limits';

export const RATE_LIMITS_DB = 'rate-limits';

/** Windows that ended are deleted at most this often (each instance purges; a double delete is a harmless conflict). */
const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_PAGE = 500;
/** Window starts in ids are zero-padded so that ids sort by time within one key. */
const TIME_DIGITS = 15;

function endsAtOf(doc: StoredDoc | null | undefined): number | null {
  const endsAt = doc?.['endsAt'];
  return typeof endsAt === 'number' ? endsAt : null;
}

function isShared(name: RateLimitName): boolean {
  return (sharedRateLimitNames as readonly RateLimitName[]).includes(name);
}

/**
 * The id range of one key's window: `<rule>:<key>:<windowStart>:`. The key (an email or an IP address, which may
 * hold `:`) is URI-encoded so one key's range can never contain another key's attempts. Windows are fixed and
 * aligned to the epoch, so every instance computes the same range without coordination.
 */
function windowPrefix(name: RateLimitName, key: string, windowStart: number): string {
  return `${name}:${encodeURIComponent(key)}:${String(windowStart).padStart(TIME_DIGITS, '0')}:`;
}

export class StoreRateLimiter implements RateLimiter {
  #lastPurge = 0;
  #purging: Promise<void> | undefined;
  #sequence = 0;

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
    const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
    const endsAt = windowStart + rule.windowMs;
    const prefix = windowPrefix(name, key, windowStart);
    const db = await this.db();
    // A refused attempt is recorded too: hammering on past the limit keeps the key refused until the window ends.
    // Time, then this process's attempt counter: one instance's attempts sort in the order it stores them, so its
    // own bursts are decided exactly; the random tail keeps instances apart.
    this.#sequence = (this.#sequence + 1) % 1_000_000;
    const order = `${String(now).padStart(TIME_DIGITS, '0')}.${String(this.#sequence).padStart(6, '0')}`;
    const id = `${prefix}${order}:${randomBytes(6).toString('hex')}`;
    const written = await db.put({ _id: id, endsAt });
    if (!written.ok) throw new Error(`rate-limit attempt not recorded: ${written.reason}`);
    // Every counted row is a real attempt of this window, so nobody is refused below the limit. Attempts of two
    // instances in the same millisecond (or skewed clocks) may be decided in an order their ids do not follow,
    // letting a few more than `max` through such a cross-instance burst — the lenient side. At most max+1 rows
    // are read.
    const before = await db.allDocs({ startkey: prefix, endkey: id, limit: rule.max + 1 });
    if (before.rows.length <= rule.max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now) / 1000)) };
  }

  /** Deletes the attempts of windows that ended; not awaited by the attempt that triggers it. */
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
        const endsAt = endsAtOf(doc);
        return doc && endsAt !== null && endsAt <= now ? [{ _id: doc._id, _rev: doc._rev, _deleted: true }] : [];
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
