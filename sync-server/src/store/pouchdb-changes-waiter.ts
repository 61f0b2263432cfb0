// Long-poll support for the embedded store: one live PouchDB changes listener per open database turns every write
// into a wake-up for all waiting `changes()` calls. One listener per database (not per request) keeps the cost of a
// thousand idle long-polls at a thousand timers, not a thousand PouchDB feeds each re-reading the database.

type LiveFeed = {
  on(event: 'change', listener: (change: { seq: number | string }) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  cancel(): void;
};

export type LiveFeedSource = (since: number | string) => LiveFeed;

export class PouchChangesWaiter {
  #version = 0;
  #lastSeq: number | string;
  #feed: LiveFeed | undefined;
  #closed = false;
  readonly #wakers = new Set<() => void>();
  readonly #openFeed: LiveFeedSource;

  /**
   * `since` must be the update seq read when the database was opened, before anyone could write through it: the
   * feed then reports every later write, so no write can slip between a caller's query and its wait unnoticed.
   */
  constructor(openFeed: LiveFeedSource, since: number | string) {
    this.#openFeed = openFeed;
    this.#lastSeq = since;
    this.#start();
  }

  /**
   * Bumped on every change. Callers read it before querying and hand it to `wait()`: if it moved meanwhile, a change
   * may have landed after their query, so they must query again instead of sleeping through it.
   */
  get version(): number {
    return this.#version;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves on the next change after `seenVersion`, after `timeoutMs`, on abort, or when the database closes. */
  wait(seenVersion: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    // A feed that died on an error is restarted from the last seq it reported, so it misses nothing.
    if (!this.#feed && !this.#closed) this.#start();
    if (this.#version !== seenVersion || this.#closed || signal?.aborted || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.#wakers.add(done);
    });
  }

  close(): void {
    this.#closed = true;
    this.#feed?.cancel();
    this.#feed = undefined;
    this.#wakeAll();
  }

  #start(): void {
    const feed = this.#openFeed(this.#lastSeq);
    feed.on('change', (change) => {
      this.#lastSeq = change.seq;
      this.#version += 1;
      this.#wakeAll();
    });
    feed.on('error', () => {
      // Waiters re-query (and answer) rather than sleep on a dead feed; the next wait() restarts it.
      if (this.#feed === feed) this.#feed = undefined;
      this.#version += 1;
      this.#wakeAll();
    });
    this.#feed = feed;
  }

  #wakeAll(): void {
    for (const wake of [...this.#wakers]) wake();
  }
}
