// Answers of admin endpoints whose types live on the server only (scheduler runs and conflict sweeps predate the
// shared admin contract): the fields the dashboard reads, as the server sends them.
export type SchedulerRunView = {
  id: string;
  trigger: 'start' | 'cron' | 'admin' | 'clinic';
  clinicId?: string;
  startedAt: string;
  finishedAt: string;
  tookMs: number;
  clinics: number;
  skipped: number;
  created: number;
  updated: number;
  removed: number;
  closed: number;
  purged: number;
  conflicts: number;
  error?: string;
};

export type ConflictSweepReport = {
  startedAt: string;
  tookMs: number;
  ticketsResolved: number;
  bookingsResolved: number;
  bookingsRejected: number;
  ledgersResolved: number;
  unresolved: number;
};

export type ConflictSweepStats = {
  runs: number;
  failures: number;
  ticketsResolved: number;
  bookingsResolved: number;
  bookingsRejected: number;
  ledgersResolved: number;
  last?: ConflictSweepReport;
};
