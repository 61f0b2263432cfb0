import { randomBytes } from 'node:crypto';
import type { SchedulerRun } from '@poisklinik/shared';
import type { StoreDatabase } from '../store/store.types';

export const SCHEDULER_RUNS_DB = 'scheduler-runs';

// The run and its trigger are the admin endpoint's answer, so they live in shared (the dashboard reads them);
// re-exported for the scheduler, which names them from here.
export type { SchedulerRun, SchedulerTrigger } from '@poisklinik/shared';

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
