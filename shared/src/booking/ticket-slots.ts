import { DEFAULT_SLOT_MINUTES, type ClinicSpecialty } from '../clinic.schema';
import { parseTimeOfDay } from '../opening-hours';
import { ticketId, type Ticket } from './ticket.schema';

/** A ticket as the schedule defines it; the scheduler adds `status`, `version` and `updatedAt`. */
export type TicketSlot = Omit<Ticket, 'status' | 'version' | 'updatedAt'>;

export type SlotClinic = {
  readonly id: string;
  readonly townId: string;
  readonly specialties: readonly ClinicSpecialty[];
};

/**
 * `from`: the instant the window opens (normally "now"); slots starting before it are not produced.
 * `days`: clinic-local calendar days, counting the local day `from` falls on as the first.
 */
export type SlotWindow = { readonly from: Date; readonly days: number };

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

// Throws a RangeError for an unknown zone: the caller decides whether that skips a clinic or fails a run.
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant, written as if it were UTC (so plain `Date.UTC` arithmetic applies). */
function wallClockAsUtc(timeZone: string, instantMs: number): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/** The zone's offset from UTC at an instant, in ms (Moscow: +3 h). Seconds are dropped with the instant's ms. */
function offsetAt(timeZone: string, instantMs: number): number {
  const whole = instantMs - (((instantMs % 1000) + 1000) % 1000);
  return wallClockAsUtc(timeZone, whole) - whole;
}

/**
 * The UTC instant of a local wall-clock time, or null when that time does not exist (skipped by a DST jump).
 * An ambiguous time (the repeated hour when clocks go back) resolves to its first occurrence: trying the offset
 * before the change first picks the earlier instant.
 */
export function localToInstant(timeZone: string, localAsUtcMs: number): number | null {
  const earlierOffset = offsetAt(timeZone, localAsUtcMs - MINUTES_PER_DAY * MS_PER_MINUTE);
  const laterOffset = offsetAt(timeZone, localAsUtcMs + MINUTES_PER_DAY * MS_PER_MINUTE);
  for (const offset of [earlierOffset, laterOffset]) {
    const candidate = localAsUtcMs - offset;
    if (wallClockAsUtc(timeZone, candidate) === localAsUtcMs) return candidate;
  }
  return null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function isoDate(dayAsUtc: Date): string {
  return `${pad(dayAsUtc.getUTCFullYear(), 4)}-${pad(dayAsUtc.getUTCMonth() + 1)}-${pad(dayAsUtc.getUTCDate())}`;
}

function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Start minutes of the whole slots of one interval. A slot never runs past the interval's end nor past midnight:
 * an end at or before the start ("20:00"–"08:00", "09:00"–"00:00") is read as "until midnight", because a
 * ticket belongs to one local day and its next-morning part would be another day's schedule.
 */
export function intervalSlotStarts(from: string, to: string, slotMinutes: number): number[] {
  const start = parseTimeOfDay(from);
  const rawEnd = parseTimeOfDay(to);
  const end = rawEnd > start ? Math.min(rawEnd, MINUTES_PER_DAY) : MINUTES_PER_DAY;
  const starts: number[] = [];
  // A zero or fractional length would never finish the loop or give odd times; the schema forbids both anyway.
  if (!Number.isInteger(slotMinutes) || slotMinutes < 1) return starts;
  for (let t = start; t + slotMinutes <= end; t += slotMinutes) starts.push(t);
  return starts;
}

/**
 * Every slot of a clinic's specialty schedules inside the window, in the clinic's time zone, sorted by start.
 * Pure and deterministic: the same clinic, zone and window always give the same ids (see `ticketId`), and
 * overlapping intervals of one specialty give each slot once. A local time skipped by a DST jump has no slot;
 * `endsAt` is `startsAt` plus the slot length in real time.
 */
export function ticketSlots(clinic: SlotClinic, timeZone: string, window: SlotWindow): TicketSlot[] {
  const fromMs = window.from.getTime();
  const today = new Date(wallClockAsUtc(timeZone, fromMs));
  const slots = new Map<string, TicketSlot>();
  for (let i = 0; i < window.days; i++) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + i));
    const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
    const localDate = isoDate(day);
    for (const specialty of clinic.specialties) {
      const slotMinutes = specialty.slotMinutes ?? DEFAULT_SLOT_MINUTES;
      for (const interval of specialty.schedule) {
        if (interval.day !== weekday) continue;
        for (const minutes of intervalSlotStarts(interval.from, interval.to, slotMinutes)) {
          const localTime = hhmm(minutes);
          const id = ticketId(clinic.id, specialty.code, localDate, localTime);
          if (slots.has(id)) continue;
          const startsMs = localToInstant(timeZone, day.getTime() + minutes * MS_PER_MINUTE);
          if (startsMs === null || startsMs < fromMs) continue;
          slots.set(id, {
            id,
            clinicId: clinic.id,
            townId: clinic.townId,
            specialtyCode: specialty.code,
            startsAt: new Date(startsMs).toISOString(),
            endsAt: new Date(startsMs + slotMinutes * MS_PER_MINUTE).toISOString(),
            localDate,
            localTime,
          });
        }
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id));
}
