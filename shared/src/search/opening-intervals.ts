import type { WeeklyInterval } from '../clinic.schema';

export const MINUTES_PER_WEEK = 7 * 1440;

/** "07:30" → 450, reading the schema-validated "HH:MM" digits directly (the build parses ~1M of them). */
function minutesOf(hhmm: string): number {
  const zero = 48 * 600 + 48 * 60 + 48 * 10 + 48; // the char codes of "00:00" weighted like the digits
  return hhmm.charCodeAt(0) * 600 + hhmm.charCodeAt(1) * 60 + hhmm.charCodeAt(3) * 10 + hhmm.charCodeAt(4) - zero;
}

/**
 * Weekly hours as half-open [start, end) minute-of-week ranges (Monday 00:00 = 0), flat pairs fitting Uint16.
 * Same meaning as `coversLocalTime`: an interval not ending after its start runs into the next day, and Sunday
 * night wraps into Monday morning (split into two ranges so no range crosses the week's end).
 */
export function encodeWeeklyHours(hours: readonly WeeklyInterval[]): number[] {
  const out: number[] = [];
  for (const iv of hours) {
    const dayStart = (iv.day - 1) * 1440;
    const from = minutesOf(iv.from);
    const to = minutesOf(iv.to);
    const start = dayStart + from;
    const end = from < to ? dayStart + to : dayStart + 1440 + to;
    if (end <= MINUTES_PER_WEEK) {
      out.push(start, end);
    } else {
      out.push(start, MINUTES_PER_WEEK, 0, end - MINUTES_PER_WEEK);
    }
  }
  return out;
}

export function minuteOfWeek(weekday: number, minutes: number): number {
  return (weekday - 1) * 1440 + minutes;
}

/** Whether ranges[from..to) (flat start/end pairs) contain the minute of week. */
export function rangesCover(ranges: ArrayLike<number>, from: number, to: number, minute: number): boolean {
  for (let i = from; i + 1 < to; i += 2) {
    // i + 1 < to ≤ ranges.length: both reads are in range.
    if (minute >= ranges[i]! && minute < ranges[i + 1]!) return true;
  }
  return false;
}
