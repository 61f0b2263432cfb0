// Races on the real embedded store through real HTTP: many concurrent pushes, counted afterwards from the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import { defaultRateLimits } from '../auth/rate-limits';
import { call, signUp, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { BOOKINGS_DB, TICKETS_DB, type BookingDoc, type TicketDoc } from './booking.store';
import {
  newBooking,
  pushOne,
  seedTicket,
  storedBooking,
  storedTicket,
  testClock,
  type PushRow,
} from './booking-test-kit';

const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;
let server: SyncServer;
let users = 0;
let slot = 0;
/** Signed up once, up front: a sign-up hashes a password, which is what takes time here, not the races. */
let pool: TestSession[] = [];

/** Fresh, never-used accounts from the pool. */
function take(count: number): TestSession[] {
  const taken = pool.slice(0, count);
  pool = pool.slice(count);
  if (taken.length < count) throw new Error('user pool exhausted');
  return taken;
}

/** Generous: the machine may be busy with other suites; nothing here asserts on time. */
const SLOW = 120_000;

function nextStart(): string {
  slot += 1;
  return new Date(Date.parse('2030-04-01T06:00:00.000Z') + slot * 3_600_000).toISOString();
}

function newUser(): Promise<TestSession> {
  users += 1;
  return signUp(server, `racer${users}@example.ru`, `long enough password ${users}`, `Пациент ${users}`);
}

async function allBookings(): Promise<BookingDoc[]> {
  const rows = (await (await server.store.database(BOOKINGS_DB)).allDocs({ includeDocs: true })).rows;
  return rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as BookingDoc] : []));
}

async function allTickets(): Promise<TicketDoc[]> {
  const rows = (await (await server.store.database(TICKETS_DB)).allDocs({ includeDocs: true })).rows;
  return rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc as TicketDoc] : []));
}

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({
    now: clock.now,
    scheduler: false,
    maxActiveBookings: 3,
    // The clock moves weeks ahead in the deletion test; the session must outlive that.
    sessionIdleDays: 400,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
  });
  pool = await Promise.all(Array.from({ length: 70 }, () => newUser()));
}, SLOW);

afterAll(async () => {
  await env.cleanup();
});

describe('races for tickets', () => {
  it(
    '50 users push for one ticket at once: exactly 1 confirmed, 49 rejected as taken, the ticket held by the winner',
    async () => {
      const ticket = await seedTicket(server, { startsAt: nextStart() });
      const racers = take(50);
      const bookings = racers.map((u) => newBooking(u.userId, ticket));
      const rows = await Promise.all(racers.map((u, i) => pushOne(server, u, bookings[i])));
      const won = rows.filter((r) => r.ok);
      const lost = rows.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      expect(
        lost.every((r) => r.error === 'conflict' && r.doc?.status === 'rejected' && r.doc.reason === 'taken'),
      ).toBe(true);
      const stored = await Promise.all(bookings.map((b) => storedBooking(server, b._id)));
      expect(stored.filter((b) => b?.status === 'confirmed').map((b) => b?._id)).toEqual([won[0]?.id]);
      expect(stored.filter((b) => b?.status === 'rejected' && b.reason === 'taken')).toHaveLength(49);
      expect(await storedTicket(server, ticket._id)).toMatchObject({
        status: 'booked',
        bookingId: won[0]?.id,
        version: 2,
      });
    },
    SLOW,
  );

  it(
    '20 users × 4 tickets, every user on every ticket at once: each ticket held once, by a confirmed booking',
    async () => {
      const tickets = await Promise.all([1, 2, 3, 4].map(() => seedTicket(server, { startsAt: nextStart() })));
      const racers = take(20);
      const pushes = racers.flatMap((u) => tickets.map((t) => ({ user: u, doc: newBooking(u.userId, t) })));
      const rows = await Promise.all(pushes.map((p) => pushOne(server, p.user, p.doc)));
      const ids = new Set(pushes.map((p) => p.doc._id));
      const mine = (await allBookings()).filter((b) => ids.has(b._id));
      const confirmed = mine.filter((b) => b.status === 'confirmed');
      // No ticket in two confirmed bookings, and every ticket went to someone.
      expect(new Set(confirmed.map((b) => b.ticketId)).size).toBe(confirmed.length);
      expect(confirmed).toHaveLength(tickets.length);
      expect(rows.filter((r) => r.ok)).toHaveLength(tickets.length);
      // Nobody got more than the limit; every loser knows why.
      const perUser = new Map<string, number>();
      for (const b of confirmed)
        perUser.set(b._id.split('.')[0] ?? '', (perUser.get(b._id.split('.')[0] ?? '') ?? 0) + 1);
      expect(Math.max(...perUser.values())).toBeLessThanOrEqual(3);
      expect(mine.every((b) => b.status === 'confirmed' || (b.status === 'rejected' && b.reason !== undefined))).toBe(
        true,
      );
      // Every booked ticket's holder is a confirmed booking of that very ticket.
      const byId = new Map(mine.map((b) => [b._id, b]));
      for (const t of tickets) {
        const now = await storedTicket(server, t._id);
        expect(now.status).toBe('booked');
        expect(byId.get(now.bookingId ?? '')).toMatchObject({ status: 'confirmed', ticketId: t._id });
      }
    },
    SLOW,
  );

  it('the same booking replayed 10 times at once books once: one ok, nine conflicts carrying that booking', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const user = await newUser();
    const booking = newBooking(user.userId, ticket);
    const rows = await Promise.all(Array.from({ length: 10 }, () => pushOne(server, user, booking)));
    expect(rows.filter((r) => r.ok)).toHaveLength(1);
    expect(rows.filter((r: PushRow) => r.error === 'conflict' && r.doc?._id === booking._id)).toHaveLength(9);
    expect((await allBookings()).filter((b) => b._id.startsWith(`${user.userId}.`))).toHaveLength(1);
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'confirmed' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ bookingId: booking._id, version: 2 });
  });

  it('one user pushing 6 bookings at once with a limit of 3: exactly 3 confirmed, 3 rejected as limit', async () => {
    const tickets = await Promise.all([1, 2, 3, 4, 5, 6].map(() => seedTicket(server, { startsAt: nextStart() })));
    const user = await newUser();
    const rows = await Promise.all(tickets.map((t) => pushOne(server, user, newBooking(user.userId, t))));
    expect(rows.filter((r) => r.ok)).toHaveLength(3);
    expect(rows.filter((r) => r.doc?.reason === 'limit')).toHaveLength(3);
    const held = (await allTickets()).filter((t) => t.bookingId?.startsWith(`${user.userId}.`));
    expect(held).toHaveLength(3);
  });

  it('two devices of one user booking the same ticket at once: one confirmed, the other duplicate', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const user = await newUser();
    const rows = await Promise.all([1, 2].map(() => pushOne(server, user, newBooking(user.userId, ticket))));
    expect(rows.filter((r) => r.ok)).toHaveLength(1);
    expect(rows.filter((r) => r.doc?.reason === 'duplicate')).toHaveLength(1);
  });
});

describe('account deletion', () => {
  it('cancels future bookings and frees their tickets; a past visit stays, pseudonymised, without name or phone', async () => {
    const user = await newUser();
    const past = await seedTicket(server, { startsAt: nextStart() });
    const future = await seedTicket(server, { startsAt: nextStart() });
    const futureBooking = newBooking(user.userId, future);
    const pastBooking = newBooking(user.userId, past);
    expect((await pushOne(server, user, futureBooking)).ok).toBe(true);
    expect((await pushOne(server, user, pastBooking)).ok).toBe(true);
    // The past visit's time comes: the clock moves past its start (and stays before the other one's).
    const saved = clock.now();
    clock.set(new Date(Date.parse(past.startsAt) + 60_000).toISOString());
    try {
      const res = await call(server, user, 'POST', accountRoutes.deleteAccount, { password: user.password });
      expect(res.status).toBeLessThan(300);
    } finally {
      clock.set(new Date(saved).toISOString());
    }
    expect(await storedBooking(server, futureBooking._id)).toBeNull();
    expect(await storedBooking(server, pastBooking._id)).toBeNull();
    const freed = await storedTicket(server, future._id);
    expect(freed.status).toBe('free');
    expect(freed.bookingId).toBeUndefined();
    const kept = await storedTicket(server, past._id);
    expect(kept.status).toBe('booked');
    const visit = await storedBooking(server, kept.bookingId ?? '');
    expect(visit).toMatchObject({ status: 'confirmed', ticketId: past._id, clinicId: past.clinicId });
    expect(visit?._id.startsWith(user.userId)).toBe(false);
    expect(visit?.patientName).toBeUndefined();
    expect(visit?.patientPhone).toBeUndefined();
    expect((await allBookings()).some((b) => b._id.startsWith(`${user.userId}.`))).toBe(false);
  });
});
