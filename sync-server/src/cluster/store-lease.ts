// A lease kept in the shared store, so that of several sync-server instances exactly one runs the background jobs
// (ticket scheduler, conflict sweeper). One document per lease in the `leases` database; every acquire, renewal
// and release is a revision-checked write, so two instances racing for a free lease cannot both win. ADR 018.
import type { Store, StoredDoc } from '../store/store.types';

export const LEASES_DB = 'leases';
export const DEFAULT_LEASE_TTL_MS = 30_000;

export type LeaseDoc = { holder: string | null; expiresAt: number; acquiredAt: number };

export type LeaseLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
};

export type StoreLeaseOptions = {
  store: Store;
  /** Document id, e.g. `scheduler`. */
  name: string;
  instanceId: string;
  ttlMs: number;
  /** Real wall clock: expiry is compared across processes, so never a test's shifted clock. */
  clock?: () => number;
  log: LeaseLog;
};

/** Called with true when this instance becomes the holder, false when it stops being one. */
export type LeaseListener = (held: boolean) => void;

function leaseOf(doc: StoredDoc | null): (LeaseDoc & { rev: string }) | null {
  if (!doc) return null;
  const holder = typeof doc['holder'] === 'string' ? doc['holder'] : null;
  const expiresAt = typeof doc['expiresAt'] === 'number' ? doc['expiresAt'] : 0;
  const acquiredAt = typeof doc['acquiredAt'] === 'number' ? doc['acquiredAt'] : 0;
  return { holder, expiresAt, acquiredAt, rev: doc._rev };
}

export class StoreLease {
  readonly #o: StoreLeaseOptions;
  readonly #clock: () => number;
  readonly #listeners: LeaseListener[] = [];
  /** Local view: until when this instance may act as holder (0 = not holding). */
  #heldUntil = 0;
  #holding = false;
  #timer: NodeJS.Timeout | undefined;
  #attempt: Promise<void> | undefined;
  #stopped = false;

  constructor(options: StoreLeaseOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
  }

  get instanceId(): string {
    return this.#o.instanceId;
  }

  /**
   * True while the last successful write is younger than the TTL. The holder stops acting at its own expiry even
   * when it could not renew (store unreachable), which is the moment another instance may take over.
   */
  get held(): boolean {
    return this.#holding && this.#clock() < this.#heldUntil;
  }

  onChange(listener: LeaseListener): void {
    this.#listeners.push(listener);
  }

  /** Tries once now (awaited: a single instance holds the lease when its start returns), then every TTL/3. */
  async start(): Promise<void> {
    await this.tick();
    this.#schedule();
  }

  /** Who holds the lease according to the store (null when free or expired). */
  async holder(): Promise<string | null> {
    const lease = leaseOf(await (await this.#o.store.database(LEASES_DB)).get(this.#o.name));
    return lease && lease.holder && lease.expiresAt > this.#clock() ? lease.holder : null;
  }

  /** One acquire-or-renew attempt; concurrent calls share it. */
  tick(): Promise<void> {
    this.#attempt ??= this.#tryAcquire()
      .catch((err: unknown) => {
        this.#o.log.warn({ err, lease: this.#o.name }, 'lease: store unreachable, will retry');
      })
      .finally(() => {
        this.#attempt = undefined;
        this.#setHolding(!this.#stopped && this.#clock() < this.#heldUntil);
      });
    return this.#attempt;
  }

  /** Stops renewing and, when holding, frees the lease so another instance takes over at once. */
  async release(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#attempt;
    const wasHolding = this.#holding;
    this.#setHolding(false);
    this.#heldUntil = 0;
    if (!wasHolding) return;
    try {
      const db = await this.#o.store.database(LEASES_DB);
      const lease = leaseOf(await db.get(this.#o.name));
      if (lease?.holder !== this.#o.instanceId) return;
      await db.put({ _id: this.#o.name, _rev: lease.rev, holder: null, expiresAt: 0, acquiredAt: 0 });
      this.#o.log.info({ lease: this.#o.name, instance: this.#o.instanceId }, 'lease released');
    } catch (err) {
      // It expires on its own within the TTL.
      this.#o.log.warn({ err, lease: this.#o.name }, 'lease not released; it expires by itself');
    }
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(
      () => {
        void this.tick().finally(() => this.#schedule());
      },
      Math.max(50, Math.floor(this.#o.ttlMs / 3)),
    );
    this.#timer.unref();
  }

  async #tryAcquire(): Promise<void> {
    if (this.#stopped) return;
    const { name, instanceId, ttlMs } = this.#o;
    const db = await this.#o.store.database(LEASES_DB);
    const now = this.#clock();
    const current = await db.get(name, { conflicts: true });
    // On a CouchDB cluster a partition can leave two conflicting lease revisions; the store's deterministic winner
    // decides (the same on every node), and the losers are deleted so the next revision check is against one leaf.
    for (const rev of current?._conflicts ?? []) await db.put({ _id: name, _rev: rev, _deleted: true });
    const lease = leaseOf(current);
    const mine = lease?.holder === instanceId;
    const free = !lease || lease.holder === null || lease.expiresAt <= now;
    if (!mine && !free) return;
    const acquiredAt = mine && lease ? lease.acquiredAt : now;
    const written = await db.put({
      _id: name,
      ...(lease ? { _rev: lease.rev } : {}),
      holder: instanceId,
      expiresAt: now + ttlMs,
      acquiredAt,
    });
    // A conflict means another instance wrote first: it holds the lease now (or renewed it).
    if (written.ok) this.#heldUntil = now + ttlMs;
    else if (mine) this.#heldUntil = 0;
  }

  #setHolding(held: boolean): void {
    if (held === this.#holding) return;
    this.#holding = held;
    this.#o.log.info({ lease: this.#o.name, instance: this.#o.instanceId, held }, held ? 'lease taken' : 'lease lost');
    for (const listener of this.#listeners) listener(held);
  }
}
