import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Specialty, Town, WireDoc } from '@poisklinik/shared';
import { launchChromium } from './support/browser';
import { RU_CONTEXT } from './support/pages';
import { startSyncServer, storeDocs, type TestServer } from './support/sync-server';
import { expectedDistanceText, expectedOrder, weekdayIn, type StoredClinic } from './support/expected';
import { HomePage } from './pages/home.page';
import { ClinicPage } from './pages/clinic.page';

type StoredTown = WireDoc<Town> & { _id: string };
type StoredSpecialty = WireDoc<Specialty> & { _id: string };

/** Near Kaluga's Teatralnaya square: inside the town, closer to some clinics than its official centre. */
const USER_IN_KALUGA = { lat: 54.5293, lon: 36.2754 };

let test: TestServer;
let browser: Browser;
let clinics: StoredClinic[];
let towns: StoredTown[];
let specialties: StoredSpecialty[];

beforeAll(async () => {
  [test, browser] = await Promise.all([startSyncServer(), launchChromium()]);
  [clinics, towns, specialties] = await Promise.all([
    storeDocs<StoredClinic>(test.server, 'clinics'),
    storeDocs<StoredTown>(test.server, 'towns'),
    storeDocs<StoredSpecialty>(test.server, 'specialties'),
  ]);
  expect(clinics.length).toBeGreaterThan(3);
});

afterAll(async () => {
  await browser?.close();
  await test?.stop();
});

function town(id: string): StoredTown {
  const t = towns.find((x) => x._id === id);
  if (!t) throw new Error(`demo data has no town ${id}`);
  return t;
}

function specialtyName(code: string): string {
  return specialties.find((s) => s._id === code)?.name ?? code;
}

describe('offline-first clinic finder', () => {
  let context: BrowserContext;

  afterAll(async () => {
    await context?.close();
  });

  it('lists clinics by distance, keeps working offline, and picks up server changes live', async () => {
    context = await browser.newContext({ ...RU_CONTEXT, permissions: ['geolocation'] });
    await context.setGeolocation({ latitude: USER_IN_KALUGA.lat, longitude: USER_IN_KALUGA.lon });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const home = new HomePage(page);

    // First visit, online: the catalogue syncs and the list is sorted from the user's position.
    await home.goto(test.server.url);
    await home.waitForOrigin('position');
    const order = expectedOrder(clinics, USER_IN_KALUGA);
    expect(await home.waitForNames(order)).toEqual(order);
    const nearest = clinics.find((c) => c.name === order[0]);
    expect((await home.distances())[0]).toBe(expectedDistanceText(USER_IN_KALUGA, nearest!.location));
    expect(await home.origin.innerText()).toContain('Расстояние от вашего местоположения');
    await home.syncProgress.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText(/^Обновлено: \d\d\.\d\d\.\d{4}, \d\d:\d\d$/).waitFor({ timeout: 30_000 });
    await home.waitForServiceWorker();
    const syncedText = await home.lastSync.innerText();

    // A second tab shares the IndexedDB (RxDB multi-instance): same list, same sync time, no second download.
    const secondTab = new HomePage(await context.newPage());
    await secondTab.goto(test.server.url);
    expect(await secondTab.waitForNames(order)).toEqual(order);
    expect(await secondTab.lastSync.innerText()).toMatch(/^Обновлено: /);

    // Offline reload: the shell comes from the service worker, the data from IndexedDB.
    await context.setOffline(true);
    await page.reload();
    await home.waitForOrigin('position');
    expect(await home.waitForNames(order)).toEqual(order);
    await home.offlineBadge.waitFor();
    expect(await home.offlineBadge.innerText()).toBe('Нет сети');
    expect(await home.lastSync.innerText()).toBe(syncedText);
    expect(await home.offlineNote.innerText()).toContain('данные, сохранённые на устройстве');

    // Town → its districts only; district narrows the list.
    const kaluga = town('kaluga');
    await home.chooseTown(kaluga.name);
    expect((await home.optionLabels(home.districtSelect)).slice(1).sort()).toEqual(
      kaluga.districts.map((d) => d.name).sort(),
    );
    const district = kaluga.districts.find((d) => clinics.some((c) => c.districtId === d.id && c.townId === 'kaluga'))!;
    await home.chooseDistrict(district.name);
    const inDistrict = order.filter((n) => clinics.find((c) => c.name === n)?.districtId === district.id);
    expect(await home.waitForNames(inDistrict)).toEqual(inDistrict);

    // Changing the town resets the district.
    await home.chooseTown(town('yaroslavl').name);
    expect(await home.districtSelect.inputValue()).toBe('');
    await home.chooseTown(kaluga.name);
    expect(await home.waitForNames(order)).toEqual(order);

    // Specialty.
    const code = clinics.flatMap((c) => c.specialties.map((s) => s.code))[0]!;
    await home.chooseSpecialty(specialtyName(code));
    const withSpecialty = order.filter((n) =>
      clinics.find((c) => c.name === n)?.specialties.some((s) => s.code === code),
    );
    expect(await home.waitForNames(withSpecialty)).toEqual(withSpecialty);
    await home.resetFilters();
    expect(await home.waitForNames(order)).toEqual(order);

    // State / commercial.
    await home.ownershipSelect.selectOption({ label: 'Государственная' });
    const stateOnes = order.filter((n) => clinics.find((c) => c.name === n)?.ownership === 'state');
    expect(await home.waitForNames(stateOnes)).toEqual(stateOnes);
    expect(await home.rows.getByTestId('ownership-badge').allInnerTexts()).toEqual(
      stateOnes.map(() => 'Государственная'),
    );
    await home.ownershipSelect.selectOption({ label: 'Все' });

    // Round-the-clock only; its rows carry the 24h badge.
    await home.roundTheClockOnly.check();
    const allDay = order.filter((n) => clinics.find((c) => c.name === n)?.roundTheClock);
    expect(await home.waitForNames(allDay)).toEqual(allDay);
    expect(await home.rows.getByTestId('allday-badge').count()).toBe(allDay.length);
    await home.roundTheClockOnly.uncheck();

    // Name search, case-insensitive.
    const searched = clinics.find((c) => c.name.includes('боли')) ?? clinics[0]!;
    const word = searched.name.split(' ').at(-1)!;
    await home.search(word.toUpperCase());
    const matching = order.filter((n) => {
      const c = clinics.find((x) => x.name === n)!;
      return `${c.name} ${c.address}`.toLowerCase().includes(word.toLowerCase());
    });
    expect(await home.waitForNames(matching)).toEqual(matching);
    await home.search('');

    // Clinic page, offline.
    const withSpecialties = clinics.find((c) => c.specialties.length > 0 && !c.roundTheClock)!;
    await home.openClinic(withSpecialties.name);
    const clinicPage = new ClinicPage(page);
    await clinicPage.title.waitFor();
    expect(await clinicPage.title.innerText()).toBe(withSpecialties.name);
    expect(await clinicPage.address.innerText()).toBe(withSpecialties.address);
    expect(await clinicPage.phone.getAttribute('href')).toBe(`tel:${withSpecialties.phone}`);
    expect(await clinicPage.phone.innerText()).toMatch(/^\+7\s\d{3}\s\d{3}-\d\d-\d\d$/);
    expect(await clinicPage.hoursRows.count()).toBe(7);
    expect(await clinicPage.todayRow.count()).toBe(1);
    const today = weekdayIn(town(withSpecialties.townId).timezone);
    const todayHours = withSpecialties.hours.filter((h) => h.day === today).map((h) => `${h.from}–${h.to}`);
    expect(await clinicPage.todayRow.innerText()).toContain(todayHours[0] ?? 'Выходной');
    const expectedSpecialties = withSpecialties.specialties
      .map((s) => specialtyName(s.code))
      .sort((a, b) => a.localeCompare(b, 'ru'));
    expect(await clinicPage.specialtyNames()).toEqual(expectedSpecialties);
    const first = withSpecialties.specialties[0]!;
    const schedule = await clinicPage.specialtySchedule(specialtyName(first.code));
    expect(schedule).toHaveLength(7);
    expect(schedule.join(' ')).toContain(`${first.schedule[0]!.from}–${first.schedule[0]!.to}`);

    // A deep link reloads offline too (SPA fallback from the precache), and an unknown id says so.
    await page.reload();
    await clinicPage.title.waitFor();
    expect(await clinicPage.title.innerText()).toBe(withSpecialties.name);
    const allDayClinic = clinics.find((c) => c.roundTheClock);
    if (allDayClinic) {
      await clinicPage.goto(test.server.url, allDayClinic._id);
      expect(await clinicPage.roundTheClock.innerText()).toContain('Круглосуточно');
    }
    await clinicPage.goto(test.server.url, 'no-such-clinic');
    await clinicPage.notFound.waitFor();
    expect(await clinicPage.notFound.innerText()).toContain('Клиника не найдена');
    await clinicPage.backToList();
    expect(await home.waitForNames(order)).toEqual(order);

    // Back online: a change on the server reaches the open page without a reload.
    await context.setOffline(false);
    await home.offlineBadge.waitFor({ state: 'detached' });
    const db = await test.server.store.database('clinics');
    const target = await db.get(nearest!._id);
    expect(target).not.toBeNull();
    const renamed = `${nearest!.name} (обновлено)`;
    const result = await db.put({ ...target!, name: renamed, updatedAt: new Date().toISOString() });
    expect(result.ok).toBe(true);
    await page.getByText(renamed, { exact: true }).waitFor({ timeout: 45_000 });
    expect((await home.names())[0]).toBe(renamed);
    // Whichever tab replicated it, the other one sees it too.
    await secondTab.page.getByText(renamed, { exact: true }).waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });

  it('sorts from the town centre when geolocation is refused, after a visible first sync', async () => {
    const refused = await browser.newContext({ ...RU_CONTEXT });
    try {
      // Slow the first clinics pull down so the first-sync progress is observable.
      let delayed = false;
      const firstPull = (url: URL) =>
        url.pathname === '/db/clinics/_changes' && url.searchParams.get('feed') === 'normal';
      await refused.route(firstPull, async (route) => {
        if (!delayed) {
          delayed = true;
          await new Promise((r) => setTimeout(r, 2_000));
        }
        await route.continue();
      });
      const page = await refused.newPage();
      const home = new HomePage(page);
      await home.goto(test.server.url);
      await home.syncProgress.waitFor({ timeout: 10_000 });
      // "N из M · P %": documents on the device vs the server's doc_count over all collections.
      const total = clinics.length + towns.length + specialties.length;
      await page.getByText(new RegExp(`^Загружаем справочник… \\d+ из ${total} · \\d+ %$`)).waitFor({ timeout: 5_000 });
      await home.syncProgress.waitFor({ state: 'detached', timeout: 30_000 });

      await home.waitForOrigin('town');
      const kaluga = town('kaluga');
      expect(await home.origin.innerText()).toContain(`Расстояние от центра города: ${kaluga.name}`);
      expect(await home.origin.innerText()).toContain('Доступ к местоположению не разрешён');
      // Re-read: the previous test renamed a clinic on the server.
      const current = await storeDocs<StoredClinic>(test.server, 'clinics');
      const order = expectedOrder(current, kaluga.location);
      expect(await home.waitForNames(order)).toEqual(order);
      const nearest = current.find((c) => c.name === order[0])!;
      expect((await home.distances())[0]).toBe(expectedDistanceText(kaluga.location, nearest.location));

      // The English locale: same list, English texts and number formatting.
      await home.chooseLanguage('English');
      await page.getByText(`Distance from the centre of ${kaluga.name}`).waitFor();
      for (const d of await home.distances()) expect(d).toMatch(/^\d+(\.\d)?\s(km|m)$/);
      expect(await home.lastSync.innerText()).toMatch(/^Updated: /);
    } finally {
      await refused.close();
    }
  });
});
