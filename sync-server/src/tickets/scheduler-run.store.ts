import { randomBytes } from 'node:crypto';
import type { StoreDatabase } from '../store/store.types';

export const SCHEDULER_RUNS_DB = 'scheduler-runs';

/** `clinic`: one clinic's run, made at once when a manager saves or deletes it. */
export const schedulerTriggers = ['start', 'cron', 'admin', 'clinic'] as const;
export type SchedulerTrigger = (typeof schedulerTriggers)[number];

/** What one scheduler run did; kept in `scheduler-runs` for operators (and the admin endpoint). */
export type SchedulerRun = {
  id: string;
  trigger: SchedulerTrigger;
  /** The sync-server instance that made the run (several may share one store, ADR 018). */
  instance?: string;
  /** The one clinic a `clinic` run covered. */
  clinicId?: string;
  startedAt: string;
  finishedAt: string;
  /** Real elapsed time (not the injected clock, which tests may hold still). */
  tookMs: number;
  /** Clinics whose tickets were brought up to date. */
  clinics: number;
  /** Clinics left alone: unknown town or time zone, or a malformed schedule. */
  skipped: number;
  created: number;
  /** Future free tickets whose length changed with the schedule (same start, same id). */
  updated: number;
  /** Future free tickets no longer in the schedule. */
  removed: number;
  /** Past free tickets. */
  closed: number;
  /** Closed tickets older than the retention, deleted. */
  purged: number;
  /** Writes that lost to a concurrent change (a booking, another instance) and were left for the next run. */
  conflicts: number;
  error?: string;
};

const MAX_LIST = 100;

export class SchedulerRunStore {
  private sequence = 0;

  constructor(private readonly db: StoreDatabase) {}

  /**
   * Ids sort by start time (ISO), then by a per-process sequence (the injected test clock may stand still), so
   * `_all_docs` descending lists the latest first without an index.
   */
  newId(startedAt: string): string {
    this.sequence += 1;
    return `${startedAt}-${String(this.sequence).padStart(8, '0')}-${randomBytes(3).toString('hex')}`;
  }

  async record(run: SchedulerRun): Promise<void> {
    const { id, ...fields } = run;
    await this.db.put({ _id: id, ...fields });
  }

  async latest(limit: number): Promise<SchedulerRun[]> {
    const page = await this.db.allDocs({ includeDocs: true, descending: true, limit: Math.min(limit, MAX_LIST) });
    const runs: SchedulerRun[] = [];
    for (const row of page.rows) {
      if ('error' in row || !row.doc || row.id.startsWith('_design/')) continue;
      const { _id, _rev: _r, ...fields } = row.doc;
      runs.push({ ...(fields as Omit<SchedulerRun, 'id'>), id: _id });
    }
    return runs;
  }
}
