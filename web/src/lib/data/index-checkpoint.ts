import type { Clinic } from '@poisklinik/shared';
import type { SerializedClinicIndex } from './clinic-search.adapter';

/**
 * Position in the clinics collection's change history: RxDB's own storage checkpoint (last write time on this
 * device, then primary key). Every write, whether from replication or another tab, gets a newer lwt, so "all
 * documents changed after the checkpoint" is exactly what a saved index has not seen.
 */
export type IndexCheckpoint = { readonly id: string; readonly lwt: number };

/** The saved index plus what it reflects; one record in the snapshot store. */
export type IndexSnapshot = {
  readonly index: SerializedClinicIndex;
  /** Null when saved from an empty collection: every document is newer. */
  readonly checkpoint: IndexCheckpoint | null;
  /** The sync scope the documents were pulled for; another scope's index is useless. */
  readonly scopeKey: string;
  /** Clinics in the index when saved; compared with the collection to detect a snapshot that went wrong. */
  readonly size: number;
  readonly savedAt: number;
  /** Full documents of the first screen of results when saved; refreshed by the catch-up like any cache. */
  readonly rows: readonly Clinic[];
};

/** a is strictly after b in RxDB's (lwt, id) order; null is before everything. */
export function isAfter(a: IndexCheckpoint, b: IndexCheckpoint | null): boolean {
  if (b === null) return true;
  return a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);
}

export function laterCheckpoint(a: IndexCheckpoint | null, b: IndexCheckpoint | null): IndexCheckpoint | null {
  if (a === null) return b;
  if (b === null) return a;
  return isAfter(a, b) ? a : b;
}

/**
 * Whether a stored value is a snapshot this app can restore for this scope: anything else (older format, other
 * scope, damaged record) means rebuilding from the documents, which is always correct, only slower.
 */
export function usableSnapshot(value: unknown, scopeKey: string, format: string): IndexSnapshot | null {
  if (typeof value !== 'object' || value === null) return null;
  const s = value as Partial<IndexSnapshot>;
  if (s.scopeKey !== scopeKey || typeof s.size !== 'number' || typeof s.savedAt !== 'number') return null;
  if (typeof s.index !== 'object' || s.index === null || s.index.format !== format) return null;
  const cp = s.checkpoint;
  if (cp !== null && (typeof cp !== 'object' || typeof cp.lwt !== 'number' || typeof cp.id !== 'string')) return null;
  const rows = Array.isArray(s.rows) ? s.rows : [];
  return { index: s.index, checkpoint: cp, scopeKey: s.scopeKey, size: s.size, savedAt: s.savedAt, rows };
}

/**
 * After catching up, the index must hold exactly the collection's live documents. A mismatch means the snapshot
 * missed a deletion (e.g. the database was reset under it) and the index must be rebuilt.
 */
export function consistentWithCollection(indexSize: number, collectionCount: number): boolean {
  return indexSize === collectionCount;
}
