import { describe, expect, it } from 'vitest';
import { formatAge, formatAppointment, formatLocalDay } from './booking-format';

describe('booking dates in words', () => {
  it('names a clinic-local day without shifting it by the reader’s zone', () => {
    expect(formatLocalDay('2026-12-01', 'ru')).toBe('вт, 1 декабря');
    expect(formatLocalDay('2026-12-01', 'en')).toBe('Tue, December 1');
  });

  it('shows an appointment at the clinic’s local time', () => {
    expect(formatAppointment('2026-12-01T06:30:00.000Z', 'ru', 'Europe/Moscow')).toBe('вт, 1 декабря в 09:30');
  });

  it('shows a data age of today as the time only', () => {
    const now = new Date(2026, 10, 30, 12, 0);
    expect(formatAge(new Date(2026, 10, 30, 10, 42), now, 'ru')).toBe('10:42');
    expect(formatAge(new Date(2026, 10, 29, 10, 42), now, 'ru')).toBe('29.11.2026, 10:42');
  });
});
