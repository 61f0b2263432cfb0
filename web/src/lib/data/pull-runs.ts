/**
 * One-shot pulls in flight, by key (a ticket scope, a clinic's reviews). Asking again while a pull of the same
 * key runs joins it instead of opening a second connection. A finished pull reports the moment it started: the
 * device then holds at least the server's state of that moment, which is the age to show offline.
 */
export class PullRuns {
  // Never rendered, so a plain Map rather than a reactive one.
  readonly #running = new Map<string, Promise<boolean>>();

  /** `what` names the data in the warning logged when a pull fails. */
  constructor(private readonly what: string) {}

  /** Runs `pull` unless one for `key` is running; `pulled` hears the start time (epoch ms) of a finished pull. */
  run(key: string, pull: () => Promise<boolean>, pulled: (startedAt: number) => void): Promise<boolean> {
    const running = this.#running.get(key);
    if (running) return running;
    const started = Date.now();
    const run = pull()
      .then((done) => {
        if (done) pulled(started);
        return done;
      })
      .catch((err: unknown) => {
        console.warn(`Pulling ${this.what} failed`, err);
        return false;
      })
      .finally(() => this.#running.delete(key));
    this.#running.set(key, run);
    return run;
  }
}
