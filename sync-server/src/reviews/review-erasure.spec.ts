// Account deletion through the real route: the user's reviews and their public copies go, and the ratings of
// the clinics follow.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountRoutes } from '@poisklinik/shared';
import { call, signUp } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { newReview, publicCopies, pushReview, storedClinic, storedReview } from './review-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let env: TestEnv;
let server: SyncServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ scheduler: false });
});

afterAll(async () => {
  await env.cleanup();
});

describe('deleting an account', () => {
  it("deletes the user's reviews and public copies and recomputes the ratings", async () => {
    const stays = await signUp(server, 'stays@example.ru', 'long enough password 1', 'Ирина');
    const leaves = await signUp(server, 'leaves@example.ru', 'long enough password 2', 'Пётр');
    await pushReview(server, stays, newReview(stays.userId, 'clinic-a', { score: 5 }));
    await pushReview(server, leaves, newReview(leaves.userId, 'clinic-a', { score: 1 }));
    await pushReview(server, leaves, newReview(leaves.userId, 'clinic-b', { score: 2 }));
    expect(await storedClinic(server, 'clinic-a')).toMatchObject({ rating: 3, reviewCount: 2 });

    const res = await call(server, leaves, 'POST', accountRoutes.deleteAccount, { password: leaves.password });
    expect(res.status).toBe(204);

    expect(await storedReview(server, newReview(leaves.userId, 'clinic-a')._id)).toBeNull();
    expect(await storedReview(server, newReview(leaves.userId, 'clinic-b')._id)).toBeNull();
    expect((await publicCopies(server)).map((d) => [d['clinicId'], d['score']])).toEqual([['clinic-a', 5]]);
    expect(await storedClinic(server, 'clinic-a')).toMatchObject({ rating: 5, reviewCount: 1 });
    const b = await storedClinic(server, 'clinic-b');
    expect([b.rating, b.reviewCount]).toEqual([undefined, undefined]);
  });
});
