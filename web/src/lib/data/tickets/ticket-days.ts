import type { Ticket } from '@poisklinik/shared';

/** How far ahead the app offers times: the scheduler's rolling window. */
export const BOOKING_WINDOW_DAYS = 14;

export type TicketDay = { readonly localDate: string; readonly tickets: readonly Ticket[] };

/** Free tickets that have not started yet, earliest first (ties by id, so the order never flickers). */
export function freeUpcoming(tickets: readonly Ticket[], now: Date): Ticket[] {
  const at = now.toISOString();
  return tickets
    .filter((t) => t.status === 'free' && t.startsAt > at)
    .sort((a, b) => (a.startsAt === b.startsAt ? a.id.localeCompare(b.id) : a.startsAt.localeCompare(b.startsAt)));
}

/** Specialty code → how many free upcoming tickets it has. */
export function freeCountBySpecialty(free: readonly Ticket[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of free) counts.set(t.specialtyCode, (counts.get(t.specialtyCode) ?? 0) + 1);
  return counts;
}

/**
 * One specialty's free tickets grouped by clinic-local day, within the window from `now`: only days that have a
 * free time, so the patient never picks an empty day.
 */
export function freeDays(free: readonly Ticket[], specialtyCode: string, now: Date): TicketDay[] {
  const until = new Date(now.getTime() + BOOKING_WINDOW_DAYS * 24 * 3600_000).toISOString();
  const days = new Map<string, Ticket[]>();
  for (const t of free) {
    if (t.specialtyCode !== specialtyCode || t.startsAt >= until) continue;
    const day = days.get(t.localDate);
    if (day) day.push(t);
    else days.set(t.localDate, [t]);
  }
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([localDate, tickets]) => ({ localDate, tickets }));
}

/**
 * The next free times of the same clinic and specialty after a booking failed: never the ticket that was just
 * lost (the device may not have pulled its new state yet).
 */
export function nextFreeTimes(
  free: readonly Ticket[],
  lost: Pick<Ticket, 'id' | 'clinicId' | 'specialtyCode'>,
  limit = 5,
): Ticket[] {
  return free
    .filter((t) => t.id !== lost.id && t.clinicId === lost.clinicId && t.specialtyCode === lost.specialtyCode)
    .slice(0, limit);
}
