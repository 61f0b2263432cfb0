// Resolves conflicting revisions of tickets and bookings. One store never makes them (every claim is a
// revision-checked write there), but a CouchDB cluster does: two nodes each accept a claim of the same ticket
// on the same revision, and replication then keeps both as conflicting leaves — both bookings confirmed, one
// ticket. The sweeper finds such documents, keeps one deterministic winner (`cluster/conflict-rules.ts`: the same
// answer on every node), deletes the losing leaves, and marks a booking that lost its ticket `rejected` with
// reason `taken`, which replicates to its user's devices. Per-user limit ledgers are merged too (union of
// entries: a stale entry is harmless, a lost one is not). ADR 012.
import { PeriodicJob } from '../cluster/periodic-job';
import type { BookingStatus, ConflictSweepReport, ConflictSweepStats } from '@poisklinik/shared';
import type { NewDoc, Seq, Store, StoreDatabase, StoredDoc } from '../store/store.types';
import {
  chooseBookingLeaf,
  mergeTicket,
  ticketHolder,
  type BookingLeaf,
  type Claimant,
  type TicketLeaf,
} from '../cluster/conflict-rules';

const TICKETS_DB = 'tickets';
const BOOKINGS_DB = 'bookings';
const LEDGERS_DB = 'booking-ledgers';

const FEED_PAGE = 500;

/** Default period between sweeps (`CONFLICT_SWEEP_MS`): a lost race is told to its user within seconds. */
export const DEFAULT_CONFLICT_SWEEP_MS = 5_000;

export type ConflictSweeperOptions = {
  store: Store;
  now: () => number;
  /** Period of the background sweep; 0 = only on demand. */
  intervalMs: number;
  /** The background-jobs lease (ADR 018): periodic sweeps run only on its holder. Absent = always. */
  holdsLease?: () => boolean;
  log: {
    info(fields: Record<string, unknown>, message: string): void;
    warn(fields: Record<string, unknown>, message: string): void;
  };
};

type Leaves = { winner: StoredDoc; all: StoredDoc[] };

/** Every live leaf of a document, the current winner first; null when it is gone. */
async function leavesOf(db: StoreDatabase, id: string): Promise<Leaves | null> {
  const winner = await db.get(id, { conflicts: true });
  if (!winner) return null;
  const others = await Promise.all((winner._conflicts ?? []).map((rev) => db.get(id, { rev })));
  const { _conflicts: _c, ...body } = winner;
  return { winner: body, all: [body, ...others.filter((doc): doc is StoredDoc => doc !== null && !doc._deleted)] };
}

/**
 * Writes `content` over the winner and deletes every other leaf: afterwards the document has one live leaf. False
 * when a write raced us (the document stays conflicted for the next sweep).
 */
async function collapse(db: StoreDatabase, leaves: Leaves, content: Record<string, unknown>): Promise<boolean> {
  const { _id, _rev, _conflicts: _c, _revisions: _r, ...fields } = content;
  const id = leaves.winner._id;
  const written = await db.put({ ...fields, _id: id, _rev: leaves.winner._rev });
  if (!written.ok) return false;
  let clean = true;
  for (const leaf of leaves.all.slice(1)) {
    const gone = await db.put({ _id: id, _rev: leaf._rev, _deleted: true });
    clean &&= gone.ok;
  }
  return clean;
}

function asTicketLeaf(doc: StoredDoc): TicketLeaf {
  const bookingId = typeof doc['bookingId'] === 'string' ? doc['bookingId'] : undefined;
  return {
    rev: doc._rev,
    status: String(doc['status']),
    version: typeof doc['version'] === 'number' ? doc['version'] : 0,
    bookingId,
  };
}

function asBookingLeaf(doc: StoredDoc): BookingLeaf & { doc: StoredDoc } {
  return {
    rev: doc._rev,
    status: doc['status'] as BookingStatus,
    ticketId: String(doc['ticketId']),
    createdAt: String(doc['createdAt']),
    doc,
  };
}

export class ConflictSweeper {
  readonly #options: ConflictSweeperOptions;
  readonly #job: PeriodicJob<ConflictSweepReport>;
  /** Per database: the feed checkpoint of the last sweep, and the ids it left conflicted. */
  readonly #since = new Map<string, Seq>();
  readonly #left = new Map<string, string[]>();
  readonly #stats: ConflictSweepStats = {
    runs: 0,
    failures: 0,
    ticketsResolved: 0,
    bookingsResolved: 0,
    bookingsRejected: 0,
    ledgersResolved: 0,
    last: undefined,
  };

  constructor(options: ConflictSweeperOptions) {
    this.#options = options;
    this.#job = new PeriodicJob({
      run: () => this.#sweep(),
      intervalMs: options.intervalMs,
      ...(options.holdsLease ? { holdsLease: options.holdsLease } : {}),
      onSettled: (outcome) => {
        if (!outcome.ok) {
          this.#stats.failures += 1;
          this.#options.log.warn({ err: outcome.error }, 'conflict sweep failed; it runs again later');
          return;
        }
        const report = outcome.value;
        if (report.ticketsResolved + report.bookingsResolved + report.bookingsRejected > 0) {
          this.#options.log.info({ sweep: report }, 'conflict sweep resolved cluster conflicts');
        }
      },
    });
  }

  /** Counts since start, and the last sweep's report. */
  stats(): ConflictSweepStats {
    return { ...this.#stats };
  }

  /** One sweep now; a call while one runs shares it. */
  sweep(): Promise<ConflictSweepReport> {
    return this.#job.runNow();
  }

  /** Starts the periodic sweep (nothing when the interval is 0); each run is scheduled after the last ends. */
  start(): void {
    this.#job.start();
  }

  /** Stops the periodic sweep and waits for one in flight, so the store is not closed under it. */
  close(): Promise<void> {
    return this.#job.close();
  }

  async #sweep(): Promise<ConflictSweepReport> {
    const started = this.#options.now();
    const { store } = this.#options;
    const [tickets, bookings, ledgers] = await Promise.all([
      store.database(TICKETS_DB),
      store.database(BOOKINGS_DB),
      store.database(LEDGERS_DB),
    ]);
    const report: ConflictSweepReport = {
      startedAt: new Date(started).toISOString(),
      tookMs: 0,
      ticketsResolved: 0,
      bookingsResolved: 0,
      bookingsRejected: 0,
      ledgersResolved: 0,
      unresolved: 0,
    };
    // Tickets first: who holds a ticket decides which leaf of each claiming booking wins.
    const touched = new Set(await this.#conflicted(bookings));
    for (const id of await this.#conflicted(tickets)) {
      const claimants = await this.#resolveTicket(tickets, bookings, id);
      if (claimants === null) continue;
      report.ticketsResolved += 1;
      for (const bookingId of claimants) touched.add(bookingId);
    }
    for (const id of [...touched].sort()) {
      const outcome = await this.#resolveBooking(tickets, bookings, id);
      if (outcome.resolved) report.bookingsResolved += 1;
      if (outcome.rejected) report.bookingsRejected += 1;
    }
    for (const id of await this.#conflicted(ledgers)) {
      if (await this.#resolveLedger(ledgers, id)) report.ledgersResolved += 1;
    }
    report.unresolved = await this.#stillConflicted([tickets, bookings, ledgers]);
    report.tookMs = this.#options.now() - started;
    this.#record(report);
    return report;
  }

  /**
   * Conflicted documents among those changed since the last sweep (from the start on the first one), plus those a
   * sweep left conflicted: a document only becomes conflicted by a change, so reading the feed from a checkpoint
   * costs what changed, where a whole-database scan every few seconds would cost the database. A feed row listing
   * several leaves (`style=all_docs`; deleted leaves of a resolved conflict included) is checked by a read.
   */
  async #conflicted(db: StoreDatabase): Promise<string[]> {
    const candidates = new Set(this.#left.get(db.name) ?? []);
    let since = this.#since.get(db.name) ?? 0;
    for (;;) {
      const page = await db.changes({ since, limit: FEED_PAGE, allLeaves: true });
      for (const row of page.results) if (row.changes.length > 1 && !row.deleted) candidates.add(row.id);
      since = page.lastSeq;
      if (page.results.length < FEED_PAGE) break;
    }
    this.#since.set(db.name, since);
    const conflicted = await this.#filterConflicted(db, [...candidates]);
    this.#left.set(db.name, conflicted);
    return conflicted;
  }

  async #filterConflicted(db: StoreDatabase, ids: string[]): Promise<string[]> {
    const docs = await Promise.all(ids.map((id) => db.get(id, { conflicts: true })));
    return ids.filter((_, i) => (docs[i]?._conflicts?.length ?? 0) > 0).sort();
  }

  /** What this sweep's candidates still have in conflict: the next sweep starts from these. */
  async #stillConflicted(dbs: StoreDatabase[]): Promise<number> {
    let count = 0;
    for (const db of dbs) {
      const left = await this.#filterConflicted(db, this.#left.get(db.name) ?? []);
      this.#left.set(db.name, left);
      count += left.length;
    }
    return count;
  }

  #record(report: ConflictSweepReport): void {
    const stats = this.#stats;
    stats.runs += 1;
    stats.ticketsResolved += report.ticketsResolved;
    stats.bookingsResolved += report.bookingsResolved;
    stats.bookingsRejected += report.bookingsRejected;
    stats.ledgersResolved += report.ledgersResolved;
    stats.last = report;
  }

  #nowIso(): string {
    return new Date(this.#options.now()).toISOString();
  }

  /** Collapses a conflicted ticket onto its deterministic holder; the bookings that claimed it, or null if raced. */
  async #resolveTicket(tickets: StoreDatabase, bookings: StoreDatabase, id: string): Promise<string[] | null> {
    const leaves = await leavesOf(tickets, id);
    if (!leaves || leaves.all.length < 2) return null;
    const ticketLeaves = leaves.all.map(asTicketLeaf);
    const claimIds = [...new Set(ticketLeaves.flatMap((leaf) => (leaf.bookingId ? [leaf.bookingId] : [])))];
    const claimants: Claimant[] = [];
    for (const bookingId of claimIds) {
      const bookingLeaves = await leavesOf(bookings, bookingId);
      claimants.push({ bookingId, leaves: (bookingLeaves?.all ?? []).map(asBookingLeaf) });
    }
    const choice = mergeTicket(ticketLeaves, ticketHolder(id, claimants));
    const base = leaves.all.find((doc) => doc._rev === choice.base.rev) ?? leaves.winner;
    const { bookingId: _holder, ...fields } = base;
    const merged: NewDoc = {
      ...fields,
      _id: id,
      status: choice.status,
      version: choice.version,
      updatedAt: this.#nowIso(),
      ...(choice.bookingId === undefined ? {} : { bookingId: choice.bookingId }),
    };
    return (await collapse(tickets, leaves, merged)) ? claimIds : null;
  }

  /**
   * Collapses a booking's leaves (when conflicted) by the ticket's verdict, then rejects it as `taken` when it is
   * still active for a ticket another booking holds.
   */
  async #resolveBooking(
    tickets: StoreDatabase,
    bookings: StoreDatabase,
    id: string,
  ): Promise<{ resolved: boolean; rejected: boolean }> {
    const leaves = await leavesOf(bookings, id);
    if (!leaves) return { resolved: false, rejected: false };
    const bookingLeaves = leaves.all.map(asBookingLeaf);
    const ticketId = bookingLeaves[0]?.ticketId ?? '';
    const ticket = await tickets.get(ticketId, { conflicts: true });
    const ticketSettled = ticket !== null && (ticket._conflicts?.length ?? 0) === 0;
    const held = ticket?.['status'] === 'booked' && ticket['bookingId'] === id;
    const chosen = chooseBookingLeaf(bookingLeaves, held);
    // Only a settled ticket held by another booking takes this one's place away: a still-conflicted ticket (its
    // collapse raced a write) is decided on the next sweep.
    const lost =
      ticketSettled &&
      !held &&
      ticket['status'] === 'booked' &&
      (chosen.status === 'confirmed' || chosen.status === 'pending');
    const conflicted = leaves.all.length > 1;
    if (!conflicted && !lost) return { resolved: false, rejected: false };
    const content: Record<string, unknown> = lost
      ? { ...chosen.doc, status: 'rejected', reason: 'taken', updatedAt: this.#nowIso() }
      : chosen.doc;
    const ok = await collapse(bookings, leaves, content);
    return { resolved: ok && conflicted, rejected: ok && lost };
  }

  /** Merges a conflicted limit ledger: every entry of every leaf, once per booking. */
  async #resolveLedger(ledgers: StoreDatabase, id: string): Promise<boolean> {
    const leaves = await leavesOf(ledgers, id);
    if (!leaves || leaves.all.length < 2) return false;
    const entries = new Map<string, unknown>();
    for (const leaf of [...leaves.all].sort((a, b) => (a._rev < b._rev ? -1 : 1))) {
      const list = Array.isArray(leaf['entries']) ? (leaf['entries'] as unknown[]) : [];
      for (const entry of list) {
        const bookingId = (entry as { bookingId?: unknown }).bookingId;
        if (typeof bookingId === 'string' && !entries.has(bookingId)) entries.set(bookingId, entry);
      }
    }
    return collapse(ledgers, leaves, { ...leaves.winner, entries: [...entries.values()] });
  }
}
