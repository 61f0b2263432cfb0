// Two sync servers on two stores that replicate both ways (as CouchDB cluster nodes do) each accept a claim of
// the same ticket; replication leaves both claims as conflicting revisions. The sweeper must leave exactly one
// booking holding the ticket on both nodes, tell the other user (their booking comes back rejected `taken`), and
// leave no conflict behind — whichever node runs it.
import { afterEach, describe, expect, it } from 'vitest';
import { signUp, call, type TestSession } from '../authz/session-client';
import { GOOD_PASSWORD } from '../auth/auth-test-client';
import { startTwoNodeCluster, type TwoNodeCluster } from '../cluster/two-node-cluster';
import type { SyncServer } from '../server';
import type { StoredDoc } from '../store/store.types';
import { newBooking, push, seedTicket, type PushRow } from './booking-test-kit';
import type { TicketDoc } from './booking.store';

let cluster: TwoNodeCluster | undefined;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = undefined;
});

const DAY = 86_400_000;

async function setUp(): Promise<{ c: TwoNodeCluster; anna: TestSession; boris: TestSession; ticket: TicketDoc }> {
  // No scheduler (the test seeds its ticket) and no background sweep: the test runs it when it wants to.
  const c = await startTwoNodeCluster({ overrides: { scheduler: false, conflictSweepMs: 0 } });
  cluster = c;
  const [anna, boris] = await Promise.all([
    signUp(c.a, 'anna@example.ru', GOOD_PASSWORD),
    signUp(c.b, 'boris@example.ru', GOOD_PASSWORD),
  ]);
  const ticket = await seedTicket(c.a, { startsAt: new Date(Date.now() + 2 * DAY).toISOString() });
  await c.untilReplicated();
  return { c, anna, boris, ticket };
}

async function onBoth<T>(c: TwoNodeCluster, read: (node: SyncServer) => Promise<T>): Promise<[T, T]> {
  return Promise.all([read(c.a), read(c.b)]);
}

async function state(node: SyncServer, ticketId: string, bookingIds: string[]) {
  const tickets = await node.store.database('tickets');
  const bookings = await node.store.database('bookings');
  const ticket = (await tickets.get(ticketId)) as StoredDoc;
  const rows = await Promise.all(bookingIds.map((id) => bookings.get(id)));
  return {
    holder: ticket['bookingId'],
    ticketStatus: ticket['status'],
    bookings: rows.map((doc) => [doc?.['status'], doc?.['reason']]),
    conflicted: [...(await tickets.listConflicted()), ...(await bookings.listConflicted())],
  };
}

/** What the user's device pulls of their own bookings. */
async function pulled(node: SyncServer, session: TestSession): Promise<Record<string, unknown>[]> {
  const res = await call(node, session, 'GET', '/db/bookings/_changes?since=0&include_docs=true');
  expect(res.status).toBe(200);
  return (res.body as { results: { doc: Record<string, unknown> }[] }).results.map((row) => row.doc);
}

describe('conflict sweeper on a two-node cluster', () => {
  it('keeps the booking created first when both nodes confirmed the same ticket; the other user is told', async () => {
    const { c, anna, boris, ticket } = await setUp();
    // Anna booked (on her device) a minute before Boris; both pushes reach different nodes at once, while the
    // nodes cannot see each other's writes yet (replication lag, made certain by pausing it).
    const annaBooking = newBooking(anna.userId, ticket, { createdAt: new Date(Date.now() - 120_000).toISOString() });
    const borisBooking = newBooking(boris.userId, ticket, { createdAt: new Date(Date.now() - 60_000).toISOString() });
    await c.link.pause();
    const [onA, onB] = await Promise.all([push(c.b, boris, [borisBooking]), push(c.a, anna, [annaBooking])]);
    expect([onA, onB].map((rows: PushRow[]) => rows[0]?.ok)).toEqual([true, true]);
    await c.link.resume();
    await c.untilReplicated();

    // The cluster now holds the double booking as a conflict, the same on both nodes.
    const ids = [annaBooking._id, borisBooking._id];
    for (const s of await onBoth(c, (node) => state(node, ticket._id, ids))) {
      expect(s.conflicted).toEqual([ticket._id]);
      expect(s.bookings).toEqual([
        ['confirmed', undefined],
        ['confirmed', undefined],
      ]);
    }

    const report = await c.b.conflicts.sweep();
    expect(report).toMatchObject({ ticketsResolved: 1, bookingsRejected: 1, unresolved: 0 });
    await c.untilReplicated();
    for (const s of await onBoth(c, (node) => state(node, ticket._id, ids))) {
      expect(s).toEqual({
        holder: annaBooking._id,
        ticketStatus: 'booked',
        bookings: [
          ['confirmed', undefined],
          ['rejected', 'taken'],
        ],
        conflicted: [],
      });
    }
    // Boris's device, pulling from either node, gets his booking back rejected with the reason.
    for (const node of [c.a, c.b]) {
      expect(await pulled(node, boris)).toEqual([
        expect.objectContaining({ _id: borisBooking._id, status: 'rejected', reason: 'taken' }),
      ]);
    }
    expect(c.b.conflicts.stats()).toMatchObject({ runs: 1, ticketsResolved: 1, bookingsRejected: 1 });
  }, 60_000);

  it('gives the same answer when both nodes sweep the same conflict at once', async () => {
    const { c, anna, boris, ticket } = await setUp();
    const at = new Date(Date.now() - 60_000).toISOString();
    // Created at the same instant: the booking id decides.
    const annaBooking = newBooking(anna.userId, ticket, { createdAt: at });
    const borisBooking = newBooking(boris.userId, ticket, { createdAt: at });
    await c.link.pause();
    await Promise.all([push(c.a, anna, [annaBooking]), push(c.b, boris, [borisBooking])]);
    await c.link.resume();
    await c.untilReplicated();
    // Both nodes sweep before either sees the other's resolution; then their resolutions meet.
    await c.link.pause();
    await Promise.all([c.a.conflicts.sweep(), c.b.conflicts.sweep()]);
    await c.link.resume();
    await c.untilReplicated();
    // Two equal resolutions are themselves conflicting revisions; one more sweep collapses them.
    await c.a.conflicts.sweep();
    await c.untilReplicated();
    const winner = [annaBooking._id, borisBooking._id].sort()[0];
    const ids = [annaBooking._id, borisBooking._id];
    for (const s of await onBoth(c, (node) => state(node, ticket._id, ids))) {
      expect(s.holder).toBe(winner);
      expect(s.conflicted).toEqual([]);
      expect(s.bookings.filter(([status]) => status === 'confirmed')).toHaveLength(1);
      expect(s.bookings).toContainEqual(['rejected', 'taken']);
    }
  }, 60_000);

  it('ends with one holder and no conflict when many users race for one ticket across both live nodes', async () => {
    const { c, anna, boris, ticket } = await setUp();
    const more = await Promise.all(
      [1, 2, 3, 4].map((n) => signUp(n % 2 ? c.a : c.b, `user${n}@example.ru`, GOOD_PASSWORD)),
    );
    await c.untilReplicated();
    const racers = [anna, boris, ...more].map((session, n) => ({
      node: n % 2 ? c.b : c.a,
      session,
      booking: newBooking(session.userId, ticket),
    }));
    const answers = await Promise.all(racers.map((r) => push(r.node, r.session, [r.booking])));
    await c.untilReplicated();
    await c.a.conflicts.sweep();
    await c.untilReplicated();
    const ids = racers.map((r) => r.booking._id);
    const [sa, sb] = await onBoth(c, (node) => state(node, ticket._id, ids));
    expect(sa).toEqual(sb);
    expect(sa.conflicted).toEqual([]);
    const confirmed = ids.filter((_, i) => sa.bookings[i]?.[0] === 'confirmed');
    expect(confirmed).toEqual([sa.holder]);
    // Every push answered ok that did not end up holding the ticket was told later through its document.
    answers.forEach((rows, i) => {
      if (rows[0]?.ok && ids[i] !== sa.holder) expect(sa.bookings[i]).toEqual(['rejected', 'taken']);
    });
  }, 60_000);
});
