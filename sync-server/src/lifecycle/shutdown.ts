// SIGTERM / SIGINT: stop taking requests, let in-flight ones finish and long-polls answer empty, release the
// lease, close the store, exit 0 — or exit 1 when that takes longer than the bound, so an orchestrator's
// SIGKILL never has to be the way out.
export type ShutdownLog = {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

export type ShutdownOptions = {
  close: () => Promise<void>;
  timeoutMs: number;
  log: ShutdownLog;
  exit?: (code: number) => void;
};

export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    const began = Date.now();
    options.log.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down: finishing requests and long-polls');
    const timer = setTimeout(() => {
      options.log.error({ timeoutMs: options.timeoutMs }, 'shutdown took too long; exiting anyway');
      exit(1);
    }, options.timeoutMs);
    timer.unref();
    options.close().then(
      () => {
        clearTimeout(timer);
        options.log.info({ tookMs: Date.now() - began }, 'shut down cleanly');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        options.log.error({ err }, 'error during shutdown');
        exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Before the server (and its logger) exists: one JSON line per event on stderr, in the logger's shape. */
export function startupLog(silent: boolean): ShutdownLog & { warn: ShutdownLog['info'] } {
  const line =
    (level: number) =>
    (fields: Record<string, unknown>, msg: string): void => {
      if (!silent) console.error(JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields, msg }));
    };
  return { info: line(30), warn: line(40), error: line(50) };
}
