import { createHash } from 'node:crypto';

export const CLIENT_WINDOW_MINUTES = 5;
const WINDOW_MS = CLIENT_WINDOW_MINUTES * 60_000;
/** A flood of distinct IPs must not grow memory without bound; past this the count is a lower bound. */
const MAX_TRACKED = 100_000;

/**
 * Distinct clients that talked to `/db/` lately. Keys are hashed so the health view never holds session tokens
 * or addresses, only that two requests came from the same one.
 */
export class RecentClients {
  readonly #lastSeen = new Map<string, number>();

  seen(identity: string, nowMs: number): void {
    const key = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
    // Re-inserting moves the key to the end, so the map stays ordered by last sight and pruning stops early.
    this.#lastSeen.delete(key);
    if (this.#lastSeen.size >= MAX_TRACKED) this.#prune(nowMs);
    if (this.#lastSeen.size < MAX_TRACKED) this.#lastSeen.set(key, nowMs);
  }

  count(nowMs: number): number {
    this.#prune(nowMs);
    return this.#lastSeen.size;
  }

  #prune(nowMs: number): void {
    for (const [key, at] of this.#lastSeen) {
      if (at > nowMs - WINDOW_MS) return;
      this.#lastSeen.delete(key);
    }
  }
}
