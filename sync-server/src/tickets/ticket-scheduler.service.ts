import { performance } from 'node:perf_hooks';
import { Cron } from 'croner';
import { ticketSlots, type ClinicSpecialty, type TicketSlot } from '@poisklinik/shared';
import type { Store, StoredDoc } from '../store/store.types';
import { documentPages, townTimeZones } from './catalogue-pages';
import { SCHEDULER_RUNS_DB, SchedulerRunStore, type SchedulerRun, type SchedulerTrigger } from './scheduler-run.store';
import { TICKETS_DB } from './ticket-doc';
import { planClinic, planTicket, type PlanClock, type TicketChange } from './ticket-plan';
import { TicketStore } from './ticket.store';

export type SchedulerLog = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type TicketSchedulerOptions = {
  store: Store;
  now: () => number;
  windowDays: number;
  /** Closed tickets are kept this long after their start (devices see them go), then deleted. */
  closedRetentionDays?: number;
  log: SchedulerLog;
  /** Recorded on every run: which of several instances made it. */
  instanceId?: string;
  /**
   * The background-jobs lease (ADR 018): without it this instance refuses full runs and stops one in progress, so
   * two instances never generate at once. Absent = always (one store, one instance).
   */
  holdsLease?: () => boolean;
};

export class SchedulerBusyError extends Error {
  override readonly name = 'SchedulerBusyError';
}

/** Answered 409 like a busy scheduler: the run belongs to the lease holder. */
export class NotLeaseHolderError extends SchedulerBusyError {}

const CLINIC_PAGE = 200;
const WRITE_BATCH = 500;
/** Clinics whose tickets are read at once: overlaps store round trips without holding many clinics in memory. */
const PARALLEL_CLINICS = 8;
const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 3;

type Counters = Pick<
  SchedulerRun,
  'clinics' | 'skipped' | 'created' | 'updated' | 'removed' | 'closed' | 'purged' | 'conflicts'
>;
type PendingChange = TicketChange & { slot: TicketSlot | undefined };

function clinicSpecialties(doc: StoredDoc): ClinicSpecialty[] | null {
  const { specialties } = doc;
  if (!Array.isArray(specialties)) return null;
  const valid = specialties.every(
    (s: Partial<ClinicSpecialty> | null) =>
      typeof s?.code === 'string' &&
      Array.isArray(s.schedule) &&
      (s.slotMinutes === undefined || (Number.isInteger(s.slotMinutes) && s.slotMinutes >= 5)),
  );
  return valid ? (specialties as ClinicSpecialty[]) : null;
}

/**
 * Keeps every clinic's tickets in step with its specialty schedules over a rolling window (see ADR 010). One run
 * at a time per instance: a run asked for while one is going is refused (`SchedulerBusyError`), croner's
 * `protect` keeps its own ticks from piling up.
 */
export class TicketScheduler {
  private current: Promise<SchedulerRun> | undefined;
  /** One clinic's runs, one after another (two quick saves of one clinic must not plan against each other). */
  private clinicRuns: Promise<unknown> = Promise.resolve();
  private job: Cron | undefined;
  private stopping = false;
  /** The run made at start (undefined when start runs are off); tests await it. Never rejects. */
  startRun: Promise<SchedulerRun | undefined> = Promise.resolve(undefined);

  private constructor(
    private readonly options: TicketSchedulerOptions,
    private readonly tickets: TicketStore,
    private readonly runs: SchedulerRunStore,
  ) {}

  static async open(options: TicketSchedulerOptions): Promise<TicketScheduler> {
    const [tickets, runs] = await Promise.all([
      options.store.database(TICKETS_DB),
      options.store.database(SCHEDULER_RUNS_DB),
    ]);
    return new TicketScheduler(options, new TicketStore(tickets), new SchedulerRunStore(runs));
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Runs once now and records it; the record carries `error` when the run failed part-way. */
  runNow(trigger: SchedulerTrigger = 'admin'): Promise<SchedulerRun> {
    if (this.current) return Promise.reject(new SchedulerBusyError('A scheduler run is already in progress.'));
    if (this.stopping) return Promise.reject(new SchedulerBusyError('The scheduler is stopping.'));
    if (this.options.holdsLease?.() === false) {
      return Promise.reject(
        new NotLeaseHolderError('Another server instance runs the scheduler now; try again there.'),
      );
    }
    const run = this.execute(trigger, undefined, (nowMs, counters) => this.syncAllClinics(nowMs, counters)).finally(
      () => {
        this.current = undefined;
      },
    );
    this.current = run;
    return run;
  }

  /**
   * Brings one clinic's tickets in step with its stored schedule now (a manager saved or deleted it), recorded as a
   * `clinic` run. It may overlap a full run: every ticket write carries its `_rev`, so whichever writes second is
   * decided again on the fresh ticket, and a booked ticket is never touched. A missing clinic has no schedule, so
   * its future free tickets go.
   */
  runClinic(clinicId: string): Promise<SchedulerRun> {
    if (this.stopping) return Promise.reject(new SchedulerBusyError('The scheduler is stopping.'));
    const run = this.clinicRuns.then(() =>
      this.execute('clinic', clinicId, (nowMs, counters) => this.syncOneClinic(clinicId, nowMs, counters)),
    );
    this.clinicRuns = run.catch(() => undefined);
    return run;
  }

  /** Starts the start run (without waiting for it) and the cron; `cron` undefined = no cron. */
  start(cron: string | undefined): void {
    // Taking the lease again after losing it starts afresh: never two crons.
    this.pause();
    this.startRun = this.runNow('start').catch((err: unknown) => {
      this.options.log.error({ err }, 'ticket scheduler start run failed');
      return undefined;
    });
    if (cron === undefined) return;
    this.job = new Cron(cron, { protect: true, name: undefined }, async () => {
      try {
        await this.runNow('cron');
      } catch (err) {
        // Busy (an admin run is going) is not a failure: the next tick catches up.
        this.options.log.info({ err }, 'ticket scheduler cron tick skipped');
      }
    });
  }

  latestRuns(limit: number): Promise<SchedulerRun[]> {
    return this.runs.latest(limit);
  }

  /** Stops the cron (this instance lost the lease); a run in progress ends between clinics by itself. */
  pause(): void {
    this.job?.stop();
    this.job = undefined;
  }

  /** Stops the cron and waits for a run in progress (it ends early, between clinics). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.job?.stop();
    await Promise.all([this.current?.catch(() => undefined), this.clinicRuns]);
  }

  private async execute(
    trigger: SchedulerTrigger,
    clinicId: string | undefined,
    work: (nowMs: number, counters: Counters) => Promise<void>,
  ): Promise<SchedulerRun> {
    const nowMs = this.options.now();
    const startedAt = new Date(nowMs).toISOString();
    const began = performance.now();
    const counters: Counters = {
      clinics: 0,
      skipped: 0,
      created: 0,
      updated: 0,
      removed: 0,
      closed: 0,
      purged: 0,
      conflicts: 0,
    };
    let error: string | undefined;
    try {
      await work(nowMs, counters);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      this.options.log.error({ err }, 'ticket scheduler run failed');
    }
    const run: SchedulerRun = {
      id: this.runs.newId(startedAt),
      trigger,
      ...(clinicId === undefined ? {} : { clinicId }),
      ...(this.options.instanceId === undefined ? {} : { instance: this.options.instanceId }),
      startedAt,
      finishedAt: new Date(this.options.now()).toISOString(),
      tookMs: Math.round(performance.now() - began),
      ...counters,
      ...(error === undefined ? {} : { error }),
    };
    await this.runs.record(run);
    this.options.log.info({ run }, 'ticket scheduler run');
    return run;
  }

  private clockAt(nowMs: number): PlanClock {
    const retentionMs = (this.options.closedRetentionDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
    return { nowMs, purgeBeforeMs: nowMs - retentionMs };
  }

  private async syncOneClinic(clinicId: string, nowMs: number, counters: Counters): Promise<void> {
    const { store, windowDays } = this.options;
    const clock = this.clockAt(nowMs);
    const clinic = await (await store.database('clinics')).get(clinicId);
    let changes: PendingChange[] | null;
    if (clinic) {
      const town = typeof clinic.townId === 'string' ? await (await store.database('towns')).get(clinic.townId) : null;
      const zones = new Map(town && typeof town.timezone === 'string' ? [[town._id, town.timezone]] : []);
      changes = await this.planFor(clinic, zones, clock, windowDays);
    } else {
      const stored = await this.tickets.clinicTickets(clinicId);
      changes = planClinic(stored, [], clock).map((change) => ({ ...change, slot: undefined }));
    }
    if (changes === null) {
      counters.skipped += 1;
      return;
    }
    counters.clinics += 1;
    for (let i = 0; i < changes.length; i += WRITE_BATCH) {
      await this.flush(changes.slice(i, i + WRITE_BATCH), clock, counters);
    }
  }

  private async syncAllClinics(nowMs: number, counters: Counters): Promise<void> {
    const { store, windowDays } = this.options;
    const clock = this.clockAt(nowMs);
    const zones = await townTimeZones(await store.database('towns'));
    const pending: PendingChange[] = [];
    for await (const clinics of documentPages(await store.database('clinics'), CLINIC_PAGE)) {
      for (let i = 0; i < clinics.length; i += PARALLEL_CLINICS) {
        if (this.stopping) throw new Error('Stopped: the server is shutting down.');
        if (this.options.holdsLease?.() === false) throw new Error('Stopped: this instance lost the scheduler lease.');
        const planned = await Promise.all(
          clinics.slice(i, i + PARALLEL_CLINICS).map((clinic) => this.planFor(clinic, zones, clock, windowDays)),
        );
        for (const changes of planned) {
          if (changes === null) counters.skipped += 1;
          else {
            counters.clinics += 1;
            pending.push(...changes);
          }
        }
        if (pending.length >= WRITE_BATCH) await this.flush(pending.splice(0), clock, counters);
      }
    }
    await this.flush(pending, clock, counters);
  }

  /** One clinic's changes, or null when it cannot be scheduled (see `slotsOf`). */
  private async planFor(
    clinic: StoredDoc,
    zones: Map<string, string>,
    clock: PlanClock,
    days: number,
  ): Promise<PendingChange[] | null> {
    const slots = this.slotsOf(clinic, zones, clock.nowMs, days);
    if (!slots) return null;
    const bySlot = new Map(slots.map((s) => [s.id, s]));
    const stored = await this.tickets.clinicTickets(clinic._id);
    return planClinic(stored, slots, clock).map((change) => ({ ...change, slot: bySlot.get(change.doc._id) }));
  }

  private slotsOf(clinic: StoredDoc, zones: Map<string, string>, nowMs: number, days: number): TicketSlot[] | null {
    const zone = typeof clinic.townId === 'string' ? zones.get(clinic.townId) : undefined;
    const specialties = clinicSpecialties(clinic);
    if (zone === undefined || specialties === null || typeof clinic.townId !== 'string') return null;
    try {
      return ticketSlots({ id: clinic._id, townId: clinic.townId, specialties }, zone, { from: new Date(nowMs), days });
    } catch {
      return null; // an unknown IANA zone in the town's data
    }
  }

  /**
   * Writes a batch; a write that conflicts (the ticket was booked, freed or written by another instance since it
   * was read) is decided again on the fresh document, once: a ticket that became booked is left alone.
   */
  private async flush(changes: PendingChange[], clock: PlanClock, counters: Counters): Promise<void> {
    if (changes.length === 0) return;
    const results = await this.tickets.write(changes.map((c) => c.doc));
    for (const [i, result] of results.entries()) {
      const change = changes[i];
      if (!change) continue;
      if (result.ok) {
        counters[change.kind] += 1;
        continue;
      }
      const again = planTicket(await this.tickets.get(change.doc._id), change.slot, clock);
      if (!again) continue;
      const retried = await this.tickets.put(again.doc);
      if (retried.ok) counters[again.kind] += 1;
      else counters.conflicts += 1;
    }
  }
}
