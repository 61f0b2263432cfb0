import type { BookingStore, TicketDoc } from './booking.store';

const MAX_ATTEMPTS = 10;

/**
 * Frees a ticket if — and only if — `bookingId` still holds it: a ticket another booking claimed since (after a
 * cancellation freed it once already) must not be taken away from that booking. Revision-checked like the claim,
 * with `version` + 1 so a device that saw the booked ticket cannot book the freed one on a stale version.
 */
export async function releaseTicket(
  store: BookingStore,
  ticketId: string,
  bookingId: string,
  nowIso: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const ticket = await store.getTicket(ticketId);
    if (!ticket || ticket.bookingId !== bookingId) return false;
    const { bookingId: _holder, ...rest } = ticket;
    const freed: TicketDoc = { ...rest, status: 'free', version: ticket.version + 1, updatedAt: nowIso };
    if ((await store.putTicket(freed)).ok) return true;
  }
  // Still held after many conflicts: the recovery sweep frees it on its next run (the holder is not confirmed).
  return false;
}
