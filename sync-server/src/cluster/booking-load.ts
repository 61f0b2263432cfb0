// Load for booking races (the crash test and `pnpm bench:booking`): many real users with sessions, many free
// tickets written as the scheduler writes them, booking documents as the app writes them, and a push through the
// real `_bulk_docs` route timed per request.
import { randomBytes } from 'node:crypto';
import { ticketId, type Booking } from '@poisklinik/shared';
import { signUp, type TestSession } from '../authz/session-client';
import { GOOD_PASSWORD } from '../auth/auth-test-client';
import type { RateLimits } from '../auth/rate-limits';
import type { SyncServer } from '../server';
import type { Store } from '../store/store.types';

export type LoadTicket = {
  _id: string;
  clinicId: string;
  townId: string;
  specialtyCode: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  localTime: string;
  status: 'free';
  version: number;
  updatedAt: string;
};

const SLOT_MS = 30 * 60_000;
/** Moscow (UTC+3, no DST): the fixture clinics' zone. */
const MOSCOW_MS = 3 * 3_600_000;

/** `count` free tickets of clinic-a, back to back from `firstStart` (UTC), written in one batch. */
export async function seedTickets(store: Store, count: number, firstStart: Date): Promise<LoadTicket[]> {
  const tickets = Array.from({ length: count }, (_, i): LoadTicket => {
    const start = new Date(firstStart.getTime() + i * SLOT_MS);
    const local = new Date(start.getTime() + MOSCOW_MS).toISOString();
    const localDate = local.slice(0, 10);
    const localTime = local.slice(11, 16);
    return {
      _id: ticketId('clinic-a', '31.08.49', localDate, localTime),
      clinicId: 'clinic-a',
      townId: 'kaluga',
      specialtyCode: '31.08.49',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + SLOT_MS).toISOString(),
      localDate,
      localTime,
      status: 'free',
      version: 1,
      updatedAt: new Date().toISOString(),
    };
  });
  const results = await (await store.database('tickets')).bulkDocs(tickets);
  const failed = results.find((r) => !r.ok);
  if (failed) throw new Error(`ticket not seeded: ${JSON.stringify(failed)}`);
  return tickets;
}

/** `count` users signed up through the real route (argon2 once each), a few at a time. */
export async function signUpMany(server: SyncServer, count: number, prefix: string): Promise<TestSession[]> {
  const sessions: TestSession[] = [];
  const PARALLEL = 8;
  for (let start = 0; start < count; start += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - start) }, (_, i) =>
      signUp(server, `${prefix}${start + i}@example.ru`, GOOD_PASSWORD),
    );
    sessions.push(...(await Promise.all(batch)));
  }
  return sessions;
}

/** Loose limits for servers that sign many users up from one address. */
export function loadRateLimits(): RateLimits {
  const loose = { max: 1_000_000, windowMs: 60_000 };
  return {
    signInPerIp: loose,
    signInPerAccount: loose,
    signUpPerIp: loose,
    resetRequestPerIp: loose,
    resetRequestPerAccount: loose,
    resetConfirmPerIp: loose,
    passwordChangePerAccount: loose,
  };
}

export type LoadBooking = Omit<Booking, 'id'> & { _id: string };

/** A booking as the app writes it: pending, quoting the version the device saw. */
export function bookingOf(
  userId: string,
  ticket: Pick<LoadTicket, '_id' | 'version' | 'clinicId' | 'specialtyCode' | 'startsAt' | 'endsAt'>,
): LoadBooking {
  const at = new Date().toISOString();
  return {
    _id: `${userId}.${randomBytes(8).toString('hex')}`,
    ticketId: ticket._id,
    ticketVersion: ticket.version,
    clinicId: ticket.clinicId,
    specialtyCode: ticket.specialtyCode,
    startsAt: ticket.startsAt,
    endsAt: ticket.endsAt,
    patientName: 'Анна Петрова',
    patientPhone: '+79101234567',
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
}

/** How one push ended: the server's row, or `lost` when no answer came (connection dropped). */
export type PushOutcome =
  | { kind: 'ok'; id: string; ms: number }
  | { kind: 'refused'; id: string; ms: number; status: string | undefined; reason: string | undefined }
  | { kind: 'lost'; id: string; ms: number };

type Row = { ok?: boolean; id?: string; error?: string; doc?: { status?: string; reason?: string } };

/** One RxDB-style push of one booking to `baseUrl` (any node), timed. */
export async function pushBooking(baseUrl: string, session: TestSession, booking: LoadBooking): Promise<PushOutcome> {
  const started = performance.now();
  const ms = (): number => performance.now() - started;
  try {
    const res = await fetch(`${baseUrl}/db/bookings/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl, cookie: session.cookie },
      body: JSON.stringify({ docs: [booking] }),
    });
    const rows = (await res.json()) as Row[];
    const row = rows[0];
    if (res.status === 201 && row?.ok === true) return { kind: 'ok', id: booking._id, ms: ms() };
    return { kind: 'refused', id: booking._id, ms: ms(), status: row?.doc?.status, reason: row?.doc?.reason };
  } catch {
    return { kind: 'lost', id: booking._id, ms: ms() };
  }
}
