// The public review feed of a clinic over HTTP, anonymous: what it holds, that it never names the author, that a
// deletion reaches it as a tombstone, that it is read-only, and that the clinic's rating follows on `_changes`.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clinicReviewsUrl, collectionUrl } from '@poisklinik/shared';
import { signUp, type TestSession } from '../../authz/session-client';
import type { SyncServer } from '../../server';
import type { StoredDoc } from '../../store/store.types';
import { createTestEnv, postJson, request, type TestEnv } from '../../test-support/test-server';
import { newReview, pushReview, storedReview } from '../../reviews/review-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Row = { seq: number; id: string; deleted?: boolean; doc?: StoredDoc };
type Changes = { results: Row[]; last_seq: number };

let env: TestEnv;
let server: SyncServer;
let vera: TestSession;
let gleb: TestSession;
const feedUrl = (clinicId: string): string => clinicReviewsUrl(server.url, clinicId);

async function changes(url: string, since: number | string = 0): Promise<Changes> {
  const res = await request(`${url}_changes?include_docs=true&since=${since}`);
  expect(res.status).toBe(200);
  return res.body as Changes;
}

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ scheduler: false });
  vera = await signUp(server, 'vera@example.ru', 'long enough password 1', 'Вера Павловна');
  gleb = await signUp(server, 'gleb@example.ru', 'long enough password 2', '');
  await pushReview(server, vera, newReview(vera.userId, 'clinic-a', { score: 5, text: 'Спасибо врачам' }));
  await pushReview(server, gleb, newReview(gleb.userId, 'clinic-a', { score: 4, text: 'Нормально' }));
  await pushReview(server, gleb, newReview(gleb.userId, 'clinic-b', { score: 1, text: 'Долго ждал' }));
});

afterAll(async () => env.cleanup());

describe('public review feed', () => {
  it("holds exactly the clinic's published reviews, with first names and never a user id", async () => {
    const feed = await changes(feedUrl('clinic-a'));
    const docs = feed.results.map((r) => r.doc);
    expect(docs.map((d) => [d?.score, d?.authorName]).sort()).toEqual([
      [4, ''],
      [5, 'Вера'],
    ]);
    const raw = JSON.stringify(feed);
    for (const session of [vera, gleb]) {
      expect(raw).not.toContain(session.userId);
      expect(raw).not.toContain(session.email);
    }
    const all = await request(`${feedUrl('clinic-a')}_all_docs?include_docs=true`);
    expect(all).toMatchObject({ status: 200, body: { total_rows: 2 } });
    const other = await changes(feedUrl('clinic-b'));
    expect(other.results.map((r) => r.doc?.text)).toEqual(['Долго ждал']);
  });

  it('a deleted review leaves the feed as a tombstone to a device that already has it', async () => {
    const before = await changes(feedUrl('clinic-b'));
    const id = newReview(gleb.userId, 'clinic-b')._id;
    const stored = await storedReview(server, id);
    if (!stored) throw new Error('not stored');
    expect(await pushReview(server, gleb, { ...stored, _deleted: true })).toMatchObject({ ok: true });
    const after = await changes(feedUrl('clinic-b'), before.last_seq);
    expect(after.results).toEqual([expect.objectContaining({ id: `clinic-b.${stored.publicKey}`, deleted: true })]);
    // A device validates the deletion against publicReviewSchema: a whole document, without the words or the name.
    expect(after.results[0]?.doc).toMatchObject({ clinicId: 'clinic-b', score: 1, text: '', authorName: '' });
    expect((await changes(feedUrl('clinic-b'))).results).toEqual([]);
  });

  it('the clinic catalogue feed carries the new rating and count', async () => {
    const clinics = await changes(collectionUrl(server.url, 'clinics'));
    const a = clinics.results.find((r) => r.id === 'clinic-a')?.doc;
    expect(a).toMatchObject({ rating: 4.5, reviewCount: 2 });
    const b = clinics.results.find((r) => r.id === 'clinic-b')?.doc;
    expect(b?.rating).toBeUndefined();
  });

  it('is read-only (403) and unknown clinics are 404', async () => {
    const write = await postJson(`${feedUrl('clinic-a')}_bulk_docs`, {
      docs: [{ _id: 'clinic-a.aaaaaaaaaaaa', clinicId: 'clinic-a', score: 5, text: '', authorName: 'Бот' }],
    });
    expect(write).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const put = await request(`${feedUrl('clinic-a')}clinic-a.aaaaaaaaaaaa`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(403);
    expect(await request(feedUrl('no-such-clinic'))).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await request(`${server.url}/db/scope/kaluga/reviews/`)).toMatchObject({ status: 404 });
  });
});
