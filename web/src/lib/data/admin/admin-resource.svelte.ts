import type { AdminResult } from './admin-http';

/**
 * One server answer the dashboard shows, with when it arrived. Nothing is cached across page loads: an admin
 * acting on a stale list (cancelling a booking already cancelled) would be worse than a moment's "Загрузка…".
 */
export class AdminResource<T> {
  result = $state.raw<AdminResult<T> | null>(null);
  /** When the shown answer arrived (ms since epoch). */
  loadedAt = $state<number | null>(null);
  loading = $state(false);
  /** Bumped per request, so an older answer arriving late never replaces a newer one. */
  private ticket = 0;

  constructor(private readonly fetcher: () => Promise<AdminResult<T>>) {}

  get value(): T | null {
    return this.result?.kind === 'ok' ? this.result.value : null;
  }

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    this.loading = true;
    const result = await this.fetcher();
    if (ticket !== this.ticket) return;
    this.loading = false;
    // Offline keeps nothing: the gate says "нет сети" and a reconnect loads afresh.
    this.result = result;
    this.loadedAt = result.kind === 'ok' ? Date.now() : this.loadedAt;
  }

  /** Loads now and every `ms` until the returned function is called (a component's teardown). */
  poll(ms: number): () => void {
    void this.load();
    const timer = setInterval(() => void this.load(), ms);
    return () => clearInterval(timer);
  }
}
