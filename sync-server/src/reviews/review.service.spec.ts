// The `reviews` write handler through the real route, real sessions and the real embedded store on disk.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRateLimits } from '../auth/rate-limits';
import { call, signUp, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { averageScore } from '@poisklinik/shared';
import { testClock } from '../bookings/booking-test-kit';
import {
  editOf,
  newReview,
  publicCopies,
  pushReview,
  pushReviews,
  storedClinic,
  storedReview,
} from './review-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const clock = testClock('2030-03-01T09:00:00.000Z');
let env: TestEnv;
let server: SyncServer;
let users = 0;

function newUser(name = 'Мария Иванова'): Promise<TestSession> {
  users += 1;
  return signUp(server, `reviewer${users}@example.ru`, `long enough password ${users}`, name);
}

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({
    now: clock.now,
    scheduler: false,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
  });
});

afterAll(async () => {
  await env.cleanup();
});

describe('writing a review', () => {
  it('is published: stored with a public copy under a random key and the first name only', async () => {
    const anna = await newUser('Анна Сергеевна Петрова');
    const review = newReview(anna.userId, 'clinic-a', { score: 5, text: 'Отлично' });
    const row = await pushReview(server, anna, review);
    expect(row).toMatchObject({ ok: true, id: review._id });
    const stored = await storedReview(server, review._id);
    expect(stored).toMatchObject({ status: 'published', score: 5, text: 'Отлично', createdAt: review.createdAt });
    const copy = (await publicCopies(server)).find((d) => d['_id'] === `clinic-a.${stored?.publicKey}`);
    expect(copy).toMatchObject({ clinicId: 'clinic-a', score: 5, text: 'Отлично', authorName: 'Анна' });
    expect(JSON.stringify(copy)).not.toContain(anna.userId);
  });

  it('refuses a score of 0 or 6 and a 1,001-character text, storing nothing', async () => {
    const boris = await newUser();
    const bad = [
      newReview(boris.userId, 'clinic-a', { score: 0 }),
      newReview(boris.userId, 'clinic-b', { score: 6 }),
      newReview(boris.userId, 'clinic-c', { text: 'я'.repeat(1001) }),
    ];
    const rows = await pushReviews(server, boris, bad);
    expect(rows.map((r) => r.error)).toEqual(['conflict', 'conflict', 'conflict']);
    for (const review of bad) expect(await storedReview(server, review._id)).toBeNull();
  });

  it("refuses another user's id and an id that does not match the clinic", async () => {
    const anna = await newUser();
    const boris = await newUser();
    const [foreign, mismatched] = await pushReviews(server, boris, [
      newReview(anna.userId, 'clinic-a'),
      { ...newReview(boris.userId, 'clinic-a'), clinicId: 'clinic-b' },
    ]);
    expect(foreign).toMatchObject({ error: 'forbidden' });
    expect(mismatched).toMatchObject({ error: 'conflict' });
    expect(await storedReview(server, newReview(anna.userId, 'clinic-a')._id)).toBeNull();
    expect(await storedReview(server, newReview(boris.userId, 'clinic-a')._id)).toBeNull();
  });

  it('answers 401 to an anonymous push', async () => {
    const res = await call(server, null, 'POST', '/db/reviews/_bulk_docs', { docs: [newReview('u', 'clinic-a')] });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
  });

  it('a review of a clinic that does not exist is stored rejected (clinic_missing), with no public copy', async () => {
    const anna = await newUser();
    const review = newReview(anna.userId, 'no-such-clinic');
    const row = await pushReview(server, anna, review);
    expect(row).toMatchObject({ error: 'conflict', doc: { status: 'rejected', reason: 'clinic_missing' } });
    expect(await storedReview(server, review._id)).toMatchObject({ status: 'rejected', reason: 'clinic_missing' });
    expect((await publicCopies(server)).some((d) => d['clinicId'] === 'no-such-clinic')).toBe(false);
  });

  it('a device may not declare its review published', async () => {
    const anna = await newUser();
    const review = newReview(anna.userId, 'clinic-b', { status: 'published' });
    expect(await pushReview(server, anna, review)).toMatchObject({ error: 'conflict' });
    expect(await storedReview(server, review._id)).toBeNull();
  });
});

describe('one review per clinic per user', () => {
  it("a second device's edit updates the same review, its public copy and the clinic rating", async () => {
    const anna = await newUser();
    const first = newReview(anna.userId, 'clinic-c', { score: 2 });
    await pushReview(server, anna, first);
    const stored = await storedReview(server, first._id);
    if (!stored) throw new Error('not stored');
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 2, reviewCount: 1 });
    clock.advance(60_000);
    // The second device pulled the review, then edits it.
    const edit = editOf(stored, { score: 4, text: 'Стало лучше', createdAt: '2031-01-01T00:00:00.000Z' });
    expect(await pushReview(server, anna, edit)).toMatchObject({ ok: true });
    const after = await storedReview(server, first._id);
    expect(after).toMatchObject({ status: 'published', score: 4, createdAt: first.createdAt });
    expect(after?.publicKey).toBe(stored.publicKey);
    const copies = (await publicCopies(server)).filter((d) => d['clinicId'] === 'clinic-c');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ score: 4, text: 'Стало лучше' });
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 4, reviewCount: 1 });
  });

  it('a replay of an old version changes nothing: it is answered with the stored review', async () => {
    const anna = await newUser();
    const review = newReview(anna.userId, 'clinic-b', { score: 3 });
    await pushReview(server, anna, review);
    const stored = await storedReview(server, review._id);
    const replay = await pushReview(server, anna, review);
    expect(replay).toMatchObject({ error: 'conflict', doc: { _rev: stored?._rev, status: 'published' } });
    expect((await storedReview(server, review._id))?._rev).toBe(stored?._rev);
  });

  it('deleting the review deletes its public copy and takes it out of the rating', async () => {
    const anna = await newUser();
    const before = await storedClinic(server, 'clinic-b');
    const review = newReview(anna.userId, 'clinic-b', { score: 1 });
    await pushReview(server, anna, review);
    const stored = await storedReview(server, review._id);
    if (!stored) throw new Error('not stored');
    expect((await storedClinic(server, 'clinic-b')).reviewCount).toBe((before.reviewCount ?? 0) + 1);
    expect(await pushReview(server, anna, { ...stored, _deleted: true })).toMatchObject({ ok: true });
    expect(await storedReview(server, review._id)).toBeNull();
    expect((await publicCopies(server)).some((d) => d['_id'] === `clinic-b.${stored.publicKey}`)).toBe(false);
    const after = await storedClinic(server, 'clinic-b');
    expect([after.rating, after.reviewCount]).toEqual([before.rating, before.reviewCount]);
  });
});

describe('the clinic aggregate', () => {
  it('a wrong rating (a crash between steps, another instance) is set right by the next change of the clinic', async () => {
    const clinics = await server.store.database('clinics');
    const clinic = await storedClinic(server, 'clinic-a');
    expect((await clinics.put({ ...clinic, rating: 1, reviewCount: 99 })).ok).toBe(true);
    const zoya = await newUser('Зоя');
    await pushReview(server, zoya, newReview(zoya.userId, 'clinic-a', { score: 3 }));
    const scores = (await publicCopies(server)).filter((d) => d['clinicId'] === 'clinic-a').map((d) => d['score']);
    const after = await storedClinic(server, 'clinic-a');
    expect(after.reviewCount).toBe(scores.length);
    expect(after.rating).toBe(averageScore(scores as number[]));
    // Every other field of the clinic is kept.
    expect(after).toMatchObject({ name: clinic.name, address: clinic.address, specialties: clinic.specialties });
  });
});
