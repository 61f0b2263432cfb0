export type SyncProgress = { readonly done: number; readonly total: number | null; readonly percent: number | null };

/**
 * Documents on the device out of the server's count. Counted from what is stored, not from what this session
 * pulled, so a first sync resumed after the tab was closed shows the documents it already has.
 */
export function firstSyncProgress(done: number, total: number | null): SyncProgress {
  if (total === null) return { done, total, percent: null };
  const capped = Math.min(done, total);
  // Floor, so 100 % is shown only when everything is there.
  return { done: capped, total, percent: total === 0 ? 100 : Math.floor((capped / total) * 100) };
}
