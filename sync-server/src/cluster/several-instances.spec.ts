// Three real sync-server processes over one shared store (the CouchDB stand-in owned by this test, or a real
// CouchDB when COUCHDB_URL is set), each on its own port as behind a load balancer: a request may land anywhere,
// one instance at a time runs the background jobs, and a killed or stopped instance hands them on (ADR 018).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import type { StoredDoc } from '../store/store.types';
import { datasetFixture, writeDataset } from '../test-support/fixtures';
import { request } from '../test-support/test-server';
import { bookingOf, pushBooking, seedTickets } from './booking-load';
import { callAs, signInAt, signUpAt, signUpSpread } from './instance-client';
import {
  killAll,
  leaseDoc,
  openSharedStore,
  startInstance,
  type Instance,
  type SharedStore,
} from './instance-processes';

const LEASE_TTL_MS = 3_000;
/** The holder renews every TTL/3, so a dead holder's lease is free within TTL; a waiting instance tries every TTL/3. */
const TAKEOVER_BOUND_MS = LEASE_TTL_MS + LEASE_TTL_MS / 3;
/** Process scheduling and one store round trip on a loaded 2-core machine. */
const SLACK_MS = 1_500;
const ADMIN = { email: 'root@example.ru', password: 'Главный админ 2026' };

let shared: SharedStore;
let root: string;
const instances: Instance[] = [];
let a: Instance;
let b: Instance;
let c: Instance;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DEMO_DATA_DIR: join(root, 'demo-data'),
    WEB_ROOT: join(root, 'no-web-build'),
    DATA_DIR: join(root, 'unused-data'),
    TRUST_PROXY: 'true',
    LEASE_TTL_MS: String(LEASE_TTL_MS),
    // Start runs only (at start and on takeover): an hourly tick must not remove the tickets a test seeded.
    TICKETS_CRON: '0 0 1 1 *',
    CONFLICT_SWEEP_MS: '1000',
    LONGPOLL_TIMEOUT_MS: '20000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...extra,
  };
}

async function docs(db: string): Promise<StoredDoc[]> {
  const page = await (await shared.store.database(db)).allDocs({ includeDocs: true });
  return page.rows.flatMap((row) => ('doc' in row && row.doc && !row.id.startsWith('_design/') ? [row.doc] : []));
}

async function longPollsOn(instance: Instance): Promise<number> {
  const res = await request(`${instance.url}/readyz`);
  return typeof res.body === 'object' && res.body !== null && 'longPolls' in res.body ? Number(res.body.longPolls) : 0;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'poisklinik-instances-'));
  await writeDataset(join(root, 'demo-data'), datasetFixture());
  shared = await openSharedStore();
  // A imports the catalogue and takes the lease; B and C join an imported store.
  a = await startInstance('sync-a', shared, env());
  instances.push(a);
  [b, c] = await Promise.all([
    startInstance('sync-b', shared, env({ IMPORT_DEMO_DATA: 'false' })),
    startInstance('sync-c', shared, env({ IMPORT_DEMO_DATA: 'false' })),
  ]);
  instances.push(b, c);
}, 120_000);

afterAll(async () => {
  killAll(instances);
  await Promise.all(instances.map((instance) => instance.exited));
  await shared?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('several instances on one store', () => {
  it('all three are ready; the first started holds the lease and made the start run', async () => {
    for (const instance of [a, b, c]) {
      expect(await request(`${instance.url}/readyz`)).toMatchObject({
        status: 200,
        body: { ok: true, instance: instance.name },
      });
    }
    expect(await leaseDoc(shared.store)).toMatchObject({ holder: 'sync-a' });
    await expect
      .poll(async () => (await docs('scheduler-runs')).map((run) => [run['trigger'], run['instance']]), {
        timeout: 30_000,
      })
      .toEqual([['start', 'sync-a']]);
  }, 60_000);

  it('a session made on A works on B, and a booking pushed through B is confirmed', async () => {
    await signUpAt(a.url, 'anna@example.ru');
    const session = await signInAt(a.url, 'anna@example.ru');
    expect(await callAs(b.url, session, 'GET', accountRoutes.session)).toMatchObject({
      status: 200,
      body: { user: { email: 'anna@example.ru' } },
    });
    const [ticket] = await seedTickets(shared.store, 1, new Date(Date.now() + 30 * 86_400_000));
    const booking = bookingOf(session.userId, ticket!);
    expect(await pushBooking(b.url, session, booking)).toMatchObject({ kind: 'ok' });
    expect(await (await shared.store.database('bookings')).get(booking._id)).toMatchObject({ status: 'confirmed' });
  }, 60_000);

  it('a long-poll on A wakes for a booking written through B', async () => {
    const session = await signUpAt(b.url, 'boris@example.ru');
    const [ticket] = await seedTickets(shared.store, 1, new Date(Date.now() + 31 * 86_400_000));
    const feed = await callAs(a.url, session, 'GET', '/db/bookings/_changes');
    const since = (feed.body as { last_seq: string | number }).last_seq;
    const waiting = callAs(a.url, session, 'GET', `/db/bookings/_changes?feed=longpoll&since=${since}`);
    await expect.poll(() => longPollsOn(a), { timeout: 10_000 }).toBeGreaterThan(0);
    const booking = bookingOf(session.userId, ticket!);
    expect(await pushBooking(b.url, session, booking)).toMatchObject({ kind: 'ok' });
    const woke = await waiting;
    expect(woke.status).toBe(200);
    expect((woke.body as { results: { id: string }[] }).results.map((row) => row.id)).toContain(booking._id);
  }, 60_000);

  it('the sign-in limit per account is counted across instances, not per instance', async () => {
    await signUpAt(c.url, 'target@example.ru');
    // The default limit is 10 per account per 15 minutes: 10 wrong guesses spread over three instances.
    for (let i = 0; i < 10; i += 1) {
      const on = [a, b, c][i % 3]!;
      const guess = await callAs(on.url, null, 'POST', accountRoutes.signIn, {
        email: 'target@example.ru',
        password: `угадываю пароль ${i}`,
      });
      expect(guess.status).toBe(401);
    }
    // Each instance saw at most 4 attempts, far below 10 — yet the 11th, even with the right password, is refused.
    const limited = await callAs(b.url, null, 'POST', accountRoutes.signIn, {
      email: 'target@example.ru',
      password: 'Тёплый апрель 2026',
    });
    expect(limited).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
  }, 60_000);

  it('bookings raced across instances: every ticket goes to exactly one patient', async () => {
    const USERS = 24;
    const TICKETS = 4;
    const urls = [a.url, b.url, c.url];
    const users = await signUpSpread(urls, USERS, 'race');
    const tickets = await seedTickets(shared.store, TICKETS, new Date(Date.now() + 40 * 86_400_000));
    const outcomes = await Promise.all(
      users.map((user, u) => pushBooking(urls[u % 3]!, user, bookingOf(user.userId, tickets[u % TICKETS]!))),
    );
    expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(TICKETS);
    expect(outcomes.filter((o) => o.kind === 'lost')).toEqual([]);

    const raced = new Set(tickets.map((t) => t._id));
    const confirmed = (await docs('bookings')).filter(
      (doc) => raced.has(String(doc['ticketId'])) && doc['status'] === 'confirmed',
    );
    const held = confirmed.map((doc) => doc['ticketId']);
    expect(new Set(held).size).toBe(held.length);
    expect(held).toHaveLength(TICKETS);
    for (const ticket of (await docs('tickets')).filter((t) => raced.has(t._id))) {
      expect(confirmed.find((doc) => doc._id === ticket['bookingId'])?.['ticketId']).toBe(ticket._id);
    }
    expect(await (await shared.store.database('tickets')).listConflicted()).toEqual([]);
  }, 120_000);

  it('the admin scheduler trigger runs on the lease holder and is refused (409) on the others', async () => {
    const admin = await signInAt(a.url, ADMIN.email, ADMIN.password);
    expect(await callAs(b.url, admin, 'POST', '/api/admin/scheduler/runs')).toMatchObject({
      status: 409,
      body: { error: 'conflict' },
    });
    expect(await callAs(a.url, admin, 'POST', '/api/admin/scheduler/runs')).toMatchObject({
      status: 202,
      body: { trigger: 'admin', instance: 'sync-a' },
    });
  }, 60_000);

  it('kill -9 of the lease holder: another instance takes over within TTL + TTL/3 and runs the scheduler', async () => {
    const before = await leaseDoc(shared.store);
    expect(before?.holder).toBe('sync-a');
    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await a.exited;
    await expect
      .poll(async () => (await leaseDoc(shared.store))?.holder, { timeout: 4 * TAKEOVER_BOUND_MS })
      .toMatch(/^sync-[bc]$/);
    const after = await leaseDoc(shared.store);
    expect(after!.acquiredAt - killedAt).toBeLessThanOrEqual(TAKEOVER_BOUND_MS + SLACK_MS);
    // The new holder's start run is recorded with its name.
    await expect
      .poll(
        async () =>
          (await docs('scheduler-runs')).some(
            (run) => run['instance'] === after!.holder && Date.parse(String(run['startedAt'])) >= killedAt,
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
  }, 60_000);

  it('SIGTERM during a long-poll: the poll answers empty, the lease is released, the process exits 0', async () => {
    const holderName = (await leaseDoc(shared.store))?.holder;
    const holder = holderName === 'sync-b' ? b : c;
    const other = holder === b ? c : b;
    const session = await signInAt(holder.url, 'anna@example.ru');
    const feed = await callAs(holder.url, session, 'GET', '/db/bookings/_changes');
    const since = (feed.body as { last_seq: string | number }).last_seq;
    const waiting = callAs(holder.url, session, 'GET', `/db/bookings/_changes?feed=longpoll&since=${since}`);
    await expect.poll(() => longPollsOn(holder), { timeout: 10_000 }).toBeGreaterThan(0);

    holder.child.kill('SIGTERM');
    const answer = await waiting;
    expect(answer).toMatchObject({ status: 200, body: { results: [] } });
    expect(await holder.exited).toBe(0);
    // Released on the way out, so the survivor takes over within one renew period, not a whole TTL.
    await expect
      .poll(async () => (await leaseDoc(shared.store))?.holder, { timeout: 4 * TAKEOVER_BOUND_MS })
      .toBe(other.name);
    expect(holder.output()).toContain('lease released');
  }, 60_000);
});
