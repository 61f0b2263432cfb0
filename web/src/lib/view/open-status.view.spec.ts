import { describe, expect, it } from 'vitest';
import type { WeeklyInterval } from '@poisklinik/shared';
import { ru } from '$lib/i18n/ru';
import { en } from '$lib/i18n/en';
import { formatMinutes, openStatus, openStatusText, weekSpans } from './open-status.view';

const weekdays = (from: string, to: string): WeeklyInterval[] => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));
const clinic = (hours: WeeklyInterval[], roundTheClock = false) => ({ hours, roundTheClock });
const at = (weekday: number, hhmm: string) => ({
  weekday,
  minutes: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)),
});

describe('openStatus', () => {
  it('says how long until closing when open', () => {
    expect(openStatus(clinic(weekdays('08:00', '20:00')), at(3, '19:20'))).toEqual({
      kind: 'open',
      minutesLeft: 40,
      closesAt: { weekday: 3, minutes: 20 * 60 },
    });
  });

  it('says when it opens next: later today, tomorrow, after the weekend', () => {
    const hours = clinic(weekdays('08:00', '20:00'));
    expect(openStatus(hours, at(2, '07:00'))).toMatchObject({
      kind: 'closed',
      minutesUntil: 60,
      opensAt: at(2, '08:00'),
    });
    expect(openStatus(hours, at(2, '21:00'))).toMatchObject({ kind: 'closed', opensAt: at(3, '08:00') });
    expect(openStatus(hours, at(6, '10:00'))).toMatchObject({ kind: 'closed', opensAt: at(1, '08:00') });
    expect(openStatus(hours, at(5, '20:00'))).toMatchObject({ kind: 'closed', opensAt: at(1, '08:00') });
  });

  it('handles night shifts across midnight and across the week end', () => {
    const nights = clinic([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '20:00', to: '08:00' })));
    expect(openStatus(nights, at(7, '23:00'))).toMatchObject({
      kind: 'open',
      minutesLeft: 9 * 60,
      closesAt: at(1, '08:00'),
    });
    expect(openStatus(nights, at(1, '07:30'))).toMatchObject({ kind: 'open', minutesLeft: 30 });
    expect(openStatus(nights, at(1, '12:00'))).toMatchObject({ kind: 'closed', opensAt: at(1, '20:00') });
  });

  it('joins a day ending at 24:00 with the next one starting at 00:00', () => {
    const long = clinic([
      { day: 1, from: '08:00', to: '24:00' },
      { day: 2, from: '00:00', to: '02:00' },
    ]);
    expect(openStatus(long, at(1, '23:00'))).toMatchObject({
      kind: 'open',
      minutesLeft: 180,
      closesAt: at(2, '02:00'),
    });
  });

  it('knows round-the-clock clinics, full-week hours and clinics with no hours', () => {
    expect(openStatus(clinic([], true), at(1, '03:00'))).toEqual({ kind: 'allDay' });
    const always = clinic([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })));
    expect(openStatus(always, at(4, '03:00'))).toEqual({ kind: 'allDay' });
    expect(openStatus(clinic([]), at(1, '03:00'))).toEqual({ kind: 'neverOpen' });
  });
});

describe('helpers', () => {
  it('merges overlapping spans and formats times', () => {
    expect(
      weekSpans([
        { day: 1, from: '08:00', to: '12:00' },
        { day: 1, from: '11:00', to: '14:00' },
      ]),
    ).toEqual([{ start: 480, end: 840 }]);
    expect(formatMinutes(480)).toBe('08:00');
    expect(formatMinutes(1440)).toBe('24:00');
  });
});

describe('openStatusText', () => {
  const hours = clinic(weekdays('08:00', '20:00'));
  const text = (now: ReturnType<typeof at>, t = ru) => openStatusText(openStatus(hours, now), now, t);

  it('reads as a Russian speaker expects', () => {
    expect(text(at(3, '19:20'))).toBe('Закроется через 40 мин');
    expect(text(at(3, '12:00'))).toBe('Открыто до 20:00');
    expect(text(at(3, '07:00'))).toBe('Откроется в 08:00');
    expect(text(at(3, '21:00'))).toBe('Откроется завтра в 08:00');
    expect(text(at(6, '10:00'))).toBe('Откроется в понедельник в 08:00');
    expect(text(at(5, '21:00'))).toBe('Откроется в понедельник в 08:00');
    expect(openStatusText({ kind: 'allDay' }, at(1, '03:00'), ru)).toBe('Круглосуточно');
  });

  it('has English texts too', () => {
    expect(text(at(3, '19:20'), en)).toBe('Closes in 40 min');
    expect(text(at(6, '10:00'), en)).toBe('Opens on Monday at 08:00');
  });
});
