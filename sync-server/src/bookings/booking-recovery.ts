// Finishes what a crash (or a failed store call) left half done, from the store alone — nothing in memory is
// needed to find it, so it works after a restart and on any instance:
// - a booking still `pending` a minute after its intent was recorded: its request died between the steps of the
//   write order. Decided like a fresh push (`BookingDecision.decide`): confirmed when the ticket already holds it,
//   else claimed or rejected. The device never got an answer for it, so either outcome is honest.
// - a ticket held by a booking that is not confirmed (cancelled, rejected, or deleted): the crash came between the
//   booking's final write and the ticket release, so it is freed. A ticket held by a `pending` booking is left to
//   the rule above, which confirms it. A holder this store has never seen is left alone: on a CouchDB cluster the
//   ticket's claim can replicate to a node before the booking it names (two databases replicate independently),
//   and freeing it there would hand a held ticket to a second patient.
// The sweep reads the databases' change feeds from where its last run stopped (from the start on a new process).
import { isActiveBooking } from '@poisklinik/shared';
import type { BookingDecision } from './booking-decision';
import type { BookingLedger } from './booking-ledger';
import { BOOKINGS_DB, TICKETS_DB, type BookingDoc, type BookingStore, type TicketDoc } from './booking.store';
import { ownerOf } from './booking-decision';
import { releaseTicket } from './ticket-release';

/** A push decides its booking in milliseconds; a minute of silence means its request is gone. */
export const STALE_PENDING_MS = 60_000;

export type RecoverySummary = { resumed: number; freedTickets: number };

export type RecoveryDeps = {
  store: BookingStore;
  ledger: BookingLedger;
  decision: BookingDecision;
  now: () => number;
};

export class BookingRecovery {
  private bookingsSeq: string | number = 0;
  private ticketsSeq: string | number = 0;
  /** Pending bookings seen in the feed but too young to touch yet. */
  private readonly watched = new Set<string>();
  private running: Promise<RecoverySummary> | undefined;

  constructor(private readonly deps: RecoveryDeps) {}

  /** One sweep; concurrent calls share the run in progress. */
  run(): Promise<RecoverySummary> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no sweep is running (shutdown waits for it before the store closes). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<RecoverySummary> {
    const summary: RecoverySummary = { resumed: 0, freedTickets: 0 };
    for await (const page of this.deps.store.changedSince(BOOKINGS_DB, this.bookingsSeq)) {
      for (const doc of page.docs as BookingDoc[]) {
        if (doc.status === 'pending') this.watched.add(doc._id);
        else if (!isActiveBooking(doc)) summary.freedTickets += await this.releaseHeld(doc);
      }
      this.bookingsSeq = page.lastSeq;
    }
    for await (const page of this.deps.store.changedSince(TICKETS_DB, this.ticketsSeq)) {
      for (const ticket of page.docs as TicketDoc[]) summary.freedTickets += await this.checkHolder(ticket);
      this.ticketsSeq = page.lastSeq;
    }
    for (const id of [...this.watched]) {
      const booking = await this.deps.store.getBooking(id);
      if (booking?.status !== 'pending') {
        this.watched.delete(id);
        continue;
      }
      if (Date.parse(booking.updatedAt) > this.deps.now() - STALE_PENDING_MS) continue;
      await this.deps.decision.decide(booking);
      summary.resumed += 1;
      this.watched.delete(id);
    }
    return summary;
  }

  /** A cancelled or rejected booking gives back what it may still hold. */
  private async releaseHeld(booking: BookingDoc): Promise<number> {
    await this.deps.ledger.release(ownerOf(booking._id), booking._id);
    return (await releaseTicket(this.deps.store, booking.ticketId, booking._id, this.nowIso())) ? 1 : 0;
  }

  private async checkHolder(ticket: TicketDoc): Promise<number> {
    if (ticket.status !== 'booked' || ticket.bookingId === undefined) return 0;
    const holder = await this.deps.store.getBooking(ticket.bookingId);
    if (holder && holder.ticketId === ticket._id && isActiveBooking(holder)) return 0;
    if (!holder && !(await this.deps.store.bookingDeleted(ticket.bookingId))) return 0;
    return (await releaseTicket(this.deps.store, ticket._id, ticket.bookingId, this.nowIso())) ? 1 : 0;
  }

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString();
  }
}
