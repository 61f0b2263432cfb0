import { describe, expect, it } from 'vitest';
import { ticketId, type Ticket } from '@poisklinik/shared';
import { freeCountBySpecialty, freeDays, freeUpcoming, nextFreeTimes } from './ticket-days';

const CLINIC = 'clinic-1';

function ticket(
  specialtyCode: string,
  localDate: string,
  localTime: string,
  status: Ticket['status'] = 'free',
): Ticket {
  // Moscow is UTC+3 all year: the clinic-local time minus three hours is the UTC instant.
  const [h = 0, m = 0] = localTime.split(':').map(Number);
  const startsAt = new Date(`${localDate}T00:00:00Z`);
  startsAt.setUTCHours(h - 3, m);
  return {
    id: ticketId(CLINIC, specialtyCode, localDate, localTime),
    clinicId: CLINIC,
    townId: 'kaluga',
    specialtyCode,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 30 * 60_000).toISOString(),
    localDate,
    localTime,
    status,
    version: 1,
    updatedAt: '2026-11-30T06:00:00.000Z',
  };
}

const now = new Date('2026-11-30T07:00:00.000Z'); // 10:00 in Kaluga

describe('free tickets for the booking flow', () => {
  const tickets = [
    ticket('31.08.26', '2026-12-01', '09:30'),
    ticket('31.08.26', '2026-11-30', '09:30'), // started already
    ticket('31.08.26', '2026-11-30', '10:30'),
    ticket('31.08.26', '2026-11-30', '11:00', 'booked'),
    ticket('31.08.26', '2026-11-30', '11:30', 'closed'),
    ticket('31.08.42', '2026-12-02', '08:00'),
    ticket('31.08.26', '2026-12-20', '08:00'), // beyond the 14-day window
  ];

  it('offers only free times that have not started, earliest first', () => {
    expect(freeUpcoming(tickets, now).map((t) => `${t.localDate} ${t.localTime}`)).toEqual([
      '2026-11-30 10:30',
      '2026-12-01 09:30',
      '2026-12-02 08:00',
      '2026-12-20 08:00',
    ]);
  });

  it('counts free times per specialty', () => {
    expect(Object.fromEntries(freeCountBySpecialty(freeUpcoming(tickets, now)))).toEqual({
      '31.08.26': 3,
      '31.08.42': 1,
    });
  });

  it('groups one specialty by clinic-local day within the window, days without free times left out', () => {
    const days = freeDays(freeUpcoming(tickets, now), '31.08.26', now);
    expect(days.map((d) => [d.localDate, d.tickets.map((t) => t.localTime)])).toEqual([
      ['2026-11-30', ['10:30']],
      ['2026-12-01', ['09:30']],
    ]);
  });

  it('suggests the next free times of the same specialty, never the ticket just lost', () => {
    const free = freeUpcoming(tickets, now);
    const lost = ticket('31.08.26', '2026-11-30', '10:30');
    expect(nextFreeTimes(free, lost).map((t) => t.localTime)).toEqual(['09:30', '08:00']);
    expect(nextFreeTimes(free, lost, 1)).toHaveLength(1);
  });
});
