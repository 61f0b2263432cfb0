// Two embedded stores made into a two-node "cluster": every database either side opens is replicated both ways,
// live, by PouchDB's own replicator, as CouchDB cluster nodes (or two clusters under continuous replication) keep
// each other current. Each node accepts writes on its own; two writes of one document made on different nodes
// before replication meets them become conflicting revisions on both — the situation the conflict sweeper is for.
import PouchDB from 'pouchdb';
import { PouchStoreDatabase } from '../store/pouchdb-database';
import type { Store, StoreDatabase } from '../store/store.types';

type Running = { name: string; sync: PouchDB.Replication.Sync<object>; done: Promise<void> };

function pouchHandle(db: StoreDatabase): PouchDB.Database {
  // Replication runs on the very handle the store writes through, so replicated revisions wake its long-polls.
  if (!(db instanceof PouchStoreDatabase)) throw new Error('The two-node cluster links embedded stores only');
  return db.replicationHandle();
}

/** One leaf-level fingerprint per document: ids with every leaf revision and whether the winner is deleted. */
async function fingerprint(db: StoreDatabase): Promise<Map<string, string>> {
  const prints = new Map<string, string>();
  let since: string | number = 0;
  for (;;) {
    const page = await db.changes({ since, limit: 1000, allLeaves: true });
    for (const row of page.results) {
      const leaves = row.changes.map((change) => change.rev).sort();
      prints.set(row.id, `${leaves.join(',')}${row.deleted ? ':deleted' : ''}`);
    }
    if (page.results.length < 1000) return prints;
    since = page.lastSeq;
  }
}

function samePrints(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, print] of a) if (b.get(id) !== print) return false;
  return true;
}

export class StoreLink {
  readonly #syncs = new Map<string, Promise<Running>>();
  #stopped = false;
  #paused: string[] = [];

  constructor(
    readonly a: Store,
    readonly b: Store,
  ) {}

  /** Opens `name` on both stores and replicates it both ways from now on. Idempotent. */
  link(name: string): Promise<void> {
    if (this.#stopped || this.#paused.includes(name)) return Promise.resolve();
    let running = this.#syncs.get(name);
    if (!running) {
      running = this.#start(name);
      this.#syncs.set(name, running);
      running.catch(() => {
        if (this.#syncs.get(name) === running) this.#syncs.delete(name);
      });
    }
    return running.then(() => undefined);
  }

  /** Databases replicated so far. */
  names(): string[] {
    return [...this.#syncs.keys()];
  }

  /**
   * Resolves once both stores hold the same leaf revisions of every linked database (polling, never sleeping
   * blindly); rejects after `timeoutMs` naming the databases still apart.
   */
  async untilReplicated(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const apart: string[] = [];
      for (const name of this.names()) {
        const [left, right] = await Promise.all([this.a.database(name), this.b.database(name)]);
        const [pa, pb] = await Promise.all([fingerprint(left), fingerprint(right)]);
        if (!samePrints(pa, pb)) apart.push(name);
      }
      if (apart.length === 0) return;
      if (Date.now() > deadline) throw new Error(`Nodes still apart after ${timeoutMs} ms in: ${apart.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Stops replicating without forgetting what is linked, as a network partition between nodes would: writes on
   * each node stay there until `resume()`. Lets a test make both nodes accept the same claim deterministically.
   */
  async pause(): Promise<void> {
    const running = await Promise.allSettled(this.#syncs.values());
    this.#syncs.clear();
    this.#paused = running.flatMap((r) => (r.status === 'fulfilled' ? [r.value.name] : []));
    for (const r of running) if (r.status === 'fulfilled') r.value.sync.cancel();
    await Promise.all(running.flatMap((r) => (r.status === 'fulfilled' ? [r.value.done] : [])));
  }

  /** Replicates again every database linked before `pause()` (from where each replication had got to). */
  async resume(): Promise<void> {
    const names = this.#paused;
    this.#paused = [];
    await Promise.all(names.map((name) => this.link(name)));
  }

  /** Ends every replication (waiting for each to wind down); later `link()` calls do nothing. Idempotent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const running = await Promise.allSettled(this.#syncs.values());
    for (const r of running) if (r.status === 'fulfilled') r.value.sync.cancel();
    await Promise.all(running.flatMap((r) => (r.status === 'fulfilled' ? [r.value.done] : [])));
  }

  async #start(name: string): Promise<Running> {
    const [left, right] = await Promise.all([this.a.database(name), this.b.database(name)]);
    const sync = PouchDB.sync(pouchHandle(left), pouchHandle(right), { live: true, retry: true });
    const done = new Promise<void>((resolve) => {
      // `on` returns the Sync, itself a thenable: nothing to await there.
      void sync.on('complete', () => resolve());
      // A live sync with retry only errors on something unrecoverable (a closed handle at shutdown).
      void sync.on('error', () => resolve());
    });
    return { name, sync, done };
  }
}

/**
 * One node's view: its own store, with every database it opens linked to the other node's. Closing a node stops
 * the replication (the other node goes on alone, like a cluster that lost a member) and closes its own store.
 */
export class LinkedStore implements Store {
  readonly kind = 'embedded';

  constructor(
    private readonly own: Store,
    private readonly link: StoreLink,
  ) {}

  async database(name: string): Promise<StoreDatabase> {
    await this.link.link(name);
    return this.own.database(name);
  }

  destroyDatabase(name: string): Promise<void> {
    return this.own.destroyDatabase(name);
  }

  listDatabases(): Promise<string[]> {
    return this.own.listDatabases();
  }

  async close(): Promise<void> {
    await this.link.stop();
    await this.own.close();
  }
}
