// Answers of the admin endpoints about the server's background jobs (`adminRoutes.schedulerRuns`,
// `adminRoutes.conflictSweeps`). The server records and sends these very types, so the dashboard cannot drift from
// what it is sent.

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

/** `GET adminRoutes.schedulerRuns`: the latest runs, newest first (`POST` answers one `SchedulerRun`). */
export type SchedulerRunsAnswer = { runs: SchedulerRun[] };

/** What one conflict sweep did: the admin dashboard shows these. */
export type ConflictSweepReport = {
  startedAt: string;
  tookMs: number;
  ticketsResolved: number;
  bookingsResolved: number;
  /** Bookings that lost their ticket to another and were marked `rejected` / `taken`. */
  bookingsRejected: number;
  ledgersResolved: number;
  /** Conflicted tickets, bookings and ledgers left after the sweep (a write raced it: the next sweep retries). */
  unresolved: number;
};

/** `GET adminRoutes.conflictSweeps`: counts since the server started, and the last sweep's report. */
export type ConflictSweepStats = {
  runs: number;
  failures: number;
  ticketsResolved: number;
  bookingsResolved: number;
  bookingsRejected: number;
  ledgersResolved: number;
  /** Absent until the first sweep. */
  last?: ConflictSweepReport;
};
