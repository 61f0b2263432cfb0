import { parseTimeOfDay, type LocalTime, type WeeklyInterval } from '@poisklinik/shared';
import type { Dictionary } from '$lib/i18n/ru';

const DAY = 1_440;
const WEEK = 7 * DAY;

/** A clinic's state at a local time, with what changes next; all times in the clinic's own time zone. */
export type OpenStatus =
  | { readonly kind: 'allDay' }
  | { readonly kind: 'open'; readonly minutesLeft: number; readonly closesAt: LocalTime }
  | { readonly kind: 'closed'; readonly minutesUntil: number; readonly opensAt: LocalTime }
  | { readonly kind: 'neverOpen' };

type Span = { start: number; end: number };

/** Opening hours as minute spans of the week (Monday 00:00 = 0), overnight intervals split, touching spans merged. */
export function weekSpans(intervals: readonly WeeklyInterval[]): Span[] {
  const spans: Span[] = [];
  for (const iv of intervals) {
    const from = (iv.day - 1) * DAY + parseTimeOfDay(iv.from);
    let to = (iv.day - 1) * DAY + parseTimeOfDay(iv.to);
    // An end not after the start runs past midnight into the next day (night shifts).
    if (to <= from) to += DAY;
    if (to > WEEK) spans.push({ start: from, end: WEEK }, { start: 0, end: to - WEEK });
    else spans.push({ start: from, end: to });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function toLocal(weekMinute: number): LocalTime {
  const m = ((weekMinute % WEEK) + WEEK) % WEEK;
  return { weekday: Math.floor(m / DAY) + 1, minutes: m % DAY };
}

/**
 * Open or closed now, and until when. A span ending at Sunday 24:00 continues into a span starting Monday 00:00
 * (the week wraps), so "20:00–08:00 every day" reads as open until 08:00, not until midnight.
 */
export function openStatus(
  clinic: { readonly roundTheClock: boolean; readonly hours: readonly WeeklyInterval[] },
  now: LocalTime,
): OpenStatus {
  if (clinic.roundTheClock) return { kind: 'allDay' };
  const spans = weekSpans(clinic.hours);
  const first = spans[0];
  const last = spans.at(-1);
  if (!first || !last) return { kind: 'neverOpen' };
  if (spans.length === 1 && first.start === 0 && first.end === WEEK) return { kind: 'allDay' };
  const t = (now.weekday - 1) * DAY + now.minutes;
  const wraps = first.start === 0 && last.end === WEEK;
  for (const s of spans) {
    if (t < s.start || t >= s.end) continue;
    let end = s.end;
    if (end === WEEK && wraps) end = WEEK + first.end;
    return { kind: 'open', minutesLeft: end - t, closesAt: toLocal(end) };
  }
  const next = spans.find((s) => s.start > t) ?? { start: first.start + WEEK };
  return { kind: 'closed', minutesUntil: next.start - t, opensAt: toLocal(next.start) };
}

/** "08:00" from minutes since midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Up to this many minutes before closing, say "closes in N min"; earlier, the closing time reads better. */
export const CLOSES_SOON_MINUTES = 60;

/** "Закроется через 40 мин", "Открыто до 20:00", "Откроется в 08:00" / "завтра в" / "в понедельник в", "Круглосуточно". */
export function openStatusText(status: OpenStatus, now: LocalTime, t: Dictionary): string {
  switch (status.kind) {
    case 'allDay':
      return t.roundTheClockNow;
    case 'neverOpen':
      return t.noHoursKnown;
    case 'open':
      return status.minutesLeft <= CLOSES_SOON_MINUTES
        ? t.closesIn(status.minutesLeft)
        : t.openUntil(formatMinutes(status.closesAt.minutes));
    case 'closed': {
      const time = formatMinutes(status.opensAt.minutes);
      // Whole days from the start of today to the opening: 0 = today, 1 = tomorrow.
      const days = Math.floor((now.minutes + status.minutesUntil) / DAY);
      if (days === 0) return t.opensAt(time);
      if (days === 1) return t.opensTomorrowAt(time);
      return t.opensOnAt(status.opensAt.weekday, time);
    }
  }
}
