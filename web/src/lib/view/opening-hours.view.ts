import { groupByWeekday, type WeeklyInterval } from '@poisklinik/shared';

export type WeekRow = {
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** "08:00–20:00" per interval; empty when closed that day. */
  readonly intervals: readonly string[];
  readonly isToday: boolean;
};

/** "24:00" is how the data says "until midnight"; people read that as "24:00" too, so it is kept. */
export function formatInterval(iv: WeeklyInterval): string {
  return `${iv.from}–${iv.to}`;
}

/** Seven rows Monday→Sunday for a week table, today's row flagged. */
export function weekRows(intervals: readonly WeeklyInterval[], todayWeekday: number): WeekRow[] {
  return groupByWeekday(intervals).map((day, i) => ({
    weekday: i + 1,
    intervals: day.map(formatInterval),
    isToday: i + 1 === todayWeekday,
  }));
}
