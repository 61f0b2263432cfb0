// The real client protocol for bookings: RxDB 17's CouchDB replication (memory storage, schema-validated like the
// app's) pushing a pending booking with the session cookie, against the running server on the real store.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookingSchema, fromWireDoc, type Booking } from '@poisklinik/shared';
import { defaultRateLimits } from '../auth/rate-limits';
import { signUp, type TestSession } from '../authz/session-client';
import { startRxDevice, stopRxDevice, type RxDevice } from '../test-support/rxdb-device';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { newBooking, seedTicket, storedBooking, storedTicket, testClock } from './booking-test-kit';

// Sign-ups hash passwords and servers open stores on disk: slow on a busy machine. Nothing asserts on time.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Device = RxDevice<Booking>;

const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;
let server: SyncServer;
const devices: Device[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({
    now: clock.now,
    // Tickets are seeded by hand here; the scheduler has its own tests.
    scheduler: false,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
  });
});

afterAll(async () => {
  for (const d of devices) await stopRxDevice(d);
  await env.cleanup();
});

async function device(session: TestSession): Promise<Device> {
  const dev = await startRxDevice(server, session, 'bookings', bookingSchema);
  devices.push(dev);
  return dev;
}

async function local(dev: Device, id: string): Promise<Booking | undefined> {
  return (await dev.collection.findOne(id).exec())?.toMutableJSON();
}

function entity(doc: ReturnType<typeof newBooking>): Booking {
  return fromWireDoc<Booking>(doc);
}

describe('RxDB 17 booking through replication', () => {
  it('a pending booking pushed by the device ends confirmed on it, brought by its live pull', async () => {
    const anna = await signUp(server, 'anna@example.ru', 'correct horse battery', 'Анна');
    const dev = await device(anna);
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T07:00:00.000Z' });
    const booking = entity(newBooking(anna.userId, ticket));
    await dev.collection.insert(booking);
    await expect.poll(async () => (await local(dev, booking.id))?.status).toBe('confirmed');
    // The push was answered ok (the server stored `confirmed`, not what was pushed); the live `_changes` feed
    // carried the confirmed document to the device — one push, no conflict round trip, no error.
    expect(dev.pulledDocs.map((doc) => doc['status'])).toContain('confirmed');
    expect(await dev.replication.awaitInSync()).toBe(true);
    expect(dev.pushes).toBe(1);
    expect(dev.errors).toEqual([]);
    const onServer = await storedBooking(server, booking.id);
    expect(await local(dev, booking.id)).toEqual(fromWireDoc<Booking>(onServer as never));
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'booked', bookingId: booking.id });
  });

  it('two users racing for one ticket: one confirmed, the other rejected as taken on its device; both go idle', async () => {
    const boris = await signUp(server, 'boris@example.ru', 'staple paper clip 42', 'Борис');
    const vera = await signUp(server, 'vera@example.ru', 'another long secret 7', 'Вера');
    const [bd, vd] = [await device(boris), await device(vera)];
    const ticket = await seedTicket(server, { startsAt: '2030-04-02T08:00:00.000Z' });
    const bb = entity(newBooking(boris.userId, ticket));
    const vb = entity(newBooking(vera.userId, ticket));
    await Promise.all([bd.collection.insert(bb), vd.collection.insert(vb)]);
    const settled = async (dev: Device, id: string) => (await local(dev, id))?.status;
    await expect
      .poll(async () => [await settled(bd, bb.id), await settled(vd, vb.id)].sort())
      .toEqual(['confirmed', 'rejected']);
    const loser = (await settled(bd, bb.id)) === 'rejected' ? { dev: bd, id: bb.id } : { dev: vd, id: vb.id };
    const winner = loser.dev === bd ? { dev: vd, id: vb.id } : { dev: bd, id: bb.id };
    expect(await local(loser.dev, loser.id)).toMatchObject({ status: 'rejected', reason: 'taken' });
    expect(await storedTicket(server, ticket._id)).toMatchObject({ status: 'booked', bookingId: winner.id });
    // Idle, no error loop: each device pushed its booking once and stops there.
    for (const dev of [bd, vd]) {
      expect(await dev.replication.awaitInSync()).toBe(true);
      expect(dev.errors).toEqual([]);
      expect(dev.pushes).toBe(1);
    }
    await staysIdle([bd, vd]);
  });
});

/** Another full sync cycle later, still no new push and no error: the rejection is settled, not being retried. */
async function staysIdle(list: Device[]): Promise<void> {
  const before = list.map((d) => d.pushes);
  for (const d of list) {
    d.replication.reSync();
    expect(await d.replication.awaitInSync()).toBe(true);
  }
  expect(list.map((d) => d.pushes)).toEqual(before);
  expect(list.flatMap((d) => d.errors)).toEqual([]);
}
