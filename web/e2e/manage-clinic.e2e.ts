import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accountRoutes, type AccountView, type Clinic } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { signUpInNewPage, usePages } from './support/pages';
import { startSyncServer, storeDocs, type TestServer } from './support/sync-server';
import { ClinicPage } from './pages/clinic.page';
import { ClinicEditorPage, ManageListPage } from './pages/manage.page';

type StoredClinic = Omit<Clinic, 'id'> & { _id: string; _rev: string };

/** "Клиника Здоровья" of the demo catalogue: Kaluga, Московский district, Monday 08:00–20:00. */
const CLINIC_ID = '34c829e6-0e5e-4d8d-a9fd-377b2f86e3b4';
const KALUGA_CLINIC_LAT = 54.52617;
const ADMIN = { email: 'admin@example.ru', password: 'админ-клиник-2026' };

let test: TestServer;
let browser: Browser;
const pages = usePages(() => browser);
let adminCookie = '';
/** The manager's page, signed in with the manager role and the demo clinic assigned (built once). */
let managerPage: Page;

/** A request as the admin, with the same-origin header every unsafe request needs. */
async function asAdmin(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${test.server.url}${path}`, {
    method,
    headers: {
      origin: test.server.url,
      cookie: adminCookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function signInAdmin(): Promise<void> {
  const res = await fetch(`${test.server.url}${accountRoutes.signIn}`, {
    method: 'POST',
    headers: { origin: test.server.url, 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pk_session='));
  if (res.status !== 200 || !cookie) throw new Error(`admin sign-in: ${res.status}`);
  adminCookie = cookie.split(';')[0] ?? '';
}

/** Signs up in the app; the admin grants the manager role and assigns the demo clinic, as an operator would. */
async function managerOfDemoClinic(email: string): Promise<Page> {
  const page = await signUpInNewPage(pages, test.server.url, {
    email,
    password: 'клиника-здоровья-2026',
    name: 'Мария',
  });
  const { users } = (await asAdmin('GET', `${accountRoutes.adminUsers}?email=${encodeURIComponent(email)}`)) as {
    users: AccountView[];
  };
  const userId = users[0]?.id;
  if (!userId) throw new Error(`no account for ${email}`);
  await asAdmin('PUT', accountRoutes.adminUserRoles(userId), { roles: ['patient', 'manager'] });
  await asAdmin('PUT', `/api/admin/clinics/${CLINIC_ID}/managers/${userId}`);
  // The app learns the new role when it next asks the server about the session (on start).
  await page.reload();
  await new ManageListPage(page).headerLink.waitFor({ timeout: 30_000 });
  return page;
}

async function storedClinic(): Promise<StoredClinic | undefined> {
  return (await storeDocs<StoredClinic>(test.server, 'clinics')).find((c) => c._id === CLINIC_ID);
}

beforeAll(async () => {
  [test, browser] = await Promise.all([
    startSyncServer({ adminEmail: ADMIN.email, adminPassword: ADMIN.password }),
    launchChromium(),
  ]);
  await signInAdmin();
  managerPage = await managerOfDemoClinic('manager@example.ru');
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await test?.stop();
});

describe('clinic management', () => {
  it('a manager edits the hours; a patient device with the clinic page open shows them without reloading', async () => {
    // The patient's device: catalogue synced, the clinic page open, Monday as the demo data has it.
    const patient = await pages.newPage();
    const clinicPage = new ClinicPage(patient);
    await clinicPage.goto(test.server.url, CLINIC_ID);
    await clinicPage.title.filter({ hasText: 'Клиника Здоровья' }).waitFor({ timeout: 60_000 });
    const monday = clinicPage.hoursRows.first();
    await monday.filter({ hasText: '08:00–20:00' }).waitFor();
    await patient.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

    // The manager: header link → own clinics → the editor.
    const list = new ManageListPage(managerPage);
    await list.openFromHeader();
    await list.clinicLink(CLINIC_ID).click();
    const editor = new ClinicEditorPage(managerPage);
    await editor.waitForClinic(CLINIC_ID);
    expect(await editor.nameInput.inputValue()).toBe('Клиника Здоровья');
    await editor.setHours(1, '09:30', '17:45');
    await editor.save();
    await editor.waitForSaveState('saved');
    expect(await editor.saveStatus.innerText()).toContain('Сохранено');

    const stored = await storedClinic();
    expect(stored?.hours.filter((h) => h.day === 1)).toEqual([{ day: 1, from: '09:30', to: '17:45' }]);

    // Live replication carries the change to the open page: same document, new hours.
    await monday.filter({ hasText: '09:30–17:45' }).waitFor({ timeout: 60_000 });
    expect(await patient.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  });

  it('a district of another town and a point 40 km away are refused next to their fields; nothing is stored', async () => {
    const before = await storedClinic();
    const editor = new ClinicEditorPage(managerPage);

    await editor.goto(test.server.url, CLINIC_ID);
    await editor.townSelect.selectOption({ label: 'Ярославль' });
    await editor.save();
    await editor.waitForSaveState('invalid');
    expect(await editor.fieldError('districtId').innerText()).toBe('Этот район не относится к выбранному городу.');
    expect(await editor.districtSelect.locator('option:checked').innerText()).toContain('нет в этом городе');

    await editor.goto(test.server.url, CLINIC_ID);
    await editor.latitude.fill(String(KALUGA_CLINIC_LAT + 0.36));
    await editor.save();
    await editor.waitForSaveState('invalid');
    expect(await editor.fieldError('location').innerText()).toBe(
      'Точка дальше 25 км от центра города: проверьте координаты или город.',
    );
    expect(await editor.fieldError('districtId').innerText()).toBe('');

    // Picking on the map sets the point: a tap near the corner moves it off the typed latitude.
    await editor.map.and(managerPage.locator('[data-state="ready"]')).waitFor({ timeout: 30_000 });
    await editor.map.click({ position: { x: 30, y: 200 } });
    await managerPage.waitForFunction(
      (typed) => document.querySelector<HTMLInputElement>('[data-testid="latitude"]')?.value !== typed,
      String(KALUGA_CLINIC_LAT + 0.36),
    );

    const after = await storedClinic();
    expect(after?._rev).toBe(before?._rev);
    expect(after?.townId).toBe('kaluga');
    expect(after?.location.lat).toBe(KALUGA_CLINIC_LAT);
  });

  it('a save over a revision someone else saved first says so; after reloading, the save goes through', async () => {
    const editor = new ClinicEditorPage(managerPage);
    await editor.goto(test.server.url, CLINIC_ID);
    // Meanwhile an admin edits the same clinic through the same API.
    const current = (await asAdmin('GET', `/api/manage/clinics/${CLINIC_ID}`)) as { clinic: Clinic; rev: string };
    const { id: _id, updatedAt: _at, rating: _r, reviewCount: _c, ...draft } = current.clinic;
    await asAdmin('PUT', `/api/manage/clinics/${CLINIC_ID}`, {
      clinic: { ...draft, address: 'ул. Телевизионная, д. 33, г. Калуга' },
      rev: current.rev,
    });

    await editor.setHours(2, '10:00', '16:00');
    await editor.save();
    await editor.waitForSaveState('stale');
    expect(await editor.saveStatus.innerText()).toContain('Клинику изменили, обновите');
    expect((await storedClinic())?.hours.filter((h) => h.day === 2)).toEqual([{ day: 2, from: '08:00', to: '20:00' }]);

    await managerPage.getByTestId('reload-clinic').click();
    await managerPage.waitForFunction(
      () => document.querySelector<HTMLInputElement>('input[name="address"]')?.value.includes('д. 33') === true,
    );
    await editor.setHours(2, '10:00', '16:00');
    await editor.save();
    await editor.waitForSaveState('saved');
    const stored = await storedClinic();
    expect(stored?.address).toBe('ул. Телевизионная, д. 33, г. Калуга');
    expect(stored?.hours.filter((h) => h.day === 2)).toEqual([{ day: 2, from: '10:00', to: '16:00' }]);
  });

  it('offline the editor says it needs the network and shows the last loaded clinic read-only', async () => {
    const editor = new ClinicEditorPage(managerPage);
    await editor.goto(test.server.url, CLINIC_ID);
    await managerPage.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    });
    await managerPage.context().setOffline(true);
    try {
      await editor.offlineNote.filter({ hasText: 'Нет сети' }).waitFor();
      await editor.disabledForm.waitFor();
      await managerPage.reload();
      await editor.offlineNote.filter({ hasText: 'Показаны данные, загруженные' }).waitFor({ timeout: 30_000 });
      expect(await editor.nameInput.inputValue()).toBe('Клиника Здоровья');
      expect(await editor.nameInput.isDisabled()).toBe(true);
    } finally {
      await managerPage.context().setOffline(false);
    }
    // Back online, the clinic is loaded again and can be edited.
    await editor.enabledForm.waitFor({ timeout: 30_000 });
    expect(await editor.offlineNote.count()).toBe(0);
  });

  it('a manager adds a clinic, it is stored as theirs with its hours, and deletes it after a confirm', async () => {
    const list = new ManageListPage(managerPage);
    await list.goto(test.server.url);
    await list.addClinic.click();
    const editor = new ClinicEditorPage(managerPage);
    await editor.townSelect.locator('option', { hasText: 'Калуга' }).waitFor({ state: 'attached' });
    await editor.townSelect.selectOption({ label: 'Калуга' });
    await editor.nameInput.fill('Новая поликлиника');
    await managerPage.getByLabel('Адрес', { exact: true }).fill('ул. Ленина, д. 1, г. Калуга');
    await editor.latitude.fill('54.52');
    await editor.longitude.fill('36.27');
    await editor.districtSelect.selectOption({ label: 'Ленинский' });
    await editor.setHours(1, '07:00', '19:00');
    await editor.save();
    await editor.waitForSaveState('saved');
    expect(await editor.saveStatus.innerText()).toContain('Клиника создана');
    const id = new URL(managerPage.url()).pathname.split('/').at(-1) ?? '';
    const created = (await storeDocs<StoredClinic>(test.server, 'clinics')).find((c) => c._id === id);
    expect(created?.name).toBe('Новая поликлиника');
    expect(created?.districtId).toBe('leninsky');
    expect(created?.hours[0]).toEqual({ day: 1, from: '07:00', to: '19:00' });

    await list.goto(test.server.url);
    await list.clinicLink(id).click();
    await editor.waitForClinic(id);
    await editor.delete();
    await managerPage.getByTestId('editor-deleted').waitFor();
    expect((await storeDocs<StoredClinic>(test.server, 'clinics')).some((c) => c._id === id)).toBe(false);
  });

  it('a patient has no management link and /manage says who it is for', async () => {
    const page = await signUpInNewPage(pages, test.server.url, {
      email: 'patient@example.ru',
      password: 'просто-пациент-2026',
      name: 'Пётр',
    });
    expect(await new ManageListPage(page).headerLink.count()).toBe(0);
    await page.goto(`${test.server.url}/manage`);
    await page.getByTestId('manage-not-manager').waitFor();
  });
});
