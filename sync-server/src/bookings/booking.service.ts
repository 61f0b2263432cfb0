// The write handler of the per-user `bookings` collection: every document a device pushes comes here (already
// known to be the user's own). A new booking is recorded as an intent and decided by `BookingDecision`; the only
// other change a device may make is cancelling its confirmed booking before the start. See ADR 011.
import { bookingSchema, normaliseName, normaliseRussianPhone, type Booking } from '@poisklinik/shared';
import type { NewDoc } from '../store/store.types';
import type { UserWriteHandler } from '../replication/user/user-bulk-docs';
import { schemaErrors } from '../accounts/body-validator';
import { conflict, ok, reasonText, type BookingWriteResult } from './booking-answers';
import { BookingDecision, ownerOf } from './booking-decision';
import type { BookingLedger } from './booking-ledger';
import type { BookingDoc, BookingStore } from './booking.store';
import { releaseTicket } from './ticket-release';

export type BookingServiceDeps = {
  store: BookingStore;
  ledger: BookingLedger;
  now: () => number;
  onConfirmed: (booking: BookingDoc) => void;
};

/** Fields a device writes once, at booking; a later write must leave them as they are. */
const FIXED_FIELDS = [
  'ticketId',
  'ticketVersion',
  'clinicId',
  'specialtyCode',
  'startsAt',
  'endsAt',
  'patientName',
  'patientPhone',
  'createdAt',
] as const satisfies readonly (keyof Booking)[];

export class BookingService implements UserWriteHandler {
  readonly decision: BookingDecision;

  constructor(private readonly deps: BookingServiceDeps) {
    this.decision = new BookingDecision(deps);
  }

  private nowIso(): string {
    return new Date(this.deps.now()).toISOString();
  }

  async applyClientWrite(userId: string, doc: NewDoc): Promise<BookingWriteResult> {
    const id = doc._id;
    const current = await this.deps.store.getBooking(id);
    // A replay (retry, reconnect, a second tab) carries no revision or an outdated one: it meets the stored
    // booking as a conflict and the device adopts the server's copy, so the same id can never book twice.
    if (doc._rev !== current?._rev) return conflict(id, 'Document update conflict.', current);
    if (doc._deleted) return conflict(id, 'A booking cannot be deleted; cancel it instead.', current);
    const { _id, _rev, _revisions, _deleted, ...fields } = doc;
    const problem = schemaErrors(bookingSchema, { ...fields, id: _id });
    if (problem !== null) return conflict(id, `Not a valid booking: ${problem}`, current);
    const booking = { ...(fields as Omit<Booking, 'id'>), _id };
    if (ownerOf(id) !== userId) return conflict(id, 'A booking can only be written by its owner.', current);
    return current ? this.change(current, booking) : this.book(booking);
  }

  private async book(pushed: Omit<BookingDoc, '_rev'>): Promise<BookingWriteResult> {
    const patientName = normaliseName(pushed.patientName);
    const patientPhone = normaliseRussianPhone(pushed.patientPhone);
    const { reason: _clientReason, ...fields } = pushed;
    const intent = {
      ...fields,
      patientName: patientName ?? pushed.patientName,
      patientPhone: patientPhone ?? pushed.patientPhone,
      status: 'pending' as const,
      updatedAt: this.nowIso(),
    };
    // Step 1 of the write order: the intent, without a revision, so exactly one request (of any concurrent
    // replays) records it and goes on; the others answer with what it recorded.
    const written = await this.deps.store.putBooking(intent);
    if (!written.ok)
      return conflict(intent._id, 'Document update conflict.', await this.deps.store.getBooking(intent._id));
    const recorded = { ...intent, _rev: written.rev };
    // Only a device decides `pending`; anything else from it is refused, but recorded, so the device learns why.
    if (pushed.status !== 'pending' || patientName === null || patientPhone === null) {
      return this.decision.reject(recorded, 'invalid');
    }
    return this.decision.decide(recorded);
  }

  private async change(current: BookingDoc, pushed: Omit<BookingDoc, '_rev'>): Promise<BookingWriteResult> {
    const fixedChanged = FIXED_FIELDS.some((f) => pushed[f] !== current[f]);
    if (fixedChanged || current.status !== 'confirmed' || pushed.status !== 'cancelled') {
      return conflict(
        current._id,
        'Only cancelling a confirmed booking is allowed; the server keeps its copy.',
        current,
      );
    }
    if (Date.parse(current.startsAt) <= this.deps.now()) {
      // Stays confirmed; the reason tells the device why its cancellation came back undone.
      const kept: BookingDoc = { ...current, reason: 'too_late', updatedAt: this.nowIso() };
      const written = await this.deps.store.putBooking(kept);
      const answer = written.ok ? { ...kept, _rev: written.rev } : await this.deps.store.getBooking(current._id);
      return conflict(current._id, reasonText('too_late'), answer);
    }
    return this.cancel(current);
  }

  /**
   * The cancellation is stored first — it is what the device is told — and the ticket and ledger slot are
   * released after; a crash in between leaves a ticket held by a cancelled booking, which recovery frees.
   * Public for the admin's cancel, which must free the ticket the same way (its caller checks status and time).
   */
  async cancel(current: BookingDoc): Promise<BookingWriteResult> {
    const { reason: _reason, ...fields } = current;
    const cancelled: BookingDoc = { ...fields, status: 'cancelled', updatedAt: this.nowIso() };
    const written = await this.deps.store.putBooking(cancelled);
    if (!written.ok)
      return conflict(current._id, 'Document update conflict.', await this.deps.store.getBooking(current._id));
    await releaseTicket(this.deps.store, current.ticketId, current._id, this.nowIso());
    await this.deps.ledger.release(ownerOf(current._id), current._id);
    return ok(current._id, written.rev);
  }
}
