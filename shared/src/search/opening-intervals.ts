import type { WeeklyInterval } from '../clinic.schema';
import { parseTimeOfDay } from '../opening-hours';

export const MINUTES_PER_WEEK = 7 * 1440;

/**
 * Weekly hours as half-open [start, end) minute-of-week ranges (Monday 00:00 = 0), flat pairs fitting Uint16.
 * Same meaning as `coversLocalTime`: an interval not ending after its start runs into the next day, and Sunday
 * night wraps into Monday morning (split into two ranges so no range crosses the week's end).
 */
export function encodeWeeklyHours(hours: readonly WeeklyInterval[]): number[] {
  const out: number[] = [];
  for (const iv of hours) {
    const dayStart = (iv.day - 1) * 1440;
    const from = parseTimeOfDay(iv.from);
    const to = parseTimeOfDay(iv.to);
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
