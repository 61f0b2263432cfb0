// The per-user limit of active bookings. A count over the `bookings` database would let two concurrent bookings of
// one user both see "2 of 3" and both pass; one ledger document per user, written with a revision check, makes
// them meet: the second write conflicts, re-reads the first one's entry and counts again.
import { isActiveBooking } from '@poisklinik/shared';
import type { BookingStore, LedgerDoc, LedgerEntry } from './booking.store';

export type ReserveOutcome = 'reserved' | 'limit' | 'duplicate' | 'busy';

/** Enough for any real contention on one user's ledger (a handful of devices); past it the booking stays pending. */
const MAX_ATTEMPTS = 30;

export class BookingLedger {
  constructor(
    private readonly store: BookingStore,
    private readonly maxActive: number,
  ) {}

  /**
   * Counts `entry` against the user's limit. Idempotent (recovery may resume a booking whose entry is already in).
   * Entries of past appointments no longer count; entries whose booking is no longer active (a crash between a
   * rejection or cancellation and the release) are dropped once they would decide the answer.
   */
  async reserve(userId: string, entry: LedgerEntry, nowIso: string): Promise<ReserveOutcome> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const ledger = (await this.store.getLedger(userId)) ?? { _id: userId, entries: [] };
      if (ledger.entries.some((e) => e.bookingId === entry.bookingId)) return 'reserved';
      let live = ledger.entries.filter((e) => e.startsAt > nowIso);
      const sameTicket = live.filter((e) => e.ticketId === entry.ticketId);
      if (sameTicket.length > 0 || live.length >= this.maxActive) live = await this.stillActive(live);
      if (live.some((e) => e.ticketId === entry.ticketId)) return 'duplicate';
      if (live.length >= this.maxActive) return 'limit';
      const next: LedgerDoc = { ...ledger, entries: [...live, entry] };
      if ((await this.store.putLedger(next)).ok) return 'reserved';
    }
    return 'busy';
  }

  /** Removes a booking's entry (rejected, cancelled). Missing entry: nothing to do. */
  async release(userId: string, bookingId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const ledger = await this.store.getLedger(userId);
      if (!ledger?.entries.some((e) => e.bookingId === bookingId)) return;
      const next = { ...ledger, entries: ledger.entries.filter((e) => e.bookingId !== bookingId) };
      if ((await this.store.putLedger(next)).ok) return;
    }
    // A stale entry is harmless: `reserve` drops entries whose booking is not active before refusing anyone.
  }

  private async stillActive(entries: LedgerEntry[]): Promise<LedgerEntry[]> {
    const checked = await Promise.all(
      entries.map(async (e) => {
        const booking = await this.store.getBooking(e.bookingId);
        return booking && isActiveBooking(booking) && booking.ticketId === e.ticketId ? e : null;
      }),
    );
    return checked.filter((e): e is LedgerEntry => e !== null);
  }
}
