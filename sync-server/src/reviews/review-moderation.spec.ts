// Admin moderation over real HTTP on the real store: who may moderate, what hiding and publishing do to the
// public copy and the clinic rating, and that an author's edit never un-hides a review.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminRoutes, type AdminReviewsAnswer } from '@poisklinik/shared';
import { defaultRateLimits } from '../auth/rate-limits';
import { call, signIn, signUp, type TestSession } from '../authz/session-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { editOf, newReview, publicCopies, pushReview, storedClinic, storedReview } from './review-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const ADMIN = { adminEmail: 'root@example.ru', adminPassword: 'Главный админ 2026' };
let env: TestEnv;
let server: SyncServer;
let admin: TestSession;
let users = 0;

function newUser(): Promise<TestSession> {
  users += 1;
  return signUp(server, `author${users}@example.ru`, `long enough password ${users}`, `Ольга ${users}`);
}

/** A published review of `clinicId` by a fresh user. */
async function published(clinicId: string, score: number, text = 'Хорошая клиника') {
  const author = await newUser();
  const review = newReview(author.userId, clinicId, { score, text });
  expect(await pushReview(server, author, review)).toMatchObject({ ok: true });
  return { author, id: review._id };
}

const moderate = (session: TestSession | null, id: string, body: unknown) =>
  call(server, session, 'POST', adminRoutes.reviewModeration(id), body);

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({
    scheduler: false,
    ...ADMIN,
    rateLimits: { ...defaultRateLimits(), signUpPerIp: { max: 1000, windowMs: 60_000 } },
  });
  admin = await signIn(server, ADMIN.adminEmail, ADMIN.adminPassword);
});

afterAll(async () => {
  await env.cleanup();
});

describe('admin moderation', () => {
  it('only admins: anonymous 401, a patient 403 on the list and on moderation', async () => {
    const { author, id } = await published('clinic-a', 5);
    expect(await call(server, null, 'GET', adminRoutes.reviews)).toMatchObject({ status: 401 });
    expect(await call(server, author, 'GET', adminRoutes.reviews)).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await moderate(null, id, { action: 'hide' })).toMatchObject({ status: 401 });
    expect(await moderate(author, id, { action: 'hide' })).toMatchObject({ status: 403 });
    expect(await storedReview(server, id)).toMatchObject({ status: 'published' });
  });

  it('the admin list shows the author, filtered by clinic, status and text', async () => {
    const { author, id } = await published('clinic-b', 4, 'Уникальная фраза про регистратуру');
    const res = await call(
      server,
      admin,
      'GET',
      `${adminRoutes.reviews}?clinicId=clinic-b&status=published&q=регистратур`,
    );
    expect(res.status).toBe(200);
    const body = res.body as AdminReviewsAnswer;
    expect(body.total).toBe(1);
    expect(body.reviews[0]).toMatchObject({ id, userId: author.userId, email: author.email, score: 4 });
    expect(body.reviews[0]).not.toHaveProperty('publicKey');
    const bad = await call(server, admin, 'GET', `${adminRoutes.reviews}?status=lost&limit=x`);
    expect(bad).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('hiding removes the public copy and the score from the rating; an edit keeps it hidden; publish restores', async () => {
    const kept = await published('clinic-c', 2);
    const { author, id } = await published('clinic-c', 4);
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 3, reviewCount: 2 });
    const key = (await storedReview(server, id))?.publicKey;

    const hidden = await moderate(admin, id, { action: 'hide', note: 'Оскорбления' });
    expect(hidden).toMatchObject({ status: 200, body: { id, status: 'hidden', moderationNote: 'Оскорбления' } });
    expect((await publicCopies(server)).some((d) => d['_id'] === `clinic-c.${key}`)).toBe(false);
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 2, reviewCount: 1 });

    const stored = await storedReview(server, id);
    if (!stored) throw new Error('gone');
    expect(await pushReview(server, author, editOf(stored, { text: 'Исправил запятую' }))).toMatchObject({ ok: true });
    expect(await storedReview(server, id)).toMatchObject({
      status: 'hidden',
      text: 'Исправил запятую',
      moderationNote: 'Оскорбления',
    });
    expect((await publicCopies(server)).some((d) => d['_id'] === `clinic-c.${key}`)).toBe(false);
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 2, reviewCount: 1 });

    expect(await moderate(admin, id, { action: 'publish' })).toMatchObject({
      status: 200,
      body: { status: 'published' },
    });
    const restored = (await publicCopies(server)).find((d) => d['_id'] === `clinic-c.${key}`);
    expect(restored).toMatchObject({ text: 'Исправил запятую', score: 4 });
    expect(await storedClinic(server, 'clinic-c')).toMatchObject({ rating: 3, reviewCount: 2 });
    expect(kept.id).not.toBe(id);
  });

  it('deleting a hidden review and writing it again does not un-hide it', async () => {
    const { author, id } = await published('clinic-b', 1, 'Спам');
    expect(await moderate(admin, id, { action: 'hide', note: 'Реклама' })).toMatchObject({ status: 200 });
    const hidden = await storedReview(server, id);
    if (!hidden) throw new Error('gone');
    expect(await pushReview(server, author, { ...hidden, _deleted: true })).toMatchObject({ ok: true });
    // Written again from a device that never saw it (no revision).
    const again = newReview(author.userId, 'clinic-b', { score: 5, text: 'Спам снова' });
    expect(await pushReview(server, author, again)).toMatchObject({ ok: true });
    expect(await storedReview(server, id)).toMatchObject({ status: 'hidden', moderationNote: 'Реклама' });
    expect((await publicCopies(server)).some((d) => d['text'] === 'Спам снова')).toBe(false);
  });

  it('answers 404 for an unknown review and 400 for an unknown action', async () => {
    const missing = await moderate(admin, 'uaaaaaaaaaaaaaaaaaaaa.clinic-a', { action: 'hide' });
    expect(missing).toMatchObject({ status: 404, body: { error: 'not_found' } });
    const { id } = await published('clinic-a', 3);
    expect(await moderate(admin, id, { action: 'delete' })).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect(await moderate(admin, 'not a review id', { action: 'hide' })).toMatchObject({ status: 400 });
  });
});
