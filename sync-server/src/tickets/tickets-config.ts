import { Cron } from 'croner';

export const DEFAULT_TICKET_WINDOW_DAYS = 14;
/** Hourly: past tickets close within the hour, and a schedule edit reaches devices the same hour. */
export const DEFAULT_TICKETS_CRON = '0 * * * *';

/**
 * A croner pattern of 5 or 6 fields (seconds optional) that fires at least once more. Checked at config load, so
 * a typo fails the start naming the variable instead of silently never running the scheduler.
 */
export function parseTicketsCron(raw: string, errors: string[]): string | undefined {
  const fields = raw.trim().split(/\s+/).length;
  let next: Date | null = null;
  if (fields === 5 || fields === 6) {
    try {
      const probe = new Cron(raw, { paused: true, mode: '5-or-6-parts' });
      next = probe.nextRun();
      probe.stop();
    } catch {
      // reported below
    }
  }
  if (next) return raw;
  errors.push(`TICKETS_CRON must be a cron pattern like "0 * * * *" that fires again, got "${raw.slice(0, 100)}"`);
  return undefined;
}
