import type { WeeklyInterval } from './clinic.schema';

export type LocalTime = { readonly weekday: number; readonly minutes: number };

const formatterCache = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** Weekday (1 = Monday) and minutes since midnight of an instant, in the clinic's own time zone. */
export function localTimeIn(timeZone: string, at: Date): LocalTime {
  let weekday = 1;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 1;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minutes: hour * 60 + minute };
}

/** "07:30" → 450; "24:00" → 1440. */
export function parseTimeOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Whether a weekly interval list covers a local time. An interval whose end is not after its start runs past
 * midnight into the next day (e.g. 20:00–08:00), as night shifts do.
 */
export function coversLocalTime(intervals: readonly WeeklyInterval[], t: LocalTime): boolean {
  const previousDay = t.weekday === 1 ? 7 : t.weekday - 1;
  return intervals.some((iv) => {
    const from = parseTimeOfDay(iv.from);
    const to = parseTimeOfDay(iv.to);
    if (from < to) return iv.day === t.weekday && t.minutes >= from && t.minutes < to;
    // Overnight interval: the evening part on its own day, the morning part on the next.
    return (iv.day === t.weekday && t.minutes >= from) || (iv.day === previousDay && t.minutes < to);
  });
}

export function isOpenAt(
  clinic: { readonly roundTheClock: boolean; readonly hours: readonly WeeklyInterval[] },
  timeZone: string,
  at: Date,
): boolean {
  return clinic.roundTheClock || coversLocalTime(clinic.hours, localTimeIn(timeZone, at));
}

/** Intervals grouped by weekday 1..7, each day sorted by start time; for rendering a week table. */
export function groupByWeekday(intervals: readonly WeeklyInterval[]): WeeklyInterval[][] {
  const days: WeeklyInterval[][] = [[], [], [], [], [], [], []];
  for (const iv of intervals) days[iv.day - 1]?.push(iv);
  for (const d of days) d.sort((a, b) => parseTimeOfDay(a.from) - parseTimeOfDay(b.from));
  return days;
}
