import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Review } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { startSyncServer, storeDocs, storeUserDocs, type TestServer } from './support/sync-server';
import { ProfilePage, SignUpPage } from './pages/account.page';
import { ClinicPage } from './pages/clinic.page';
import { HomePage } from './pages/home.page';
import { ReviewsSection } from './pages/reviews.page';

type StoredReview = Omit<Review, 'id'> & { _id: string };
type StoredClinic = { _id: string; name: string; rating?: number; reviewCount?: number };

/** "Клиника Здоровья" of the demo catalogue (Kaluga); no review of it exists before this file runs. */
const CLINIC_ID = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';
const CLINIC_NAME = 'Клиника Здоровья';
const RU_CONTEXT = { locale: 'ru-RU', timezoneId: 'Europe/Moscow' } as const;
const REVIEW_TEXT = 'Приняли без очереди, врач всё объяснил.';

let test: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let pageErrors: string[] = [];

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await test?.stop();
});

beforeEach(() => {
  pageErrors = [];
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext(RU_CONTEXT);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  if (process.env.E2E_CONSOLE) page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
  return page;
}

async function storedReviews(): Promise<StoredReview[]> {
  return storeUserDocs<StoredReview>(test.server, 'reviews');
}

describe('reviews', () => {
  it('a review written offline is queued, published once online, and another device sees it and the new rating', async () => {
    const page = await newPage();
    const signUp = new SignUpPage(page);
    await signUp.goto(test.server.url);
    await signUp.signUp('reviewer@example.ru', 'отзыв-о-клинике-2026', 'Дарья');
    const profile = new ProfilePage(page);
    await profile.waitForPage();
    await profile.header.waitForText('Дарья');

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
    const other = await newPage();
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
});
