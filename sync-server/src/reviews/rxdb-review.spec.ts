// The real client protocol for reviews: RxDB 17's CouchDB replication (memory storage, schema-validated like the
// app's) pushing a review written offline, against the running server on the real store.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromWireDoc, reviewSchema, type Review } from '@poisklinik/shared';
import { signUp } from '../authz/session-client';
import { startRxDevice, stopRxDevice, type RxDevice } from '../test-support/rxdb-device';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { newReview, publicCopies, storedClinic, storedReview } from './review-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Device = RxDevice<Review>;

let env: TestEnv;
let server: SyncServer;
const devices: Device[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ scheduler: false });
});

afterAll(async () => {
  for (const d of devices) await stopRxDevice(d);
  await env.cleanup();
});

async function local(dev: Device, id: string): Promise<Review | undefined> {
  return (await dev.collection.findOne(id).exec())?.toMutableJSON();
}

describe('RxDB 17 review through replication', () => {
  it('a review written offline is pushed when replication starts and ends published on the device', async () => {
    const nina = await signUp(server, 'nina@example.ru', 'correct horse battery', 'Нина Петровна');
    const review = fromWireDoc<Review>(newReview(nina.userId, 'clinic-b', { score: 5, text: 'Лучшая клиника' }));
    const dev = await startRxDevice(server, nina, 'reviews', reviewSchema, async (collection) => {
      await collection.insert(review);
    });
    devices.push(dev);
    await expect.poll(async () => (await local(dev, review.id))?.status).toBe('published');
    expect(await dev.replication.awaitInSync()).toBe(true);
    expect(dev.errors).toEqual([]);
    expect(dev.pushes).toBe(1);
    const onServer = await storedReview(server, review.id);
    expect(await local(dev, review.id)).toEqual(fromWireDoc<Review>(onServer as never));
    expect((await publicCopies(server)).map((d) => d['authorName'])).toEqual(['Нина']);
    expect(await storedClinic(server, 'clinic-b')).toMatchObject({ rating: 5, reviewCount: 1 });

    // Edited on the device: the same review (and public copy) changes, and the device settles published again.
    await (await dev.collection.findOne(review.id).exec())?.incrementalPatch({ score: 3, status: 'pending' });
    await expect.poll(async () => (await storedReview(server, review.id))?.score).toBe(3);
    await expect.poll(async () => (await local(dev, review.id))?.status).toBe('published');
    expect(await storedClinic(server, 'clinic-b')).toMatchObject({ rating: 3, reviewCount: 1 });
    expect(dev.errors).toEqual([]);
  });

  it('deleted on the device, the review and its public copy go; written again, it is published again', async () => {
    const oleg = await signUp(server, 'oleg@example.ru', 'staple paper clip 42', 'Олег');
    const review = fromWireDoc<Review>(newReview(oleg.userId, 'clinic-c', { score: 2, text: 'Грубят' }));
    const dev = await startRxDevice(server, oleg, 'reviews', reviewSchema);
    devices.push(dev);
    await dev.collection.insert(review);
    await expect.poll(async () => (await local(dev, review.id))?.status).toBe('published');
    const copyId = `clinic-c.${(await storedReview(server, review.id))?.publicKey}`;

    await (await dev.collection.findOne(review.id).exec())?.remove();
    await expect.poll(async () => storedReview(server, review.id)).toBeNull();
    expect((await publicCopies(server)).some((d) => d['_id'] === copyId)).toBe(false);
    const cleared = await storedClinic(server, 'clinic-c');
    expect([cleared.rating, cleared.reviewCount]).toEqual([undefined, undefined]);

    await dev.collection.insert({ ...review, score: 4, text: 'Передумал', status: 'pending' });
    await expect.poll(async () => (await storedReview(server, review.id))?.text).toBe('Передумал');
    await expect.poll(async () => (await local(dev, review.id))?.status).toBe('published');
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 4, reviewCount: 1 });
    expect(dev.errors).toEqual([]);
  });
});
