// The admin's handle on the sweeper: run it now on the lease holder and read what it did; nobody else may, and
// the other node refuses (two instances never sweep at once, ADR 018).
import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser } from '../auth/auth-test-client';
import { signUp } from '../authz/session-client';
import { newBooking, push, seedTicket } from '../bookings/booking-test-kit';
import { startTwoNodeCluster, type TwoNodeCluster } from './two-node-cluster';
import { CONFLICT_SWEEPS_PATH } from './conflict-sweep.routes';

const ADMIN = { adminEmail: 'root@example.ru', adminPassword: 'Главный админ 2026' };
let cluster: TwoNodeCluster | undefined;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = undefined;
});

describe('admin conflict-sweep endpoints', () => {
  it('an admin sweeps a double booking away on demand and reads the counts; others are refused', async () => {
    const c = await startTwoNodeCluster({ overrides: { ...ADMIN, scheduler: false, conflictSweepMs: 0 } });
    cluster = c;
    const [anna, boris] = await Promise.all([
      signUp(c.a, 'anna@example.ru', GOOD_PASSWORD),
      signUp(c.b, 'boris@example.ru', GOOD_PASSWORD),
    ]);
    const ticket = await seedTicket(c.a, { startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString() });
    await c.untilReplicated();
    await c.link.pause();
    await Promise.all([
      push(c.a, anna, [newBooking(anna.userId, ticket)]),
      push(c.b, boris, [newBooking(boris.userId, ticket)]),
    ]);
    await c.link.resume();
    await c.untilReplicated();

    // Node A started first and holds the background-jobs lease; B, which sees it through replication, refuses.
    const onB = new TestBrowser(c.b.url);
    expect(await onB.signIn(ADMIN.adminEmail, ADMIN.adminPassword)).toMatchObject({ status: 200 });
    expect(await onB.call('POST', CONFLICT_SWEEPS_PATH)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    const admin = new TestBrowser(c.a.url);
    expect(await admin.signIn(ADMIN.adminEmail, ADMIN.adminPassword)).toMatchObject({ status: 200 });
    expect(await admin.call('POST', CONFLICT_SWEEPS_PATH)).toMatchObject({
      status: 200,
      body: { sweep: { ticketsResolved: 1, bookingsRejected: 1, unresolved: 0 } },
    });
    expect(await admin.call('GET', CONFLICT_SWEEPS_PATH)).toMatchObject({
      status: 200,
      body: { runs: 1, failures: 0, ticketsResolved: 1, bookingsRejected: 1, last: { ticketsResolved: 1 } },
    });

    const patient = new TestBrowser(c.b.url);
    await patient.signIn('anna@example.ru');
    expect(await patient.call('POST', CONFLICT_SWEEPS_PATH)).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await new TestBrowser(c.b.url).call('GET', CONFLICT_SWEEPS_PATH)).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
  }, 60_000);
});
