import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer, type SyncServer } from '@poisklinik/sync-server';
import { launchChromium } from './support/browser';
import { signUpInNewPage, usePages } from './support/pages';
import { ProfilePage, SignInPage } from './pages/account.page';
import { AdminPage } from './pages/admin.page';

const ADMIN = { email: 'root@example.ru', password: 'Главный админ 2026' };
const PATIENT = { email: 'future.manager@example.ru', password: 'клиника-на-окской-2026', name: 'Олег' };
/** "Клиника Здоровья" of the demo catalogue: it has specialty schedules, so the scheduler makes its tickets. */
const CLINIC_ID = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';
const webRoot = fileURLToPath(new URL('../build', import.meta.url));

let server: SyncServer;
let dataDir: string;
let browser: Browser;
const pages = usePages(() => browser);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'poisklinik-e2e-admin-'));
  [server, browser] = await Promise.all([
    createServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      webRoot,
      importDemoData: true,
      logLevel: 'warn',
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    }),
    launchChromium(),
  ]);
  // A run started by the admin while the start run works would be refused as busy.
  await server.scheduler.startRun;
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** What the admin API answers this page's cookies (the data a curious patient could ask for). */
async function syncHealthStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/admin/sync-health')).status);
}

/** The clinic-local day of the clinic's earliest ticket, from the store (the test's own source of truth). */
async function firstTicketDay(): Promise<string> {
  const db = await server.store.database('tickets');
  const { rows } = await db.allDocs({ includeDocs: true });
  const days = rows.flatMap((row) => {
    const doc = 'doc' in row ? (row.doc as { clinicId?: string; localDate?: string } | undefined) : undefined;
    return doc?.clinicId === CLINIC_ID && doc.localDate ? [doc.localDate] : [];
  });
  const first = days.sort()[0];
  if (!first) throw new Error('the scheduler made no tickets for the demo clinic');
  return first;
}

describe('admin dashboard', () => {
  it('anonymous visitors are sent to sign in; a patient sees "нет доступа" and gets no data', async () => {
    const anonymous = await pages.newPage();
    await anonymous.goto(`${server.url}/admin`);
    await anonymous.getByTestId('sign-in-page').waitFor();
    expect(new URL(anonymous.url()).searchParams.get('next')).toBe('/admin');

    const page = await signUpInNewPage(pages, server.url, PATIENT);
    expect(await page.getByTestId('admin-link').count()).toBe(0);

    const admin = new AdminPage(page);
    await admin.goto(server.url);
    await admin.noAccess.waitFor();
    expect(await admin.noAccess.innerText()).toContain('Нет доступа');
    expect(await page.getByTestId('admin-overview').count()).toBe(0);
    expect(await syncHealthStatus(page)).toBe(403);
  });

  it('an admin sees sync health with 0 conflicts, runs the scheduler, and makes a patient a manager', async () => {
    const page = await pages.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto(server.url);
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await page.getByTestId('admin-link').click();

    const admin = new AdminPage(page);
    await admin.conflictCount.waitFor({ timeout: 30_000 });
    expect(await admin.conflictCount.innerText()).toBe('0');
    expect(await admin.conflictCard.innerText()).toContain('Конфликтов нет');
    expect(await admin.healthAge.innerText()).toMatch(/обновлено \d+ с назад/);
    // The catalogue the app syncs is listed with its documents.
    const clinicsRow = admin.collections.locator('tr[data-collection="clinics"]');
    expect(Number((await clinicsRow.locator('td').nth(2).innerText()).trim())).toBeGreaterThan(0);

    await admin.open('Планировщик');
    await admin.page.getByTestId('admin-scheduler').waitFor();
    expect(await admin.adminRuns.count()).toBe(0);
    await admin.runScheduler();
    await admin.waitForText(admin.schedulerMessage, 'Запуск выполнен');
    await admin.adminRuns.first().waitFor();
    expect(await admin.adminRuns.first().innerText()).toContain('администратором');

    await admin.open('Пользователи');
    await admin.searchUsers('future.');
    const row = admin.userRow(PATIENT.email);
    await row.waitFor();
    expect(await row.getByTestId('admin-user-roles').innerText()).toBe('пациент');
    await admin.grantRole(PATIENT.email, 'представитель клиники');
    await admin.waitForText(row.getByTestId('admin-user-message'), 'Роли сохранены');
    expect(await row.getByTestId('admin-user-roles').innerText()).toBe('пациент, представитель клиники');

    // Offline the dashboard says so and shows none of the figures it had: they would pass for current.
    await admin.open('Обзор');
    await admin.conflictCount.waitFor();
    await page.context().setOffline(true);
    await page.getByTestId('admin-offline').waitFor();
    expect(await page.getByTestId('admin-overview').count()).toBe(0);
    await page.context().setOffline(false);
    await admin.conflictCount.waitFor({ timeout: 30_000 });

    // The patient, signed in elsewhere, sees the new role on their profile.
    const patient = await pages.newPage();
    const patientSignIn = new SignInPage(patient);
    await patientSignIn.goto(server.url);
    await patientSignIn.signIn(PATIENT.email, PATIENT.password);
    const profile = new ProfilePage(patient);
    await profile.waitForPage();
    await profile.waitForText(profile.roles, 'представитель клиники');
  });

  it('every section loads the server data: clinics, specialties, towns, bookings, reviews, tickets, mail', async () => {
    const page = await pages.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto(server.url);
    await signIn.signIn(ADMIN.email, ADMIN.password);
    await page.getByTestId('admin-link').click();
    const admin = new AdminPage(page);
    await admin.conflictCount.waitFor({ timeout: 30_000 });

    for (const [section, testid] of [
      ['Клиники', 'admin-clinic-row'],
      ['Специальности', 'admin-specialty-row'],
      ['Города и районы', 'admin-town'],
    ] as const) {
      await admin.open(section);
      await page.getByTestId(testid).first().waitFor({ timeout: 30_000 });
    }
    for (const section of ['Записи', 'Отзывы', 'Почта']) {
      await admin.open(section);
      await page
        .getByText(/Всего: \d+|Ничего не найдено/)
        .first()
        .waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('admin-refused').count(), section).toBe(0);
    }

    // Tickets of a demo clinic the scheduler filled, for its first day with tickets.
    await admin.open('Талоны');
    await page.getByLabel('Идентификатор клиники').fill(CLINIC_ID);
    await page.getByLabel('Дата').fill(await firstTicketDay());
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByTestId('admin-ticket-row').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('admin-ticket-row').first().innerText()).toMatch(/свободен|занят|закрыт/);
  });
});
