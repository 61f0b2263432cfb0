import { HttpError } from '../http/http-error';
import type { RateLimitName, RateLimitRule, RateLimits } from './rate-limits';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts attempts per (rule, key). The in-memory version counts per instance; `store-rate-limiter.ts` counts the
 * limits that matter in the shared store, so several instances do not multiply them (ADR 018).
 */
export interface RateLimiter {
  /** Counts one attempt and says whether it is within the rule. */
  hit(name: RateLimitName, key: string): RateDecision | Promise<RateDecision>;
}

type Window = { startedAt: number; count: number; windowMs: number };

/** Fixed windows: cheap and predictable; a burst at a window edge may reach twice `max`, which is acceptable here. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastPrune = 0;

  constructor(
    private readonly rules: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  hit(name: RateLimitName, key: string): RateDecision {
    const rule: RateLimitRule = this.rules[name];
    const now = this.now();
    this.prune(now);
    const id = `${name}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || now - window.startedAt >= rule.windowMs) {
      window = { startedAt: now, count: 0, windowMs: rule.windowMs };
      this.windows.set(id, window);
    }
    window.count += 1;
    if (window.count <= rule.max) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + rule.windowMs - now) / 1000)),
    };
  }

  /** Number of live windows (tests check that memory stays bounded). */
  get size(): number {
    return this.windows.size;
  }

  // A sweep at most once a minute keeps memory bounded by the keys seen in the longest window, without a timer.
  private prune(now: number): void {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [id, w] of this.windows) if (now - w.startedAt >= w.windowMs) this.windows.delete(id);
  }
}

/** A 429 the error handler sends as `{error:'too_many_requests', reason}` with `Retry-After`. */
export class TooManyRequestsError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', `Too many attempts. Try again in ${retryAfterSeconds} s.`);
  }
}

/** Counts an attempt against every given rule (all are counted, even after one refuses) and throws a 429. */
export async function enforce(limiter: RateLimiter, checks: readonly [RateLimitName, string][]): Promise<void> {
  let worst = 0;
  for (const [name, key] of checks) {
    const decision = await limiter.hit(name, key);
    if (!decision.allowed) worst = Math.max(worst, decision.retryAfterSeconds);
  }
  if (worst > 0) throw new TooManyRequestsError(worst);
}
