import type { CountsByClass } from '@poisklinik/shared';

export const REQUEST_WINDOW_MINUTES = 15;
const MINUTE_MS = 60_000;

type StatusClass = keyof CountsByClass;
type Bucket = { minute: number } & CountsByClass;

const zero = (): CountsByClass => ({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });

function classOf(statusCode: number): StatusClass | null {
  if (statusCode >= 500) return '5xx';
  if (statusCode >= 400) return '4xx';
  if (statusCode >= 300) return '3xx';
  if (statusCode >= 200) return '2xx';
  return null;
}

/**
 * Answers per minute by status class, this instance only, for the last 15 minutes: a fixed ring of minute
 * buckets, so memory never grows with traffic and recording is one array write.
 */
export class RequestStats {
  readonly #buckets: Bucket[] = [];

  record(statusCode: number, nowMs: number): void {
    const cls = classOf(statusCode);
    if (!cls) return;
    const minute = Math.floor(nowMs / MINUTE_MS);
    let bucket = this.#buckets.at(-1);
    if (bucket?.minute !== minute) {
      bucket = { minute, ...zero() };
      this.#buckets.push(bucket);
      while (this.#buckets.length > REQUEST_WINDOW_MINUTES) this.#buckets.shift();
    }
    bucket[cls] += 1;
  }

  /** Every minute of the window, oldest first, quiet minutes as zeros. */
  snapshot(nowMs: number): { perMinute: ({ minute: string } & CountsByClass)[]; total: CountsByClass } {
    const current = Math.floor(nowMs / MINUTE_MS);
    const byMinute = new Map(this.#buckets.map((b) => [b.minute, b]));
    const total = zero();
    const perMinute = [];
    for (let minute = current - REQUEST_WINDOW_MINUTES + 1; minute <= current; minute += 1) {
      const bucket = byMinute.get(minute);
      const counts = bucket
        ? { '2xx': bucket['2xx'], '3xx': bucket['3xx'], '4xx': bucket['4xx'], '5xx': bucket['5xx'] }
        : zero();
      for (const cls of Object.keys(total) as StatusClass[]) total[cls] += counts[cls];
      perMinute.push({ minute: new Date(minute * MINUTE_MS).toISOString(), ...counts });
    }
    return { perMinute, total };
  }
}
