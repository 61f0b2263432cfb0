// Weekly opening hours and specialty reception schedules, clinic-local time (the app reads them in the town's
// time zone). Specialty schedules are carved out of the clinic's own hours, so a doctor never receives while
// the clinic is closed.
import type { WeeklyInterval } from '@poisklinik/shared';
import type { HoursPattern } from './clinic-kinds.data';
import type { Random } from './seeded-random';

const WEEKDAYS = [1, 2, 3, 4, 5] as const;
const WEEKEND = [6, 7] as const;
const WEEK = [1, 2, 3, 4, 5, 6, 7] as const;

type Span = readonly [from: string, to: string];

function days(list: readonly number[], ...[from, to]: Span): WeeklyInterval[] {
  return list.map((day) => ({ day, from, to }));
}

const span = (from: string, to: string): Span => [from, to];

export function openingHours(pattern: HoursPattern, random: Random): WeeklyInterval[] {
  switch (pattern) {
    case 'state-polyclinic': {
      const weekday = days(WEEKDAYS, random.pick(['07:30', '08:00']), random.pick(['19:00', '20:00']));
      if (!random.chance(0.7)) return weekday;
      return [...weekday, ...days([6], ...random.pick([span('09:00', '15:00'), span('08:00', '14:00')]))];
    }
    case 'state-children': {
      const weekday = days(WEEKDAYS, '08:00', random.pick(['18:00', '19:00']));
      return random.chance(0.7) ? [...weekday, ...days([6], '09:00', '14:00')] : weekday;
    }
    case 'state-short':
      return days(WEEKDAYS, '08:00', random.pick(['16:00', '18:00']));
    case 'commercial-week': {
      const [from, to] = random.pick([span('09:00', '21:00'), span('08:00', '20:00')]);
      const sat = days([6], ...random.pick([span('09:00', '18:00'), span('10:00', '17:00')]));
      const sun = random.chance(0.5) ? days([7], '10:00', '16:00') : [];
      return [...days(WEEKDAYS, from, to), ...sat, ...sun];
    }
    case 'commercial-daily':
      return days(WEEK, ...random.pick([span('08:00', '22:00'), span('09:00', '21:00')]));
    case 'commercial-late':
      // Some private centres work past midnight: an interval ending before it starts runs into the next day.
      return random.chance(0.4)
        ? days(WEEK, '08:00', '02:00')
        : [...days(WEEKDAYS, '07:00', '23:00'), ...days(WEEKEND, '09:00', '21:00')];
    case 'lab': {
      const weekday = days(WEEKDAYS, random.pick(['07:00', '07:30']), random.pick(['18:00', '19:00']));
      return [...weekday, ...days(random.chance(0.6) ? WEEKEND : [6], '08:00', '14:00')];
    }
    case 'round-the-clock':
      return [];
  }
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * One specialty's reception: some of the clinic's open days, each a whole day or a morning/afternoon shift
 * split at a round hour. Round-the-clock clinics (no `hours`) receive in day shifts unless `allDay`.
 */
export function specialtySchedule(hours: readonly WeeklyInterval[], random: Random, allDay = false): WeeklyInterval[] {
  if (allDay) return days(WEEK, '00:00', '24:00');
  const base = hours.length > 0 ? hours : days(WEEKDAYS, '08:00', '16:00');
  const kept = base.filter(() => random.chance(0.7));
  const chosen = kept.length > 0 ? kept : [random.pick(base)];
  return chosen.map(({ day, from, to }) => {
    const start = toMinutes(from);
    // An overnight clinic's doctors receive in the evening part of the day only.
    const end = toMinutes(to) > start ? toMinutes(to) : 24 * 60;
    const mid = Math.round((start + end) / 120) * 60;
    const shift =
      mid - start >= 180 && end - mid >= 180 ? random.pick(['day', 'morning', 'afternoon'] as const) : 'day';
    if (shift === 'morning') return { day, from, to: toHhmm(mid) };
    if (shift === 'afternoon') return { day, from: toHhmm(mid), to: toHhmm(end) };
    return { day, from, to: toHhmm(end) };
  });
}
