// A background job that runs on demand and, optionally, every `intervalMs` — only while this instance holds the
// background-jobs lease (ADR 018). Shared by the conflict sweeper and the mail delivery sweep, which need exactly
// this: one run at a time, the next scheduled after the last ends (never overlapping a slow one), and a close that
// waits for the run in flight so the store is not closed under it.
export type PeriodicJobOptions<T> = {
  run: () => Promise<T>;
  /** 0 = on demand only. */
  intervalMs: number;
  /** The background-jobs lease: periodic runs happen only on its holder. Absent = always. */
  holdsLease?: () => boolean;
  /** What a periodic run's outcome means to the owner (log it, count it); never rethrown. */
  onSettled: (outcome: { ok: true; value: T } | { ok: false; error: unknown }) => void;
};

export class PeriodicJob<T> {
  readonly #options: PeriodicJobOptions<T>;
  #running: Promise<T> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: PeriodicJobOptions<T>) {
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** One run now, ungated by the lease (admin triggers and tests); a call while one runs shares it. */
  runNow(): Promise<T> {
    this.#running ??= this.#options.run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Starts the periodic runs (nothing when the interval is 0). */
  start(): void {
    const { intervalMs } = this.#options;
    if (intervalMs <= 0 || this.#closed) return;
    const next = (): void => {
      this.#timer = setTimeout(() => {
        if (this.#options.holdsLease?.() === false) {
          next();
          return;
        }
        this.runNow()
          .then(
            (value) => this.#options.onSettled({ ok: true, value }),
            (error: unknown) => this.#options.onSettled({ ok: false, error }),
          )
          .finally(() => {
            if (!this.#closed) next();
          });
      }, intervalMs);
      this.#timer.unref();
    };
    next();
  }

  /** Stops the periodic runs and waits for one in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
