// What account deletion does to bookings (ADR 007 steps 5–6). Future bookings are cancelled and their tickets
// freed, so the slots go back to other patients instead of being held by nobody; visits that happened stay for the
// clinic's records, but moved under a random pseudonym with the patient's name and phone erased. Whatever else the
// user had (rejected, cancelled, future ones once cancelled) is deleted: nothing needs keeping it.
import { isActiveBooking } from '@poisklinik/shared';
import { newUserId } from '../accounts/account.service';
import type { BookingLedger } from './booking-ledger';
import type { BookingDoc, BookingStore } from './booking.store';
import { releaseTicket } from './ticket-release';

export type ErasureDeps = { store: BookingStore; ledger: BookingLedger; now: () => number };
export type ErasureSummary = { cancelled: number; pseudonymised: number; deleted: number };

const MAX_ATTEMPTS = 5;

export class BookingErasure {
  constructor(private readonly deps: ErasureDeps) {}

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /**
   * Runs before the account itself is deleted (the user's sessions are already ended, so no new push arrives): a
   * failure here leaves the account in place and the deletion can be asked for again.
   */
  async eraseUser(userId: string): Promise<ErasureSummary> {
    const summary: ErasureSummary = { cancelled: 0, pseudonymised: 0, deleted: 0 };
    // One pseudonym per deleted account keeps its past visits together for the clinic, tied to no one.
    const pseudonym = newUserId();
    for (const listed of await this.deps.store.userBookings(userId)) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const booking = attempt === 0 ? listed : await this.deps.store.getBooking(listed._id);
        if (!booking) break;
        const outcome = await this.eraseOne(booking, pseudonym);
        if (outcome === 'retry') continue;
        summary[outcome] += 1;
        break;
      }
    }
    await this.deps.store.deleteLedger(userId);
    return summary;
  }

  private async eraseOne(booking: BookingDoc, pseudonym: string): Promise<keyof ErasureSummary | 'retry'> {
    const future = Date.parse(booking.startsAt) > this.deps.now();
    if (isActiveBooking(booking) && future) {
      // Cancelled first (a ticket is only ever freed from a booking that no longer claims it), then freed.
      const cancelled = await this.deps.store.putBooking({ ...booking, status: 'cancelled', updatedAt: this.nowIso() });
      if (!cancelled.ok) return 'retry';
      await releaseTicket(this.deps.store, booking.ticketId, booking._id, this.nowIso());
      await this.deps.store.deleteBooking(booking._id, cancelled.rev);
      return 'cancelled';
    }
    if (booking.status === 'confirmed') return this.pseudonymise(booking, pseudonym);
    return (await this.deps.store.deleteBooking(booking._id, booking._rev)).ok ? 'deleted' : 'retry';
  }

  /**
   * The copy is written before the original is deleted and the ticket re-pointed in between, so a crash leaves at
   * worst both (the original is then deleted by nothing — acceptable for a visit record, never a lost one).
   */
  private async pseudonymise(booking: BookingDoc, pseudonym: string): Promise<'pseudonymised' | 'retry'> {
    const key = booking._id.slice(booking._id.indexOf('.') + 1);
    const { _rev, patientName: _name, patientPhone: _phone, ...kept } = booking;
    const copyId = `${pseudonym}.${key}`;
    // Server-only from now on: no session can ever own the pseudonym, so the copy never replicates anywhere.
    const copy = await this.deps.store.putPseudonymised({ ...kept, _id: copyId, updatedAt: this.nowIso() });
    if (!copy.ok) return 'retry';
    await this.repointTicket(booking.ticketId, booking._id, copyId);
    return (await this.deps.store.deleteBooking(booking._id, _rev)).ok ? 'pseudonymised' : 'retry';
  }

  private async repointTicket(ticketId: string, from: string, to: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const ticket = await this.deps.store.getTicket(ticketId);
      if (!ticket || ticket.bookingId !== from) return;
      const next = { ...ticket, bookingId: to, version: ticket.version + 1, updatedAt: this.nowIso() };
      if ((await this.deps.store.putTicket(next)).ok) return;
    }
  }
}
