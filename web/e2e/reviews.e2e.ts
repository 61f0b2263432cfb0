import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accountRoutes, adminRoutes, type Review } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { signUpInNewPage, usePages } from './support/pages';
import { startSyncServer, storeDocs, storeUserDocs, type TestServer } from './support/sync-server';
import { ProfilePage } from './pages/account.page';
import { ClinicPage } from './pages/clinic.page';
import { HomePage } from './pages/home.page';
import { ReviewsSection } from './pages/reviews.page';

type StoredReview = Omit<Review, 'id'> & { _id: string };
type StoredClinic = { _id: string; name: string; rating?: number; reviewCount?: number };

/** "Клиника Здоровья" of the demo catalogue (Kaluga); no review of it exists before this file runs. */
const CLINIC_ID = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';
const CLINIC_NAME = 'Клиника Здоровья';
const REVIEW_TEXT = 'Приняли без очереди, врач всё объяснил.';
/** "СИТИЛАБ", another Kaluga clinic: the edit/moderation test leaves the first clinic's rating alone. */
const OTHER_CLINIC_ID = '3dad521a-89e4-486a-834f-7dfd9d3821f1';
const ADMIN = { email: 'admin@example.ru', password: 'модератор-отзывов-2026' };

let test: TestServer;
let browser: Browser;
const pages = usePages(() => browser);

beforeAll(async () => {
  [test, browser] = await Promise.all([
    startSyncServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await test?.stop();
});

async function storedReviews(): Promise<StoredReview[]> {
  return storeUserDocs<StoredReview>(test.server, 'reviews');
}

/** Polls until `accept` holds: replication and the server's decision are asynchronous. */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 150 && !accept(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  if (!accept(value)) throw new Error(`${what} never happened: ${JSON.stringify(value)}`);
  return value;
}

/** An admin hides a review through the real admin API, as the dashboard does. */
async function hideAsAdmin(reviewId: string, note: string): Promise<void> {
  const headers = { 'content-type': 'application/json', origin: test.server.url };
  const signIn = await fetch(`${test.server.url}${accountRoutes.signIn}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(ADMIN),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.getSetCookie().map((line) => line.split(';')[0] ?? '');
  const hidden = await fetch(`${test.server.url}${adminRoutes.reviewModeration(reviewId)}`, {
    method: 'POST',
    headers: { ...headers, cookie: cookie.join('; ') },
    body: JSON.stringify({ action: 'hide', note }),
  });
  expect(hidden.status).toBe(200);
}

describe('reviews', () => {
  it('a review written offline is queued, published once online, and another device sees it and the new rating', async () => {
    const page = await signUpInNewPage(pages, test.server.url, {
      email: 'reviewer@example.ru',
      password: 'отзыв-о-клинике-2026',
      name: 'Дарья',
    });
    await new ProfilePage(page).header.waitForText('Дарья');

    // Opened online: the clinic's (still empty) published reviews reach the device with their age.
    const clinic = new ClinicPage(page);
    await clinic.goto(test.server.url, CLINIC_ID);
    const reviews = new ReviewsSection(page);
    await reviews.age.filter({ hasText: /^Отзывы обновлены: \d\d:\d\d$/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('reviews-empty').waitFor();
    await new HomePage(page).waitForServiceWorker();

    await page.context().setOffline(true);
    await reviews.form.getByText('Нет сети: отзыв сохранится на устройстве').waitFor();
    // The counter follows the text as it is typed.
    await reviews.form.getByLabel('Текст отзыва').fill('Очень');
    expect(await reviews.form.getByText('5 / 1000').count()).toBe(1);
    await reviews.write('5 звёзд', REVIEW_TEXT);
    await reviews.waitForOwnStatus('pending');
    expect(await reviews.ownStatus.innerText()).toContain('ожидает отправки');
    expect(await reviews.ownText.innerText()).toBe(REVIEW_TEXT);
    expect(await storedReviews()).toEqual([]);

    await page.context().setOffline(false);
    await reviews.waitForOwnStatus('published', 60_000);
    expect(await reviews.ownStatus.innerText()).toContain('опубликован');
    const stored = await storedReviews();
    expect(stored.map((r) => [r._id.endsWith(`.${CLINIC_ID}`), r.score, r.text, r.status])).toEqual([
      [true, 5, REVIEW_TEXT, 'published'],
    ]);
    // The author's own page shows the published copy too, pulled after the server's answer.
    const own = await reviews.waitForReview(REVIEW_TEXT);
    expect(await own.innerText()).toContain('Дарья');
    const clinicDoc = (await storeDocs<StoredClinic>(test.server, 'clinics')).find((c) => c._id === CLINIC_ID);
    expect([clinicDoc?.rating, clinicDoc?.reviewCount]).toEqual([5, 1]);

    // Another device, nobody signed in: the list row carries the new rating; the clinic page shows the review.
    const other = await pages.newPage();
    const home = new HomePage(other);
    await home.goto(test.server.url);
    await home.rows.first().waitFor({ timeout: 30_000 });
    await home.search(CLINIC_NAME);
    const row = home.rows.filter({ hasText: CLINIC_NAME }).first();
    const rating = row.getByTestId('clinic-rating');
    await rating.waitFor({ timeout: 30_000 });
    expect(await rating.innerText()).toBe('★ 5 · 1 отзыв');
    expect(await rating.getAttribute('aria-label')).toBe('Средняя оценка 5 из 5, 1 отзыв');

    // The rating filter works on the synced rating: at least 4.5 keeps this clinic and nothing unrated.
    await home.searchBox.fill('');
    await other.getByLabel('Рейтинг не ниже').selectOption({ label: '4,5+' });
    await home.waitForTotal(1);
    expect(await home.total()).toBe(1);
    expect(await home.names()).toEqual([CLINIC_NAME]);

    await home.openClinic(CLINIC_NAME);
    const seen = new ReviewsSection(other);
    const item = await seen.waitForReview(REVIEW_TEXT);
    expect(await item.getByTestId('review-score').getAttribute('aria-label')).toBe('Оценка 5 из 5');
    expect(await seen.signInLink.innerText()).toBe('Войти');
    await seen.age.filter({ hasText: /^Отзывы обновлены: / }).waitFor({ timeout: 30_000 });

    // Offline on that device after a reload: the review is still there, read from the device.
    await home.waitForServiceWorker();
    await other.context().setOffline(true);
    await other.reload();
    await seen.waitForReview(REVIEW_TEXT);
    expect(await seen.age.innerText()).toMatch(/^Отзывы обновлены: \d\d:\d\d$/);
    await other.context().setOffline(false);
  });

  it('the author edits the review, sees it hidden by a moderator with the note, and deletes it', async () => {
    const page = await signUpInNewPage(pages, test.server.url, {
      email: 'editor@example.ru',
      password: 'отзыв-о-клинике-2026',
      name: 'Егор Петров',
    });
    await new ProfilePage(page).header.waitForText('Егор Петров');
    const clinic = new ClinicPage(page);
    await clinic.goto(test.server.url, OTHER_CLINIC_ID);
    const reviews = new ReviewsSection(page);

    // Saving without a score names the problem instead of writing anything.
    await reviews.form.getByLabel('Текст отзыва').fill('Без оценки');
    await reviews.form.getByRole('button', { name: 'Сохранить отзыв' }).click();
    expect(await page.getByTestId('review-problem').innerText()).toBe('Выберите оценку от 1 до 5.');

    await reviews.write('2 звезды', 'Долго ждали');
    await reviews.waitForOwnStatus('published', 60_000);
    await page.getByTestId('review-edit').click();
    await reviews.write('4 звезды', 'Со второго раза всё хорошо');
    await reviews.waitForOwnStatus('published', 60_000);
    await page.getByTestId('own-review-text').filter({ hasText: 'Со второго раза всё хорошо' }).waitFor();
    const edited = await eventually(
      storedReviews,
      (all) => all.some((r) => r.clinicId === OTHER_CLINIC_ID && r.score === 4),
      'the edit stored',
    );
    const mine = edited.filter((r) => r.clinicId === OTHER_CLINIC_ID);
    expect(mine.map((r) => [r.score, r.text, r.status])).toEqual([[4, 'Со второго раза всё хорошо', 'published']]);
    await reviews.waitForReview('Со второго раза всё хорошо');
    expect(await reviews.items.filter({ hasText: 'Долго ждали' }).count()).toBe(0);

    await hideAsAdmin(mine[0]!._id, 'Уберите, пожалуйста, фамилию врача');
    // Opening the clinic again asks the server for the author's reviews and the clinic's published ones.
    await page.reload();
    await reviews.waitForOwnStatus('hidden', 60_000);
    expect(await reviews.ownStatus.innerText()).toContain('скрыт модератором');
    expect(await page.getByTestId('own-review-note').innerText()).toBe(
      'Комментарий модератора: Уберите, пожалуйста, фамилию врача',
    );
    await page.getByTestId('reviews-empty').waitFor({ timeout: 30_000 });

    await page.getByTestId('review-delete').click();
    await page.getByTestId('review-delete-yes').click();
    await reviews.form.waitFor();
    await eventually(
      storedReviews,
      (all) => !all.some((r) => r.clinicId === OTHER_CLINIC_ID),
      'the deletion reached the store',
    );
  });
});
