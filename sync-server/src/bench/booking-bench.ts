// `pnpm bench:booking [-- --write]`: 200 concurrent clients (real users with real sessions, real HTTP) race for
// 50 tickets, then book plentiful tickets (one each), against the real server on the embedded store; double
// bookings are counted from the store, not from the answers. The raw write rate of the same store is the
// yardstick. `--write` puts the figures into BENCHMARKS.md between the bench:booking markers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { datasetFixture, writeDataset } from '../test-support/fixtures';
import {
  bookingOf,
  loadRateLimits,
  pushBooking,
  seedTickets,
  signUpMany,
  type LoadTicket,
  type PushOutcome,
} from '../cluster/booking-load';
import type { TestSession } from '../authz/session-client';
import { writeBenchSection } from './bench-section';
import { fixed, load, machine, percentile } from './bench-stats';
import { rawWriteRates, type RawRates } from './raw-writes';

const CLIENTS = 200;
const CONTENDED_TICKETS = 50;
const RAW_DOCS = 4000;

type RunFigures = {
  name: string;
  tickets: number;
  attempts: number;
  seconds: number;
  p50: number;
  p99: number;
  confirmed: number;
  doubleBookings: number;
  lost: number;
};

/** Double bookings as the store holds them: a ticket with two confirmed bookings, or held by a non-confirmed one. */
async function storeVerdict(server: SyncServer, tickets: LoadTicket[]): Promise<{ confirmed: number; double: number }> {
  const ids = new Set(tickets.map((t) => t._id));
  const docs = async (name: string): Promise<StoredDoc[]> =>
    (await (await server.store.database(name)).allDocs({ includeDocs: true })).rows.flatMap((row) =>
      'doc' in row && row.doc ? [row.doc] : [],
    );
  const bookings = (await docs('bookings')).filter((b) => ids.has(String(b['ticketId'])));
  const confirmed = bookings.filter((b) => b['status'] === 'confirmed');
  const perTicket = new Map<string, number>();
  for (const b of confirmed) perTicket.set(String(b['ticketId']), (perTicket.get(String(b['ticketId'])) ?? 0) + 1);
  let double = [...perTicket.values()].filter((n) => n > 1).length;
  const byId = new Map(bookings.map((b) => [b._id, b]));
  for (const ticket of (await docs('tickets')).filter((t) => ids.has(t._id) && t['status'] === 'booked')) {
    const holder = byId.get(String(ticket['bookingId']));
    if (holder?.['status'] !== 'confirmed' || holder['ticketId'] !== ticket._id) double += 1;
  }
  double += (await (await server.store.database('tickets')).listConflicted()).length;
  return { confirmed: confirmed.length, double };
}

async function race(
  server: SyncServer,
  name: string,
  users: TestSession[],
  tickets: LoadTicket[],
): Promise<RunFigures> {
  const started = performance.now();
  const outcomes: PushOutcome[] = await Promise.all(
    users.map((user, i) => pushBooking(server.url, user, bookingOf(user.userId, tickets[i % tickets.length]!))),
  );
  const seconds = (performance.now() - started) / 1000;
  const ms = outcomes.map((o) => o.ms);
  const verdict = await storeVerdict(server, tickets);
  return {
    name,
    tickets: tickets.length,
    attempts: outcomes.length,
    seconds,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    confirmed: verdict.confirmed,
    doubleBookings: verdict.double,
    lost: outcomes.filter((o) => o.kind === 'lost').length,
  };
}

function markdown(runs: RunFigures[], raw: RawRates, loadAtStart: string): string {
  const rows = runs.map(
    (r) =>
      `| ${r.name} | ${r.attempts} → ${r.tickets} | ${fixed(r.attempts / r.seconds, 0)} | ${fixed(r.p50)} ms | ` +
      `${fixed(r.p99)} ms | ${r.confirmed} | **${r.doubleBookings}** |`,
  );
  return [
    '## Booking: concurrent clients racing for tickets (`pnpm bench:booking`)',
    '',
    `${new Date().toISOString().slice(0, 10)} · ${machine()} · the real server in-process on the embedded store`,
    `(PouchDB on LevelDB, temp dir), ${CLIENTS} signed-in users pushing one booking each at once through`,
    '`POST /db/bookings/_bulk_docs` over loopback HTTP. Double bookings are counted from the store (two confirmed',
    'bookings of one ticket, a ticket held by a booking that is not confirmed, or conflicting ticket revisions).',
    `Load average (1 min) when the run started: ${loadAtStart}, at its end: ${load()} — other work shared the machine.`,
    '',
    '| run | attempts → tickets | attempts/s | p50 | p99 | confirmed | double bookings |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Yardstick, the same store with nothing checked: ${fixed(raw.putsPerSecond, 0)} single-document \`put\`s/s ` +
      `(${CLIENTS} concurrent writers) and ${fixed(raw.bulkDocsPerSecond, 0)} docs/s by \`bulkDocs\` of 500, ` +
      `${RAW_DOCS} booking-sized documents each.`,
    '',
    'Why a booking is far slower than a raw `put`: each one is about eight store calls in sequence, none of which',
    'may be batched with another user’s — the session and account reads, the booking read, the `pending` intent,',
    'the ticket read, the ledger read and revision-checked write, the ticket claim and the confirmation — plus',
    'HTTP, schema validation, and the confirmation mail (an `.eml` with an `.ics`, composed in the same process',
    'after the commit) sharing the same two cores. Latency is queueing: all clients arrive at once, so p50 is about',
    'half the time to serve all of them.',
  ].join('\n');
}

async function main(): Promise<void> {
  const loadAtStart = load();
  const root = await mkdtemp(join(tmpdir(), 'poisklinik-bench-'));
  await writeDataset(join(root, 'demo-data'), datasetFixture());
  const server = await createServer({
    port: 0,
    dataDir: join(root, 'data'),
    demoDataDir: join(root, 'demo-data'),
    webRoot: join(root, 'no-web-build'),
    logLevel: 'silent',
    scheduler: false,
    conflictSweepMs: 0,
    rateLimits: loadRateLimits(),
  });
  try {
    console.log(`signing up ${CLIENTS} users…`);
    const users = await signUpMany(server, CLIENTS, 'bench');
    const day = Date.now() + 2 * 86_400_000;
    const contended = await seedTickets(server.store, CONTENDED_TICKETS, new Date(day));
    const plentiful = await seedTickets(server.store, CLIENTS, new Date(day + 2 * 86_400_000));
    const runs = [
      await race(server, `${CLIENTS} clients, ${CONTENDED_TICKETS} tickets (4 per ticket)`, users, contended),
      await race(server, `${CLIENTS} clients, one ticket each`, users, plentiful),
    ];
    const raw = await rawWriteRates(server.store, CLIENTS, RAW_DOCS);
    const section = markdown(runs, raw, loadAtStart);
    console.log(`\n${section}\n`);
    if (runs.some((r) => r.lost > 0))
      console.warn(
        'some pushes got no answer:',
        runs.map((r) => r.lost),
      );
    if (process.argv.includes('--write')) {
      await writeBenchSection('bench:booking', section);
      console.log('written to BENCHMARKS.md');
    }
    if (runs.some((r) => r.doubleBookings > 0)) process.exitCode = 1;
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
