import { describe, expect, it } from 'vitest';
import { bookingSchema, ticketId, type Booking, type Ticket } from '@poisklinik/shared';
import { canCancel, draftBooking, newBookingKey, splitBookings } from './booking-draft';

const USER = 'uabcdefghijklmnopqrst';
const ticket: Ticket = {
  id: ticketId('clinic-1', '31.08.26', '2026-12-01', '09:30'),
  clinicId: 'clinic-1',
  townId: 'kaluga',
  specialtyCode: '31.08.26',
  startsAt: '2026-12-01T06:30:00.000Z',
  endsAt: '2026-12-01T07:00:00.000Z',
  localDate: '2026-12-01',
  localTime: '09:30',
  status: 'free',
  version: 4,
  updatedAt: '2026-11-30T06:00:00.000Z',
};
const patient = { name: 'Анна', phone: '+79101234567' };
const now = new Date('2026-11-30T07:00:00.000Z');

describe('a booking written on the device', () => {
  it('is pending, quotes the ticket version the device saw and has an id the server accepts', () => {
    const booking = draftBooking(USER, ticket, patient, now);
    expect(booking.status).toBe('pending');
    expect(booking.ticketVersion).toBe(4);
    expect(booking.startsAt).toBe(ticket.startsAt);
    expect(booking.id).toMatch(new RegExp(bookingSchema.properties.id.pattern));
    expect(booking.id.length).toBeLessThanOrEqual(bookingSchema.properties.id.maxLength);
  });

  it('gets a new idempotency key every time', () => {
    expect(newBookingKey()).not.toBe(newBookingKey());
    expect(draftBooking(USER, ticket, patient, now).id).not.toBe(draftBooking(USER, ticket, patient, now).id);
  });

  it('can be cancelled while active and before its start, not after', () => {
    const booking = draftBooking(USER, ticket, patient, now);
    expect(canCancel(booking, now)).toBe(true);
    expect(canCancel({ ...booking, status: 'confirmed' }, now)).toBe(true);
    expect(canCancel({ ...booking, status: 'rejected' }, now)).toBe(false);
    expect(canCancel(booking, new Date('2026-12-01T06:30:00.000Z'))).toBe(false);
  });

  it('sorts upcoming soonest first and past most recent first', () => {
    const at = (startsAt: string, endsAt: string): Booking => ({
      ...draftBooking(USER, ticket, patient, now),
      startsAt,
      endsAt,
    });
    const later = at('2026-12-03T06:00:00.000Z', '2026-12-03T06:30:00.000Z');
    const sooner = at('2026-12-01T06:00:00.000Z', '2026-12-01T06:30:00.000Z');
    const old = at('2026-11-20T06:00:00.000Z', '2026-11-20T06:30:00.000Z');
    const older = at('2026-11-10T06:00:00.000Z', '2026-11-10T06:30:00.000Z');
    const { upcoming, past } = splitBookings([later, older, sooner, old], now);
    expect(upcoming).toEqual([sooner, later]);
    expect(past).toEqual([old, older]);
  });
});
