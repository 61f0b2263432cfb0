/**
 * Local writes the server has not acknowledged yet, per user: document id → the `updatedAt` the write gave it.
 * RxDB itself keeps the queue (its push checkpoint) but does not expose a count, so the app keeps this ledger to
 * tell the user how many changes wait. It lives in localStorage so the count survives a reload and reaches the
 * other tabs (only the leader tab replicates and sees what was sent).
 */
export type PendingWrites = Readonly<Record<string, string>>;

const PREFIX = 'poisklinik:account:pending:';

export function pendingWritesKey(userId: string): string {
  return PREFIX + userId;
}

export function parsePendingWrites(raw: string | null): PendingWrites {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function readPendingWrites(userId: string): PendingWrites {
  return parsePendingWrites(localStorage.getItem(pendingWritesKey(userId)));
}

export function writePendingWrites(userId: string, pending: PendingWrites): void {
  if (Object.keys(pending).length === 0) localStorage.removeItem(pendingWritesKey(userId));
  else localStorage.setItem(pendingWritesKey(userId), JSON.stringify(pending));
}

/** A local write of `docId` stamped `updatedAt` now waits to be sent. */
export function withWrite(pending: PendingWrites, docId: string, updatedAt: string): PendingWrites {
  return { ...pending, [docId]: updatedAt };
}

/** The replication pushed this state: the write it carried (and any older one) has reached the server. */
export function withSent(pending: PendingWrites, docId: string, updatedAt: string): PendingWrites {
  const waiting = pending[docId];
  if (waiting === undefined || waiting > updatedAt) return pending;
  const { [docId]: _sent, ...rest } = pending;
  return rest;
}

/**
 * How many writes still wait, judged against the documents on the device now: an entry whose document no longer
 * carries its stamp was replaced (a conflict resolved for the server's version, a newer pull) and will never be
 * sent, so it no longer counts.
 */
export function countWaiting(pending: PendingWrites, localUpdatedAt: (docId: string) => string | undefined): number {
  return Object.entries(pending).filter(([docId, at]) => localUpdatedAt(docId) === at).length;
}

/** The `updatedAt` of a new local write: now, or strictly after the stored stamp if the device clock is behind. */
export function nextStamp(previous: string, now: number): string {
  const before = Date.parse(previous);
  return new Date(Math.max(now, Number.isNaN(before) ? 0 : before + 1)).toISOString();
}
