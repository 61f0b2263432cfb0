import { describe, expect, it } from 'vitest';
import { coversLocalTime, groupByWeekday, isOpenAt, localTimeIn, parseTimeOfDay } from './opening-hours';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' }));

describe('localTimeIn', () => {
  it('reads weekday and time in the clinic time zone, not the device one', () => {
    // 2026-11-30 is a Monday. 21:30 UTC is 00:30 Tuesday in Moscow (UTC+3) and 07:30 Tuesday in Vladivostok.
    const at = new Date('2026-11-30T21:30:00Z');
    expect(localTimeIn('UTC', at)).toEqual({ weekday: 1, minutes: 21 * 60 + 30 });
    expect(localTimeIn('Europe/Moscow', at)).toEqual({ weekday: 2, minutes: 30 });
    expect(localTimeIn('Asia/Vladivostok', at)).toEqual({ weekday: 2, minutes: 7 * 60 + 30 });
  });
});

describe('isOpenAt', () => {
  const clinic = { roundTheClock: false, hours: weekdays };
  it('is open inside the hours and closed at the closing minute', () => {
    expect(isOpenAt(clinic, 'Europe/Moscow', new Date('2026-11-30T05:00:00Z'))).toBe(true); // Mon 08:00 MSK
    expect(isOpenAt(clinic, 'Europe/Moscow', new Date('2026-11-30T04:59:00Z'))).toBe(false); // Mon 07:59
    expect(isOpenAt(clinic, 'Europe/Moscow', new Date('2026-11-30T17:00:00Z'))).toBe(false); // Mon 20:00
  });
  it('is closed on a day without hours', () => {
    expect(isOpenAt(clinic, 'Europe/Moscow', new Date('2026-12-05T09:00:00Z'))).toBe(false); // Saturday
  });
  it('is always open round the clock', () => {
    expect(isOpenAt({ roundTheClock: true, hours: [] }, 'Europe/Moscow', new Date('2026-12-06T01:00:00Z'))).toBe(true);
  });
});

describe('coversLocalTime across midnight', () => {
  const night = [{ day: 5, from: '20:00', to: '08:00' }]; // Friday night shift
  it('covers the evening of its own day and the morning of the next', () => {
    expect(coversLocalTime(night, { weekday: 5, minutes: parseTimeOfDay('23:00') })).toBe(true);
    expect(coversLocalTime(night, { weekday: 6, minutes: parseTimeOfDay('07:59') })).toBe(true);
    expect(coversLocalTime(night, { weekday: 6, minutes: parseTimeOfDay('08:00') })).toBe(false);
    expect(coversLocalTime(night, { weekday: 5, minutes: parseTimeOfDay('07:00') })).toBe(false);
  });
  it('wraps Sunday night into Monday morning', () => {
    expect(coversLocalTime([{ day: 7, from: '22:00', to: '06:00' }], { weekday: 1, minutes: 60 })).toBe(true);
  });
  it('treats 24:00 as the end of the day', () => {
    expect(coversLocalTime([{ day: 2, from: '18:00', to: '24:00' }], { weekday: 2, minutes: 1439 })).toBe(true);
  });
});

describe('groupByWeekday', () => {
  it('puts intervals under their day, sorted by start', () => {
    const days = groupByWeekday([
      { day: 3, from: '14:00', to: '18:00' },
      { day: 3, from: '08:00', to: '12:00' },
      { day: 7, from: '10:00', to: '12:00' },
    ]);
    expect(days).toHaveLength(7);
    expect(days[2]?.map((i) => i.from)).toEqual(['08:00', '14:00']);
    expect(days[6]).toHaveLength(1);
    expect(days[0]).toHaveLength(0);
  });
});
