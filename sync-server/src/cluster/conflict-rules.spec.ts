// The sweeper's choices are pure functions of the revisions, so every node computes the same one.
import { describe, expect, it } from 'vitest';
import { chooseBookingLeaf, mergeTicket, ticketHolder, type BookingLeaf, type Claimant } from './conflict-rules';

const T = 'clinic-a.31.08.49.20261202-1000';

function claimant(bookingId: string, createdAt: string, status: BookingLeaf['status'] = 'confirmed'): Claimant {
  return { bookingId, leaves: [{ rev: `2-${bookingId}`, status, ticketId: T, createdAt }] };
}

describe('conflict rules', () => {
  it('gives the ticket to the booking created first, ties by id, in any order of the claims', () => {
    const early = claimant('uzz.late-id', '2026-11-30T09:00:00.000Z');
    const late = claimant('uaa.early-id', '2026-11-30T09:05:00.000Z');
    expect(ticketHolder(T, [early, late])).toBe('uzz.late-id');
    expect(ticketHolder(T, [late, early])).toBe('uzz.late-id');
    const tieA = claimant('ubb.x', '2026-11-30T09:00:00.000Z');
    const tieB = claimant('uaa.y', '2026-11-30T09:00:00.000Z');
    expect(ticketHolder(T, [tieA, tieB])).toBe('uaa.y');
    expect(ticketHolder(T, [tieB, tieA])).toBe('uaa.y');
  });

  it('never gives the ticket to a cancelled or rejected booking, or one for another ticket', () => {
    const cancelled = claimant('uaa.first', '2026-11-30T08:00:00.000Z', 'cancelled');
    const other = {
      bookingId: 'uaa.other',
      leaves: [{ ...claimant('x', '2026-11-30T08:00:00.000Z').leaves[0]!, ticketId: 'x' }],
    };
    const kept = claimant('ubb.second', '2026-11-30T09:00:00.000Z');
    expect(ticketHolder(T, [cancelled, other, kept])).toBe('ubb.second');
    expect(ticketHolder(T, [cancelled])).toBeNull();
  });

  it('merges a ticket onto the holder’s leaf with a version above every branch, and frees one nobody holds', () => {
    const leaves = [
      { rev: '2-a', status: 'booked', version: 2, bookingId: 'uaa.one' },
      { rev: '2-b', status: 'booked', version: 2, bookingId: 'ubb.two' },
    ];
    expect(mergeTicket(leaves, 'ubb.two')).toMatchObject({
      base: leaves[1],
      status: 'booked',
      bookingId: 'ubb.two',
      version: 3,
    });
    expect(mergeTicket(leaves, null)).toMatchObject({ status: 'free', bookingId: undefined, version: 3 });
    const free = [
      { rev: '2-a', status: 'free', version: 1 },
      { rev: '2-b', status: 'free', version: 1 },
    ];
    expect(mergeTicket(free, null)).toEqual(mergeTicket([...free].reverse(), null));
  });

  it('keeps the confirmation of a booking the ticket holds, else the most final status', () => {
    const leaf = (rev: string, status: BookingLeaf['status']): BookingLeaf => ({
      rev,
      status,
      ticketId: T,
      createdAt: '',
    });
    const leaves = [leaf('3-a', 'confirmed'), leaf('3-b', 'rejected'), leaf('3-c', 'cancelled')];
    expect(chooseBookingLeaf(leaves, true).status).toBe('confirmed');
    expect(chooseBookingLeaf(leaves, false).status).toBe('cancelled');
    expect(chooseBookingLeaf([leaf('3-a', 'confirmed'), leaf('3-b', 'confirmed')], true).rev).toBe('3-b');
  });
});
