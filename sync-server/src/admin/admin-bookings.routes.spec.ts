// Bookings and tickets as the admin sees them, and the admin's cancel: through the real routes, the real booking
// write path and the real store, with what the patient's device then pulls.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminRoutes, type AdminBookingsAnswer, type AdminTicketsAnswer } from '@poisklinik/shared';
import { call, type TestSession } from '../authz/session-client';
import { newBooking, pushOne, seedTicket, storedTicket, testClock } from '../bookings/booking-test-kit';
import { adminWorld, type AdminWorld } from './admin-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const clock = testClock('2030-03-01T09:00:00.000Z');
let w: AdminWorld;
let slot = 0;

beforeAll(async () => {
  w = await adminWorld({ now: clock.now, sessionIdleDays: 400 });
});

afterAll(async () => {
  await w.env.cleanup();
});

/** A confirmed booking of a fresh ticket by `session`, each test its own hour. */
async function confirmedBooking(session: TestSession, clinicId = 'clinic-a', name = 'Пётр Пациент') {
  slot += 1;
  const startsAt = new Date(Date.parse('2030-04-01T06:00:00.000Z') + slot * 3_600_000).toISOString();
  const ticket = await seedTicket(w.server, { clinicId, startsAt });
  const booking = newBooking(session.userId, ticket, { patientName: name });
  const row = await pushOne(w.server, session, booking);
  if (!row.ok) throw new Error(`not booked: ${JSON.stringify(row)}`);
  return { ticket, booking };
}

async function search(query: string): Promise<AdminBookingsAnswer> {
  const res = await call(w.server, w.admin, 'GET', `${adminRoutes.bookings}?${query}`);
  expect(res.status).toBe(200);
  return res.body as AdminBookingsAnswer;
}

describe('admin cancel', () => {
  it("frees the ticket, and the patient's device pulls its booking `cancelled`", async () => {
    const { ticket, booking } = await confirmedBooking(w.patient);
    const res = await call(w.server, w.admin, 'POST', adminRoutes.bookingCancel(booking._id), {
      note: 'Врач заболел',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: booking._id,
      status: 'cancelled',
      email: 'patient@example.ru',
      cancelledByAdmin: { note: 'Врач заболел' },
    });
    const freed = await storedTicket(w.server, ticket._id);
    expect(freed.status).toBe('free');
    expect(freed.bookingId).toBeUndefined();
    const feed = await call(w.server, w.patient, 'GET', '/db/bookings/_changes?include_docs=true&since=0');
    const rows = (feed.body as { results: { id: string; doc: { status: string } }[] }).results;
    expect(rows.find((r) => r.id === booking._id)?.doc.status).toBe('cancelled');
    // The note stays readable for admins in the list.
    const listed = await search(`q=${encodeURIComponent('patient@example')}&status=cancelled`);
    expect(listed.bookings.find((b) => b.id === booking._id)?.cancelledByAdmin?.note).toBe('Врач заболел');
  });

  it('refuses a second cancel and an unknown booking; a started appointment stays', async () => {
    const { booking } = await confirmedBooking(w.patient);
    expect((await call(w.server, w.admin, 'POST', adminRoutes.bookingCancel(booking._id), {})).status).toBe(200);
    const again = await call(w.server, w.admin, 'POST', adminRoutes.bookingCancel(booking._id), {});
    expect(again).toMatchObject({ status: 409, body: { error: 'not_cancellable' } });
    const unknown = await call(
      w.server,
      w.admin,
      'POST',
      adminRoutes.bookingCancel(`${w.patient.userId}.nothing1`),
      {},
    );
    expect(unknown.status).toBe(404);

    const started = await confirmedBooking(w.patient);
    const before = clock.now();
    clock.set(started.booking.startsAt);
    const late = await call(w.server, w.admin, 'POST', adminRoutes.bookingCancel(started.booking._id), {});
    clock.set(new Date(before).toISOString());
    expect(late).toMatchObject({ status: 409, body: { error: 'not_cancellable' } });
    expect((await storedTicket(w.server, started.ticket._id)).status).toBe('booked');
  });

  it('refuses anyone but an admin, and a note past 300 characters', async () => {
    const { ticket, booking } = await confirmedBooking(w.patient);
    for (const { name, session, status } of w.others) {
      const res = await call(w.server, session, 'POST', adminRoutes.bookingCancel(booking._id), {});
      expect(res.status, name).toBe(status);
    }
    const long = await call(w.server, w.admin, 'POST', adminRoutes.bookingCancel(booking._id), {
      note: 'x'.repeat(301),
    });
    expect(long).toMatchObject({ status: 400, body: { reason: expect.stringContaining('/note') as unknown } });
    expect((await storedTicket(w.server, ticket._id)).status).toBe('booked');
  });
});

describe('booking search', () => {
  it('finds by patient name, phone digits or account email, and filters by clinic, status and day', async () => {
    const { booking } = await confirmedBooking(w.manager, 'clinic-b', 'Зинаида Редкая');
    const byName = await search(`q=${encodeURIComponent('зинаида')}`);
    expect(byName.bookings.map((b) => b.id)).toEqual([booking._id]);
    expect(byName.bookings[0]).toMatchObject({ userId: w.manager.userId, email: 'manager@example.ru' });
    const byEmail = await search('q=manager%40example');
    expect(byEmail.bookings.map((b) => b.id)).toContain(booking._id);
    const phoneDigits = booking.patientPhone.slice(-7);
    expect((await search(`q=${phoneDigits}`)).bookings.map((b) => b.id)).toContain(booking._id);
    expect((await search('clinicId=clinic-b')).bookings.every((b) => b.clinicId === 'clinic-b')).toBe(true);
    const day = booking.startsAt.slice(0, 10);
    const onDay = await search(`from=${day}&to=${day}&status=confirmed`);
    expect(onDay.bookings.map((b) => b.id)).toContain(booking._id);
    expect((await search('from=2031-01-01')).total).toBe(0);
  });

  it('pages with limit and skip, and refuses a bad query with 400 naming it', async () => {
    const all = await search('limit=200');
    const second = await search('limit=1&skip=1');
    expect(second.total).toBe(all.total);
    expect(second.bookings.map((b) => b.id)).toEqual([all.bookings[1]?.id]);
    const bad = await call(w.server, w.admin, 'GET', `${adminRoutes.bookings}?status=lost`);
    expect(bad).toMatchObject({
      status: 400,
      body: { error: 'bad_request', reason: expect.stringContaining('status') as unknown },
    });
    for (const { name, session, status } of w.others) {
      expect((await call(w.server, session, 'GET', adminRoutes.bookings)).status, name).toBe(status);
    }
  });
});

describe('tickets', () => {
  it("lists a clinic's tickets of a day with status and holding booking id, no patient data", async () => {
    const { ticket, booking } = await confirmedBooking(w.patient, 'clinic-c');
    const res = await call(
      w.server,
      w.admin,
      'GET',
      `${adminRoutes.tickets}?clinicId=clinic-c&date=${ticket.localDate}`,
    );
    expect(res.status).toBe(200);
    const { tickets } = res.body as AdminTicketsAnswer;
    expect(tickets.map((t) => t.id)).toContain(ticket._id);
    expect(tickets.find((t) => t.id === ticket._id)).toMatchObject({ status: 'booked', bookingId: booking._id });
    expect(tickets.every((t) => t.clinicId === 'clinic-c' && t.localDate === ticket.localDate)).toBe(true);
    expect(JSON.stringify(tickets)).not.toContain(booking.patientName);
    const noClinic = await call(w.server, w.admin, 'GET', adminRoutes.tickets);
    expect(noClinic).toMatchObject({ status: 400, body: { reason: expect.stringContaining('clinicId') as unknown } });
    for (const { name, session, status } of w.others) {
      expect((await call(w.server, session, 'GET', `${adminRoutes.tickets}?clinicId=clinic-c`)).status, name).toBe(
        status,
      );
    }
  });
});
