// How a pushed booking is answered. Every refusal is a revision CONFLICT, never `forbidden`: RxDB's CouchDB
// replication re-reads the server's document after a conflict and adopts it (so the device shows "rejected,
// taken"), but treats any other error row as a failed push and retries it forever.
import type { BookingReason } from '@poisklinik/shared';
import type { StoredDoc, WriteError, WriteOk } from '../store/store.types';
import type { BookingDoc } from './booking.store';

/** A conflict row that also carries the server's document (`doc`), which RxDB ignores and other clients may use. */
export type BookingConflict = WriteError & { error: 'conflict'; doc?: StoredDoc };
export type BookingWriteResult = WriteOk | BookingConflict;

const reasonTexts: Record<BookingReason, string> = {
  taken: 'Another booking claimed this ticket first.',
  changed: 'The ticket changed since the device saw it.',
  not_free: 'The ticket is closed or no longer exists.',
  past: 'The ticket is in the past.',
  limit: 'You already hold the maximum number of active bookings.',
  duplicate: 'You already hold this ticket through another booking.',
  invalid: 'The booking does not match its ticket or breaks a rule.',
  too_late: 'An appointment can only be cancelled before it starts.',
};

export function reasonText(reason: BookingReason): string {
  return reasonTexts[reason];
}

export function conflict(id: string, reason: string, doc?: BookingDoc | null): BookingConflict {
  const row: BookingConflict = { ok: false, id, error: 'conflict', reason };
  if (doc) row.doc = doc;
  return row;
}

export function ok(id: string, rev: string): WriteOk {
  return { ok: true, id, rev };
}
