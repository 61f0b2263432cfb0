// The conflict sweeper's choices, as pure functions of the conflicting revisions: every node holding the same
// revisions computes the same answer, so two nodes sweeping the same conflict never undo each other's choice.
// See ADR 012.
import { isActiveBooking, type BookingStatus } from '@poisklinik/shared';

/** One leaf revision of a ticket, as far as the rules care. */
export type TicketLeaf = { rev: string; status: string; version: number; bookingId?: string | undefined };

/** One leaf revision of a booking. */
export type BookingLeaf = { rev: string; status: BookingStatus; ticketId: string; createdAt: string };

/** A booking that claims a ticket in one of the ticket's leaves: every leaf of that booking. */
export type Claimant = { bookingId: string; leaves: BookingLeaf[] };

/** Revision ids order revisions the same way on every node (CouchDB's own winner rule compares them too). */
function byRev(a: { rev: string }, b: { rev: string }): number {
  return a.rev < b.rev ? -1 : a.rev > b.rev ? 1 : 0;
}

/** The newest leaf: highest `version`, ties by revision id. */
function newest<T extends { rev: string; version: number }>(leaves: T[]): T | undefined {
  return [...leaves].sort((a, b) => b.version - a.version || byRev(b, a))[0];
}

/**
 * Which of the bookings claiming a ticket keeps it: among those still active for this ticket in any of their
 * leaves, the one created first; ties by booking id. Null when none is (every claimant was cancelled or rejected).
 */
export function ticketHolder(ticketId: string, claimants: Claimant[]): string | null {
  const ranked = claimants.flatMap((claimant) => {
    const active = claimant.leaves.filter((leaf) => leaf.ticketId === ticketId && isActiveBooking(leaf));
    if (active.length === 0) return [];
    const createdAt = active.map((leaf) => Date.parse(leaf.createdAt)).sort((a, b) => a - b)[0] ?? Infinity;
    return [{ id: claimant.bookingId, createdAt: Number.isNaN(createdAt) ? Infinity : createdAt }];
  });
  ranked.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked[0]?.id ?? null;
}

export type TicketChoice = {
  /** The leaf whose content the merged ticket keeps. */
  base: TicketLeaf;
  /** The merged ticket's status and holder (undefined = no holder). */
  status: string;
  bookingId: string | undefined;
  /** Above every leaf's version: a device that saw any branch must see the ticket as changed. */
  version: number;
};

/**
 * The merged ticket: the holder's newest leaf when a claimant keeps it; else the newest leaf, freed if it names a
 * booking that lost every claim (nothing holds it any more).
 */
export function mergeTicket(leaves: TicketLeaf[], holder: string | null): TicketChoice {
  const top = Math.max(...leaves.map((leaf) => leaf.version));
  const held = holder === null ? [] : leaves.filter((leaf) => leaf.status === 'booked' && leaf.bookingId === holder);
  const heldBase = newest(held);
  if (heldBase) return { base: heldBase, status: 'booked', bookingId: holder ?? undefined, version: top + 1 };
  const unheld = leaves.filter((leaf) => leaf.status !== 'booked');
  const base = newest(unheld.length > 0 ? unheld : leaves);
  if (!base) throw new RangeError('mergeTicket needs at least one leaf');
  const status = base.status === 'booked' ? 'free' : base.status;
  return { base, status, bookingId: undefined, version: top + 1 };
}

/** When the ticket does not hold the booking, the most final word wins: the patient's, then the server's. */
const UNHELD_RANK: Record<BookingStatus, number> = { cancelled: 0, rejected: 1, pending: 2, confirmed: 3 };
/** When it does, the confirmation wins (a pending leaf is one whose confirmation was still to come). */
const HELD_RANK: Record<BookingStatus, number> = { confirmed: 0, pending: 1, cancelled: 2, rejected: 3 };

/** The booking leaf to keep, given whether the (merged) ticket holds this booking. */
export function chooseBookingLeaf<T extends BookingLeaf>(leaves: T[], heldByTicket: boolean): T {
  const rank = heldByTicket ? HELD_RANK : UNHELD_RANK;
  const chosen = [...leaves].sort((a, b) => rank[a.status] - rank[b.status] || byRev(b, a))[0];
  if (!chosen) throw new RangeError('chooseBookingLeaf needs at least one leaf');
  return chosen;
}
