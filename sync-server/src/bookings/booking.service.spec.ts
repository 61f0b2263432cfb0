// The `bookings` write handler through the real route, real sessions and the real embedded store on disk; time is
// the config clock, moved by the tests.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRateLimits } from '../auth/rate-limits';
import { signUp, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { newBooking, push, pushOne, seedTicket, storedBooking, storedTicket, testClock } from './booking-test-kit';

// Sign-ups hash passwords and servers open stores on disk: slow on a busy machine. Nothing asserts on time.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;
let server: SyncServer;
let anna: TestSession;
let boris: TestSession;
let slot = 0;
let users = 0;

/** A fresh account, so one test's bookings never count against another test's limit. */
function newUser(): Promise<TestSession> {
  users += 1;
  return signUp(server, `user${users}@example.ru`, `long enough password ${users}`, `Пациент ${users}`);
}

/** Each test its own ticket: a later day and hour, never a time another test used. */
function nextStart(): string {
  slot += 1;
  return new Date(Date.parse('2030-04-01T06:00:00.000Z') + slot * 3_600_000).toISOString();
}

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({
    now: clock.now,
    // Tickets are seeded by hand here; the scheduler has its own tests.
    scheduler: false,
    maxActiveBookings: 3,
    // The clock moves weeks ahead in some tests; sessions must outlive that.
    sessionIdleDays: 400,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
  });
  anna = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
  boris = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
});

afterAll(async () => {
  await env.cleanup();
});

describe('booking a free ticket', () => {
  it('confirms it, and the ticket is booked by it with its version moved on', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const booking = newBooking(anna.userId, ticket);
    const row = await pushOne(server, anna, booking);
    expect(row).toMatchObject({ ok: true, id: booking._id });
    const stored = await storedBooking(server, booking._id);
    expect(stored).toMatchObject({ status: 'confirmed', ticketId: ticket._id, _rev: row.rev });
    expect(stored?.reason).toBeUndefined();
    expect(await storedTicket(server, ticket._id)).toMatchObject({
      status: 'booked',
      bookingId: booking._id,
      version: 2,
    });
  });

  it('a second user on the same ticket is rejected as taken: a conflict row with the stored rejected booking', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    expect(await pushOne(server, anna, newBooking(anna.userId, ticket))).toMatchObject({ ok: true });
    const late = newBooking(boris.userId, ticket);
    const row = await pushOne(server, boris, late);
    expect(row).toMatchObject({ id: late._id, error: 'conflict', doc: { status: 'rejected', reason: 'taken' } });
    expect(row.ok).toBeUndefined();
    expect(await storedBooking(server, late._id)).toMatchObject({ status: 'rejected', reason: 'taken' });
  });

  it('a replay of the same booking (no revision, or a stale one) books nothing twice', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const booking = newBooking(anna.userId, ticket);
    const first = await pushOne(server, anna, booking);
    expect(first.ok).toBe(true);
    const replay = await pushOne(server, anna, booking);
    expect(replay).toMatchObject({ error: 'conflict', doc: { status: 'confirmed', _rev: first.rev } });
    const stale = await pushOne(server, anna, { ...booking, _rev: '1-00000000000000000000000000000000' });
    expect(stale).toMatchObject({ error: 'conflict', doc: { status: 'confirmed', _rev: first.rev } });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ bookingId: booking._id, version: 2 });
  });

  it('the same user booking the same ticket from a second device is rejected as duplicate', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    expect((await pushOne(server, boris, newBooking(boris.userId, ticket))).ok).toBe(true);
    const again = newBooking(boris.userId, ticket, { ticketVersion: 2 });
    expect(await pushOne(server, boris, again)).toMatchObject({ error: 'conflict', doc: { reason: 'duplicate' } });
  });

  it('a version the ticket has moved past is rejected as changed; a past ticket as past; a closed one as not_free', async () => {
    const freed = await seedTicket(server, { startsAt: nextStart() });
    const stale = newBooking(anna.userId, freed, { ticketVersion: 7 });
    expect(await pushOne(server, anna, stale)).toMatchObject({ error: 'conflict', doc: { reason: 'changed' } });
    const closed = await seedTicket(server, { startsAt: nextStart(), status: 'closed' });
    expect(await pushOne(server, anna, newBooking(anna.userId, closed))).toMatchObject({ doc: { reason: 'not_free' } });
    const past = await seedTicket(server, { startsAt: '2030-03-01T08:00:00.000Z' });
    expect(await pushOne(server, anna, newBooking(anna.userId, past))).toMatchObject({ doc: { reason: 'past' } });
    const missing = newBooking(anna.userId, { ...freed, _id: 'clinic-a.31.08.49.20300505-0900' });
    expect(await pushOne(server, anna, missing)).toMatchObject({ doc: { reason: 'not_free' } });
    expect(await storedTicket(server, freed._id)).toMatchObject({ status: 'free', version: 1 });
  });

  it('fields that do not match the ticket, or a non-pending status, are rejected as invalid', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const moved = newBooking(anna.userId, ticket, { startsAt: '2030-04-01T01:00:00.000Z' });
    expect(await pushOne(server, anna, moved)).toMatchObject({ doc: { status: 'rejected', reason: 'invalid' } });
    const selfConfirmed = newBooking(anna.userId, ticket, { status: 'confirmed' });
    expect(await pushOne(server, anna, selfConfirmed)).toMatchObject({
      doc: { status: 'rejected', reason: 'invalid' },
    });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'free', version: 1 });
  });
});

describe('cancelling', () => {
  it('before the start: cancelled, the ticket free again at a new version, and another user can book it', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const dina = await newUser();
    const booking = newBooking(dina.userId, ticket);
    const booked = await pushOne(server, dina, booking);
    const current = await storedBooking(server, booking._id);
    const row = await pushOne(server, dina, { ...current, status: 'cancelled', _rev: booked.rev });
    expect(row.ok).toBe(true);
    expect(await storedBooking(server, booking._id)).toMatchObject({ status: 'cancelled' });
    const freed = await storedTicket(server, ticket._id);
    expect(freed).toMatchObject({ status: 'free', version: 3 });
    expect(freed.bookingId).toBeUndefined();
    expect(await pushOne(server, boris, newBooking(boris.userId, freed))).toMatchObject({ ok: true });
  });

  it('after the start: refused as too_late, the booking stays confirmed and the ticket booked', async () => {
    const start = nextStart();
    const ticket = await seedTicket(server, { startsAt: start });
    const erik = await newUser();
    const booking = newBooking(erik.userId, ticket);
    await pushOne(server, erik, booking);
    const current = await storedBooking(server, booking._id);
    const saved = clock.now();
    clock.set(new Date(Date.parse(start) + 60_000).toISOString());
    try {
      const row = await pushOne(server, erik, { ...current, status: 'cancelled' });
      expect(row).toMatchObject({ error: 'conflict', doc: { status: 'confirmed', reason: 'too_late' } });
    } finally {
      clock.set(new Date(saved).toISOString());
    }
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'booked', bookingId: booking._id });
  });

  it('editing a confirmed booking or deleting it is a conflict and the server keeps its copy', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const fedor = await newUser();
    const booking = newBooking(fedor.userId, ticket);
    await pushOne(server, fedor, booking);
    const current = await storedBooking(server, booking._id);
    const edited = await pushOne(server, fedor, { ...current, patientName: 'Другой' });
    expect(edited).toMatchObject({ error: 'conflict', doc: { patientName: 'Анна Петрова', status: 'confirmed' } });
    const deleted = await pushOne(server, fedor, { _id: booking._id, _rev: current?._rev, _deleted: true });
    expect(deleted).toMatchObject({ error: 'conflict', doc: { status: 'confirmed' } });
    expect(await storedBooking(server, booking._id)).toEqual(current);
  });
});

describe('limits and access', () => {
  it('the fourth active booking of a user is rejected as limit; a cancellation makes room again', async () => {
    const carol = await newUser();
    const tickets = await Promise.all([1, 2, 3, 4].map(() => seedTicket(server, { startsAt: nextStart() })));
    const rows = [];
    for (const t of tickets.slice(0, 3)) rows.push(await pushOne(server, carol, newBooking(carol.userId, t)));
    expect(rows.every((r) => r.ok)).toBe(true);
    const fourth = tickets[3];
    if (!fourth) throw new Error('no ticket');
    expect(await pushOne(server, carol, newBooking(carol.userId, fourth))).toMatchObject({ doc: { reason: 'limit' } });
    const first = rows[0];
    const firstDoc = first ? await storedBooking(server, first.id) : null;
    expect((await pushOne(server, carol, { ...firstDoc, status: 'cancelled' })).ok).toBe(true);
    expect((await pushOne(server, carol, newBooking(carol.userId, fourth))).ok).toBe(true);
  });

  it('anonymous pushes are 401; a booking id of another user is a forbidden row and nothing is stored', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const res = await push(server, null, [newBooking(anna.userId, ticket)]).catch(
      (e: { response: unknown }) => e.response,
    );
    expect(res).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    const foreign = newBooking(anna.userId, ticket);
    expect(await pushOne(server, boris, foreign)).toMatchObject({ error: 'forbidden' });
    expect(await storedBooking(server, foreign._id)).toBeNull();
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'free', version: 1 });
  });

  it('malformed documents are conflict rows (never a 5xx, never forbidden) and store nothing', async () => {
    const ticket = await seedTicket(server, { startsAt: nextStart() });
    const gleb = await newUser();
    const good = newBooking(gleb.userId, ticket);
    const bad = [
      { ...good, patientPhone: '8 (910) 123-45-67' },
      { ...good, ticketVersion: 'one' },
      { ...good, extra: true },
      { ...good, _attachments: { a: { data: 'eA==' } } },
      { ...good, _rev: 42 },
      { ...good, _deleted: true },
      { _id: good._id },
    ];
    const rows = await push(server, gleb, bad);
    expect(rows.map((r) => r.error)).toEqual(bad.map(() => 'conflict'));
    expect(await storedBooking(server, good._id)).toBeNull();
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'free', version: 1 });
  });
});
