// Decides a recorded booking intent: ticket checks, the user's limit, the revision-checked claim, and the final
// status. Shared by the push path and the crash recovery, so a resumed booking follows exactly the same rules.
//
// Write order (each step is durable before the next starts; ADR 011):
//   1. booking `pending` (the intent, written by the caller) — a crash after it is found and finished by recovery;
//   2. ledger entry (the limit) — a stale entry of a booking that ends up inactive is dropped on the next count;
//   3. ticket claim, revision-checked — the single point where "exactly one wins" is decided: the ticket
//      document holds one `bookingId`, and a write on an outdated revision of it fails;
//   4. booking `confirmed` — only ever after its own claim succeeded, so no two confirmed bookings share a ticket;
//      a crash between 3 and 4 leaves the ticket held by a pending booking, which recovery confirms.
// A rejection is stored first and the ledger entry released after, so the answer never depends on the release.
import type { BookingReason } from '@poisklinik/shared';
import { conflict, ok, reasonText, type BookingWriteResult } from './booking-answers';
import type { BookingLedger } from './booking-ledger';
import type { BookingDoc, BookingStore, TicketDoc } from './booking.store';

export type DecisionDeps = {
  store: BookingStore;
  ledger: BookingLedger;
  now: () => number;
  /** After the confirmed booking is stored (the commit): mail goes out from here, never before. */
  onConfirmed: (booking: BookingDoc) => void;
};

/** The owner of a booking id `<userId>.<key>`. */
export function ownerOf(bookingId: string): string {
  return bookingId.slice(0, bookingId.indexOf('.'));
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function matchesTicket(booking: BookingDoc, ticket: TicketDoc): boolean {
  return (
    booking.clinicId === ticket.clinicId &&
    booking.specialtyCode === ticket.specialtyCode &&
    sameInstant(booking.startsAt, ticket.startsAt) &&
    sameInstant(booking.endsAt, ticket.endsAt)
  );
}

export class BookingDecision {
  constructor(private readonly deps: DecisionDeps) {}

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /** Why a held or unusable ticket refuses this booking; null when it is free at the version the device saw. */
  private ticketProblem(booking: BookingDoc, ticket: TicketDoc | null): BookingReason | null {
    if (!ticket) return 'not_free';
    if (!matchesTicket(booking, ticket)) return 'invalid';
    if (Date.parse(ticket.startsAt) <= this.deps.now()) return 'past';
    if (ticket.status === 'booked') {
      return ticket.bookingId !== undefined && ownerOf(ticket.bookingId) === ownerOf(booking._id)
        ? 'duplicate'
        : 'taken';
    }
    if (ticket.status !== 'free') return 'not_free';
    return ticket.version === booking.ticketVersion ? null : 'changed';
  }

  /** Runs steps 2–4 for a stored `pending` intent. */
  async decide(intent: BookingDoc): Promise<BookingWriteResult> {
    const ticket = await this.deps.store.getTicket(intent.ticketId);
    // Resumed after a crash between claim and confirm: the claim is ours, only the confirm is missing.
    if (ticket?.status === 'booked' && ticket.bookingId === intent._id) return this.confirm(intent);
    const problem = this.ticketProblem(intent, ticket);
    if (problem !== null || !ticket) return this.reject(intent, problem ?? 'not_free');

    const userId = ownerOf(intent._id);
    const entry = { bookingId: intent._id, ticketId: intent.ticketId, startsAt: intent.startsAt };
    const reserved = await this.deps.ledger.reserve(userId, entry, this.nowIso());
    if (reserved === 'limit' || reserved === 'duplicate') return this.reject(intent, reserved);
    // Left pending: the device sees its booking still pending, and recovery decides it in a minute.
    if (reserved === 'busy') return conflict(intent._id, 'The booking is still being processed.', intent);

    const claim = await this.deps.store.putTicket({
      ...ticket,
      status: 'booked',
      bookingId: intent._id,
      version: ticket.version + 1,
      updatedAt: this.nowIso(),
    });
    if (!claim.ok) {
      // Lost the race (or the scheduler changed it): say why from what the ticket is now.
      const now = await this.deps.store.getTicket(intent.ticketId);
      return this.reject(intent, this.ticketProblem(intent, now) ?? 'changed');
    }
    return this.confirm(intent);
  }

  private async confirm(intent: BookingDoc): Promise<BookingWriteResult> {
    const { reason: _dropped, ...fields } = intent;
    const confirmed: BookingDoc = { ...fields, status: 'confirmed', updatedAt: this.nowIso() };
    const written = await this.deps.store.putBooking(confirmed);
    if (!written.ok) return this.answerWithCurrent(intent._id, 'Document update conflict.');
    this.deps.onConfirmed({ ...confirmed, _rev: written.rev });
    return ok(intent._id, written.rev);
  }

  /** Stores the booking `rejected` with its reason, then releases what the booking may hold in the ledger. */
  async reject(intent: BookingDoc, reason: BookingReason): Promise<BookingWriteResult> {
    const rejected: BookingDoc = { ...intent, status: 'rejected', reason, updatedAt: this.nowIso() };
    const written = await this.deps.store.putBooking(rejected);
    if (!written.ok) return this.answerWithCurrent(intent._id, reasonText(reason));
    // Always, not only after a reservation in this request: a resumed booking may hold an entry from before a crash.
    await this.deps.ledger.release(ownerOf(intent._id), intent._id);
    return conflict(intent._id, reasonText(reason), { ...rejected, _rev: written.rev });
  }

  private async answerWithCurrent(id: string, reason: string): Promise<BookingWriteResult> {
    return conflict(id, reason, await this.deps.store.getBooking(id));
  }
}
