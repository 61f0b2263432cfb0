// The only code of the booking module that talks to the store. Three databases: `bookings` (the per-user
// collection the devices replicate), `tickets` (public slots, written by the scheduler and by the claim here) and
// `booking-ledgers` (one server-only document per user: the bookings that count against the user's limit).
import type { Booking, Ticket } from '@poisklinik/shared';
import type { StoreDatabase, StoredDoc, Store, WriteResult } from '../store/store.types';

export const BOOKINGS_DB = 'bookings';
export const TICKETS_DB = 'tickets';
export const LEDGERS_DB = 'booking-ledgers';

/** A booking as stored: the shared entity in wire shape (`_id` = booking id). */
export type BookingDoc = Omit<Booking, 'id'> & { _id: string; _rev: string };
export type NewBookingDoc = Omit<Booking, 'id'> & { _id: string; _rev?: string };
/** A past visit of a deleted account, kept for the clinic under a pseudonym, without name and phone (ADR 007). */
export type PseudonymisedBookingDoc = Omit<NewBookingDoc, 'patientName' | 'patientPhone' | '_rev'>;

/** A ticket as stored: the shared entity in wire shape plus the server-only holder while `booked`. */
export type TicketDoc = Omit<Ticket, 'id'> & { _id: string; _rev: string; bookingId?: string };

export type LedgerEntry = { bookingId: string; ticketId: string; startsAt: string };
/** `_id` = user id. Revision-checked, so two concurrent bookings of one user cannot both pass the count. */
export type LedgerDoc = { _id: string; _rev?: string; entries: LedgerEntry[] };

/** Keys sort by user: `<userId>.` … `<userId>.\ufff0` is one user's range in `_all_docs`. */
const RANGE_END = '\ufff0';
const SCAN_PAGE = 500;

export class BookingStore {
  constructor(private readonly store: Store) {}

  private db(name: string): Promise<StoreDatabase> {
    return this.store.database(name);
  }

  async getBooking(id: string): Promise<BookingDoc | null> {
    return (await (await this.db(BOOKINGS_DB)).get(id)) as BookingDoc | null;
  }

  /** Revision-checked: without `_rev` only a new document is written, so one request alone owns a booking id. */
  async putBooking(doc: NewBookingDoc): Promise<WriteResult> {
    return (await this.db(BOOKINGS_DB)).put(doc);
  }

  /** Without `_rev`: a new document only. */
  async putPseudonymised(doc: PseudonymisedBookingDoc): Promise<WriteResult> {
    return (await this.db(BOOKINGS_DB)).put(doc);
  }

  async deleteBooking(id: string, rev: string): Promise<WriteResult> {
    return (await this.db(BOOKINGS_DB)).put({ _id: id, _rev: rev, _deleted: true });
  }

  /** True when the booking existed and was deleted (a tombstone), false when it was never written here. */
  async bookingDeleted(id: string): Promise<boolean> {
    const [row] = (await (await this.db(BOOKINGS_DB)).allDocs({ keys: [id] })).rows;
    return row !== undefined && 'value' in row && row.value.deleted === true;
  }

  /** One user's bookings (the id starts with the user id). */
  async userBookings(userId: string): Promise<BookingDoc[]> {
    const result = await (
      await this.db(BOOKINGS_DB)
    ).allDocs({ startkey: `${userId}.`, endkey: `${userId}.${RANGE_END}`, includeDocs: true });
    return result.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as BookingDoc] : []));
  }

  async getTicket(id: string): Promise<TicketDoc | null> {
    return (await (await this.db(TICKETS_DB)).get(id)) as TicketDoc | null;
  }

  async putTicket(doc: TicketDoc): Promise<WriteResult> {
    return (await this.db(TICKETS_DB)).put(doc);
  }

  async getLedger(userId: string): Promise<LedgerDoc | null> {
    return (await (await this.db(LEDGERS_DB)).get(userId)) as LedgerDoc | null;
  }

  async putLedger(doc: LedgerDoc): Promise<WriteResult> {
    return (await this.db(LEDGERS_DB)).put(doc);
  }

  async deleteLedger(userId: string): Promise<void> {
    const ledgers = await this.db(LEDGERS_DB);
    const doc = await ledgers.get(userId);
    if (doc) await ledgers.put({ _id: userId, _rev: doc._rev, _deleted: true });
  }

  /**
   * Documents changed after `since` (every one at `since` 0), page by page, for the recovery sweep: it reads the
   * feed rather than scanning whole databases, so a periodic run costs what changed since the last one.
   */
  async *changedSince(
    dbName: typeof BOOKINGS_DB | typeof TICKETS_DB,
    since: string | number,
  ): AsyncGenerator<{ docs: StoredDoc[]; lastSeq: string | number }> {
    const db = await this.db(dbName);
    let cursor = since;
    for (;;) {
      const page = await db.changes({ since: cursor, limit: SCAN_PAGE, includeDocs: true });
      const docs = page.results.flatMap((row) => (row.doc && !row.deleted ? [row.doc] : []));
      yield { docs, lastSeq: page.lastSeq };
      if (page.results.length < SCAN_PAGE) return;
      cursor = page.lastSeq;
    }
  }
}
