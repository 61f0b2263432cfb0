// Crash states written straight into the real store (what a process killed between two steps of the write order
// leaves behind), then the recovery sweep — at start of a new server on the same data, and periodically.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { BOOKINGS_DB, LEDGERS_DB, TICKETS_DB, type BookingDoc, type TicketDoc } from './booking.store';
import { newBooking, seedTicket, storedBooking, storedTicket, testClock } from './booking-test-kit';

// Sign-ups hash passwords and servers open stores on disk: slow on a busy machine. Nothing asserts on time.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const USER = 'uaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'ubbbbbbbbbbbbbbbbbbbb';
const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;
let server: SyncServer;

beforeEach(async () => {
  clock.set('2030-03-01T09:00:00.000Z');
  env = await createTestEnv();
  server = await env.start({ now: clock.now, scheduler: false });
});

afterEach(async () => {
  await env.cleanup();
});

/** A booking as the push path records it in step 1, `minutesAgo` before now by the server clock. */
async function intent(ticket: TicketDoc, minutesAgo: number, user = USER): Promise<BookingDoc> {
  const doc = { ...newBooking(user, ticket), updatedAt: new Date(clock.now() - minutesAgo * 60_000).toISOString() };
  const written = await (await server.store.database(BOOKINGS_DB)).put(doc);
  if (!written.ok) throw new Error(written.reason);
  return { ...doc, _rev: written.rev };
}

async function putTicket(doc: TicketDoc): Promise<void> {
  const written = await (await server.store.database(TICKETS_DB)).put(doc);
  if (!written.ok) throw new Error(written.reason);
}

describe('booking recovery', () => {
  it('at start of a new server: a pending intent left by a crash is claimed and confirmed', async () => {
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T07:00:00.000Z' });
    const booking = await intent(ticket, 2);
    await server.close();
    // The restarted process finds it from the store alone.
    server = await env.start({ now: clock.now, scheduler: false });
    await server.bookings.recovery.settled();
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'booked', bookingId: booking._id });
    const ledger = await (await server.store.database(LEDGERS_DB)).get(USER);
    expect(ledger?.['entries']).toEqual([{ bookingId: booking._id, ticketId: ticket._id, startsAt: ticket.startsAt }]);
  });

  it('a crash between claim and confirm: the ticket already held by the pending booking is confirmed, not re-claimed', async () => {
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T08:00:00.000Z' });
    const booking = await intent(ticket, 5);
    await putTicket({ ...ticket, status: 'booked', bookingId: booking._id, version: 2 });
    await server.bookings.recovery.run();
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ bookingId: booking._id, version: 2 });
  });

  it('a pending booking younger than a minute is left to its request; once stale it is decided', async () => {
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T09:00:00.000Z' });
    const booking = await intent(ticket, 0);
    await server.bookings.recovery.run();
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'pending' });
    clock.advance(61_000);
    await server.bookings.recovery.run();
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
  });

  it('a stale pending booking whose ticket went to another booking meanwhile is rejected as taken', async () => {
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T10:00:00.000Z' });
    const other = await intent(ticket, 0, OTHER);
    const confirmed = await (await server.store.database(BOOKINGS_DB)).put({ ...other, status: 'confirmed' });
    expect(confirmed.ok).toBe(true);
    await putTicket({ ...ticket, status: 'booked', bookingId: other._id, version: 2 });
    const late = await intent(ticket, 3);
    await server.bookings.recovery.run();
    expect(await storedBooking(server, late._id)).toMatchObject({ status: 'rejected', reason: 'taken' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ bookingId: other._id });
  });

  it('a ticket held by a cancelled or a deleted booking (a crash before the release) is freed', async () => {
    const a = await seedTicket(server, { startsAt: '2030-04-02T11:00:00.000Z' });
    const b = await seedTicket(server, { startsAt: '2030-04-02T12:00:00.000Z' });
    const bookings = await server.store.database(BOOKINGS_DB);
    const cancelled = await intent(a, 10);
    await bookings.put({ ...cancelled, status: 'cancelled' });
    await putTicket({ ...a, status: 'booked', bookingId: cancelled._id, version: 2 });
    const deleted = await intent(b, 10);
    await bookings.put({ _id: deleted._id, _rev: deleted._rev, _deleted: true });
    await putTicket({ ...b, status: 'booked', bookingId: deleted._id, version: 2 });
    const summary = await server.bookings.recovery.run();
    expect(summary.freedTickets).toBe(2);
    for (const id of [a._id, b._id]) {
      const t = await storedTicket(server, id);
      expect(t).toMatchObject({ status: 'free', version: 3 });
      expect(t.bookingId).toBeUndefined();
    }
  });

  it('a ticket held by a booking this store has never seen (a cluster node the booking has not reached yet) is left', async () => {
    const t = await seedTicket(server, { startsAt: '2030-04-02T13:00:00.000Z' });
    await putTicket({ ...t, status: 'booked', bookingId: `${USER}.not-here-yet`, version: 2 });
    clock.advance(3_600_000);
    await server.bookings.recovery.run();
    expect(await storedTicket(server, t._id)).toMatchObject({ status: 'booked', bookingId: `${USER}.not-here-yet` });
  });
});
