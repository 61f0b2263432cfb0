import type { Ticket, TicketStatus, WireDoc } from '@poisklinik/shared';
import type { StoredDoc } from '../store/store.types';

/** The store database of every clinic's tickets (public fields + the server-only `bookingId`). */
export const TICKETS_DB = 'tickets';

/**
 * A ticket as stored: the shared `Ticket` in wire shape plus `bookingId`, present only while `status` is `booked`.
 * The booking service claims and frees tickets; the scheduler creates, removes and closes free ones only.
 */
export type TicketDoc = WireDoc<Ticket> & { _rev?: string; bookingId?: string };

const statuses: readonly string[] = ['free', 'booked', 'closed'] satisfies readonly TicketStatus[];

/** Narrows a stored document to a ticket; anything else in the database (a stray write) is left alone. */
export function asTicketDoc(doc: StoredDoc | null | undefined): (TicketDoc & { _rev: string }) | null {
  if (!doc || doc._deleted) return null;
  const { status, version, startsAt, clinicId } = doc;
  if (typeof status !== 'string' || !statuses.includes(status)) return null;
  if (typeof version !== 'number' || typeof startsAt !== 'string' || typeof clinicId !== 'string') return null;
  return doc as unknown as TicketDoc & { _rev: string };
}
