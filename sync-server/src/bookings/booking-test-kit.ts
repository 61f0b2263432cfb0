// Test-side helpers for booking specs: hand-seeded tickets in the real store (the shape the scheduler writes),
// booking documents as the app writes them, and pushes through the real `_bulk_docs` route with a session.
import { randomBytes } from 'node:crypto';
import { ticketId, type Booking } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { call, type TestSession } from '../authz/session-client';
import { TICKETS_DB, BOOKINGS_DB, type BookingDoc, type TicketDoc } from './booking.store';
import { bookingOf } from '../cluster/booking-load';

/** A movable clock for `config.now`: tests step time instead of sleeping. */
export function testClock(startIso: string): { now: () => number; set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(startIso);
  return {
    now: () => t,
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export type SeedTicket = { clinicId?: string; specialtyCode?: string; startsAt: string; status?: TicketDoc['status'] };

/** Writes a free ticket (version 1) like the scheduler does; its id is the deterministic one. */
export async function seedTicket(server: SyncServer, seed: SeedTicket): Promise<TicketDoc> {
  const clinicId = seed.clinicId ?? 'clinic-a';
  const specialtyCode = seed.specialtyCode ?? '31.08.49';
  const start = new Date(seed.startsAt);
  // Moscow (UTC+3, no DST) is the fixture clinics' zone.
  const local = new Date(start.getTime() + 3 * 3_600_000).toISOString();
  const localDate = local.slice(0, 10);
  const localTime = local.slice(11, 16);
  const doc = {
    _id: ticketId(clinicId, specialtyCode, localDate, localTime),
    clinicId,
    townId: 'kaluga',
    specialtyCode,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
    localDate,
    localTime,
    status: seed.status ?? 'free',
    version: 1,
    updatedAt: new Date(start.getTime() - 86_400_000 * 30).toISOString(),
  };
  const db = await server.store.database(TICKETS_DB);
  const written = await db.put(doc);
  if (!written.ok) throw new Error(`ticket not seeded: ${written.reason}`);
  return { ...doc, _rev: written.rev };
}

export async function storedTicket(server: SyncServer, id: string): Promise<TicketDoc> {
  const doc = await (await server.store.database(TICKETS_DB)).get(id);
  if (!doc) throw new Error(`no ticket ${id}`);
  return doc as TicketDoc;
}

export async function storedBooking(server: SyncServer, id: string): Promise<BookingDoc | null> {
  return (await (await server.store.database(BOOKINGS_DB)).get(id)) as BookingDoc | null;
}

export function bookingKey(): string {
  return randomBytes(8).toString('hex');
}

/**
 * A booking as the app writes it on the device (see `bookingOf`), created a day before the appointment so the
 * injected clocks of these tests can sit anywhere before it.
 */
export function newBooking(
  userId: string,
  ticket: TicketDoc,
  overrides: Partial<Booking> = {},
): Omit<Booking, 'id'> & {
  _id: string;
} {
  const at = new Date(Date.parse(ticket.startsAt) - 86_400_000).toISOString();
  return { ...bookingOf(userId, ticket), createdAt: at, updatedAt: at, ...overrides };
}

export type PushRow = { ok?: true; id: string; rev?: string; error?: string; reason?: string; doc?: BookingDoc };

/** One `_bulk_docs` push as the user's device; the rows of the answer. */
export async function push(server: SyncServer, session: TestSession | null, docs: unknown[]): Promise<PushRow[]> {
  const res = await call(server, session, 'POST', '/db/bookings/_bulk_docs', { docs });
  if (res.status !== 201) throw Object.assign(new Error(`push answered ${res.status}`), { response: res });
  return res.body as PushRow[];
}

export async function pushOne(server: SyncServer, session: TestSession, doc: unknown): Promise<PushRow> {
  const [row] = await push(server, session, [doc]);
  if (!row) throw new Error('no row');
  return row;
}
