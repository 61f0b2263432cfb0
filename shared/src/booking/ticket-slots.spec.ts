import { describe, expect, it } from 'vitest';
import type { ClinicSpecialty } from '../clinic.schema';
import { intervalSlotStarts, localToInstant, ticketSlots, type SlotClinic } from './ticket-slots';

// 2026-11-30 is a Monday.
const MONDAY_MIDNIGHT_UTC = new Date('2026-11-30T00:00:00Z');

function clinic(specialties: ClinicSpecialty[]): SlotClinic {
  return { id: 'c1', townId: 'msk', specialties };
}

const times = (slots: { localTime: string }[]): string[] => slots.map((s) => s.localTime);

describe('intervalSlotStarts', () => {
  it('cuts an interval into whole slots of 30, 20 and 45 minutes, never past its end', () => {
    expect(intervalSlotStarts('09:00', '11:00', 30)).toEqual([540, 570, 600, 630]);
    expect(intervalSlotStarts('09:00', '10:00', 20)).toEqual([540, 560, 580]);
    // 09:00–11:00 holds two whole 45-minute slots; the last 30 minutes are not a slot.
    expect(intervalSlotStarts('09:00', '11:00', 45)).toEqual([540, 585]);
  });

  it('gives nothing for an interval shorter than a slot', () => {
    expect(intervalSlotStarts('09:00', '09:20', 30)).toEqual([]);
  });

  it('runs to midnight at 24:00 and never wraps into the next day', () => {
    expect(intervalSlotStarts('23:00', '24:00', 30)).toEqual([1380, 1410]);
    expect(intervalSlotStarts('23:00', '00:00', 30)).toEqual([1380, 1410]);
    // An overnight row (night shift) is cut at midnight.
    expect(intervalSlotStarts('23:00', '02:00', 30)).toEqual([1380, 1410]);
  });

  it('starts at 00:00', () => {
    expect(intervalSlotStarts('00:00', '01:00', 30)).toEqual([0, 30]);
  });
});

describe('localToInstant', () => {
  it('skips a local time that a DST jump removes and takes the first of a repeated one', () => {
    const local = (iso: string): number => Date.parse(`${iso}Z`);
    // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 never happens.
    expect(localToInstant('Europe/Berlin', local('2026-03-29T02:30:00'))).toBeNull();
    expect(localToInstant('Europe/Berlin', local('2026-03-29T03:30:00'))).toBe(Date.parse('2026-03-29T01:30:00Z'));
    // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice; the first is CEST (UTC+2).
    expect(localToInstant('Europe/Berlin', local('2026-10-25T02:30:00'))).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });
});

describe('ticketSlots', () => {
  it('places slots in the clinic time zone: the same 09:00 is a different instant in each town', () => {
    const c = clinic([{ code: 'therapist', schedule: [{ day: 1, from: '09:00', to: '09:30' }] }]);
    const window = { from: new Date('2026-11-29T12:00:00Z'), days: 2 };
    const startOf = (zone: string): string | undefined => ticketSlots(c, zone, window)[0]?.startsAt;
    expect(startOf('Europe/Kaliningrad')).toBe('2026-11-30T07:00:00.000Z');
    expect(startOf('Europe/Moscow')).toBe('2026-11-30T06:00:00.000Z');
    expect(startOf('Asia/Vladivostok')).toBe('2026-11-29T23:00:00.000Z');
    expect(startOf('Europe/Berlin')).toBe('2026-11-30T08:00:00.000Z');
  });

  it('builds full tickets with deterministic ids, local date and time, and the slot length', () => {
    const c = clinic([{ code: 'surgeon', slotMinutes: 20, schedule: [{ day: 1, from: '10:00', to: '10:40' }] }]);
    const slots = ticketSlots(c, 'Europe/Moscow', { from: MONDAY_MIDNIGHT_UTC, days: 1 });
    expect(slots).toEqual([
      {
        id: 'c1.surgeon.20261130-1000',
        clinicId: 'c1',
        townId: 'msk',
        specialtyCode: 'surgeon',
        startsAt: '2026-11-30T07:00:00.000Z',
        endsAt: '2026-11-30T07:20:00.000Z',
        localDate: '2026-11-30',
        localTime: '10:00',
      },
      expect.objectContaining({ id: 'c1.surgeon.20261130-1020', endsAt: '2026-11-30T07:40:00.000Z' }),
    ]);
    expect(ticketSlots(c, 'Europe/Moscow', { from: MONDAY_MIDNIGHT_UTC, days: 1 })).toEqual(slots);
  });

  it('uses the 30-minute default when a specialty names no slot length', () => {
    const c = clinic([{ code: 'therapist', schedule: [{ day: 1, from: '08:00', to: '09:00' }] }]);
    expect(times(ticketSlots(c, 'Europe/Moscow', { from: MONDAY_MIDNIGHT_UTC, days: 1 }))).toEqual(['08:00', '08:30']);
  });

  it('keeps the window: no slot before its opening instant, none after its last local day', () => {
    const c = clinic([
      { code: 'therapist', schedule: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '09:00', to: '11:00' })) },
    ]);
    // Monday 10:00 Moscow: the 09:00 and 09:30 slots of that Monday are gone, 10:00 itself is still bookable.
    const from = new Date('2026-11-30T07:00:00Z');
    const slots = ticketSlots(c, 'Europe/Moscow', { from, days: 3 });
    expect(slots[0]?.localTime).toBe('10:00');
    expect(slots[0]?.startsAt).toBe(from.toISOString());
    expect(new Set(slots.map((s) => s.localDate))).toEqual(new Set(['2026-11-30', '2026-12-01', '2026-12-02']));
    expect(slots).toHaveLength(2 + 4 + 4);
  });

  it('counts window days from the clinic-local date, which may already be tomorrow in UTC terms', () => {
    const c = clinic([{ code: 'therapist', schedule: [{ day: 2, from: '08:00', to: '08:30' }] }]);
    // Monday 22:00 UTC is Tuesday 08:00 in Vladivostok: the one-day window is Tuesday there.
    const slots = ticketSlots(c, 'Asia/Vladivostok', { from: new Date('2026-11-30T22:00:00Z'), days: 1 });
    expect(slots.map((s) => s.id)).toEqual(['c1.therapist.20261201-0800']);
  });

  it('gives a slot once when intervals of one specialty overlap', () => {
    const c = clinic([
      {
        code: 'therapist',
        schedule: [
          { day: 1, from: '09:00', to: '10:00' },
          { day: 1, from: '09:00', to: '10:30' },
        ],
      },
    ]);
    const slots = ticketSlots(c, 'Europe/Moscow', { from: MONDAY_MIDNIGHT_UTC, days: 1 });
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00']);
    expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
  });

  it('gives a midnight-to-midnight day without wrapping into the next one', () => {
    const c = clinic([{ code: 'therapist', slotMinutes: 240, schedule: [{ day: 1, from: '00:00', to: '24:00' }] }]);
    const slots = ticketSlots(c, 'Europe/Moscow', { from: new Date('2026-11-29T00:00:00Z'), days: 3 });
    expect(slots.map((s) => `${s.localDate} ${s.localTime}`)).toEqual([
      '2026-11-30 00:00',
      '2026-11-30 04:00',
      '2026-11-30 08:00',
      '2026-11-30 12:00',
      '2026-11-30 16:00',
      '2026-11-30 20:00',
    ]);
    expect(slots.at(-1)?.endsAt).toBe('2026-11-30T21:00:00.000Z'); // Tuesday 00:00 Moscow
  });

  it('leaves out the hour a DST jump skips and gives the repeated hour once', () => {
    // 2026-03-29 and 2026-10-25 are Sundays.
    const c = clinic([{ code: 'therapist', slotMinutes: 60, schedule: [{ day: 7, from: '01:00', to: '04:00' }] }]);
    const spring = ticketSlots(c, 'Europe/Berlin', { from: new Date('2026-03-28T12:00:00Z'), days: 2 });
    expect(times(spring)).toEqual(['01:00', '03:00']);
    expect(spring.map((s) => s.startsAt)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z']);
    const autumn = ticketSlots(c, 'Europe/Berlin', { from: new Date('2026-10-24T12:00:00Z'), days: 2 });
    expect(times(autumn)).toEqual(['01:00', '02:00', '03:00']);
    expect(autumn.map((s) => s.startsAt)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('refuses an unknown time zone rather than guessing one', () => {
    const c = clinic([{ code: 'therapist', schedule: [{ day: 1, from: '09:00', to: '10:00' }] }]);
    expect(() => ticketSlots(c, 'Mars/Olympus', { from: MONDAY_MIDNIGHT_UTC, days: 1 })).toThrow(RangeError);
  });
});
