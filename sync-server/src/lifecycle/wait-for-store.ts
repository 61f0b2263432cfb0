// Start-up against a store that is not up yet (CouchDB still starting, cluster set-up job not done): retry with
// exponential backoff and one clear line per attempt instead of crashing into a restart loop.

export type WaitLog = {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
};

export type WaitForStoreOptions<T> = {
  open: () => Promise<T>;
  /** Give up (rethrow the last error) once this much time has passed; 0 = one attempt only. */
  maxWaitMs: number;
  log: WaitLog;
  firstDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
};

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function waitForStore<T>(options: WaitForStoreOptions<T>): Promise<T> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxDelay = options.maxDelayMs ?? MAX_DELAY_MS;
  const giveUpAt = clock() + options.maxWaitMs;
  let delay = options.firstDelayMs ?? FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const opened = await options.open();
      if (attempt > 1) options.log.info({ attempt }, 'store reachable');
      return opened;
    } catch (err) {
      const left = giveUpAt - clock();
      if (left <= 0) throw err;
      const wait = Math.min(delay, left);
      options.log.warn(
        { attempt, retryInMs: wait, reason: reasonOf(err) },
        `store not reachable (attempt ${attempt}): ${reasonOf(err)}; retrying in ${wait} ms`,
      );
      await sleep(wait);
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
