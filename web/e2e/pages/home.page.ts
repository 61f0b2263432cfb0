import type { Locator, Page } from 'playwright-core';

/** The clinic list at `/`: what a user reads and the controls they use. */
export class HomePage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
  }

  get rows(): Locator {
    return this.page.getByTestId('clinic-row');
  }

  get syncProgress(): Locator {
    return this.page.getByTestId('sync-progress');
  }

  get offlineBadge(): Locator {
    return this.page.getByTestId('offline-badge');
  }

  get offlineNote(): Locator {
    return this.page.getByTestId('offline-note');
  }

  get lastSync(): Locator {
    return this.page.getByTestId('last-sync');
  }

  get origin(): Locator {
    return this.page.getByTestId('distance-origin');
  }

  get searchBox(): Locator {
    return this.page.getByLabel('Поиск по названию, адресу или специальности');
  }

  get townSelect(): Locator {
    return this.page.getByLabel('Город', { exact: true });
  }

  get districtSelect(): Locator {
    return this.page.getByLabel('Район', { exact: true });
  }

  get specialtySelect(): Locator {
    return this.page.getByLabel('Специальность', { exact: true });
  }

  get ownershipSelect(): Locator {
    return this.page.getByLabel('Форма собственности', { exact: true });
  }

  get roundTheClockOnly(): Locator {
    return this.page.getByLabel('Только круглосуточные');
  }

  get openNowOnly(): Locator {
    return this.page.getByLabel('Только открытые сейчас');
  }

  get resultsCount(): Locator {
    return this.page.getByTestId('results-count');
  }

  get syncProgressText(): Locator {
    return this.page.getByTestId('sync-progress-text');
  }

  get scopeSummary(): Locator {
    return this.page.getByTestId('sync-scope-summary');
  }

  /** The number of matches the list reports ("Найдено клиник: 3 007"). */
  async total(): Promise<number> {
    return Number(await this.resultsCount.getAttribute('data-total'));
  }

  /** Waits until the list reports exactly `count` matches. */
  async waitForTotal(count: number, timeout = 30_000): Promise<void> {
    await this.page
      .locator(`[data-testid="results-count"][data-total="${count}"]`)
      .waitFor({ timeout })
      .catch(() => undefined);
  }

  /** Waits until the reported total differs from `previous` (the query has been answered). */
  async waitForTotalChange(previous: number, timeout = 10_000): Promise<number> {
    await this.page
      .waitForFunction(
        (prev) => document.querySelector('[data-testid="results-count"]')?.getAttribute('data-total') !== String(prev),
        previous,
        { timeout },
      )
      .catch(() => undefined);
    return this.total();
  }

  /** Names of the rows in the DOM once every row's details have been read (virtual rows load by id). */
  async settledNames(timeout = 10_000): Promise<string[]> {
    await this.page.waitForFunction(
      () =>
        document.querySelectorAll('[data-testid="clinic-row"]').length > 0 &&
        document.querySelectorAll('[data-testid="clinic-row"][aria-busy="true"]').length === 0,
      undefined,
      { timeout },
    );
    return this.names();
  }

  /** Clinic ids of the rows in the DOM, in order (names repeat across towns; ids do not). */
  async ids(): Promise<string[]> {
    await this.settledNames();
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-clinic-id') ?? ''));
  }

  /** "Загружаем справочник… 1 000 из 3 007 · 33 %" → { done: 1000, total: 3007, percent: 33 }. */
  async syncProgressNumbers(): Promise<{ done: number; total: number; percent: number } | null> {
    const text = await this.syncProgressText.innerText().catch(() => '');
    const m = /…\s*([\d\s\u00a0\u202f]+)\s+из\s+([\d\s\u00a0\u202f]+)\s+·\s+(\d+)\s*%/.exec(text);
    if (!m) return null;
    const n = (s: string | undefined) => Number((s ?? '').replace(/\D/g, ''));
    return { done: n(m[1]), total: n(m[2]), percent: n(m[3]) };
  }

  /** Chooses what the device keeps and confirms (the clinics are replaced). */
  async chooseScope(scope: { town: string } | 'country'): Promise<void> {
    await this.scopeSummary.click();
    const picker = this.page.getByTestId('sync-scope');
    if (scope === 'country') {
      await picker.getByLabel('Вся страна').check();
    } else {
      await picker.getByLabel('Город и окрестности').check();
      await picker.getByLabel('Город для загрузки').selectOption({ label: scope.town });
    }
    await picker.getByRole('button', { name: 'Загрузить' }).click();
  }

  /** Waits until the list shows `count` rows (the list renders from memory, so it settles fast). */
  async waitForRows(count: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="clinic-row"]').length === n,
      count,
      { timeout: 30_000 },
    );
  }

  async waitForOrigin(kind: 'position' | 'town'): Promise<void> {
    await this.page.locator(`[data-testid="distance-origin"][data-origin="${kind}"]`).waitFor({ timeout: 30_000 });
  }

  async names(): Promise<string[]> {
    return this.rows.getByTestId('clinic-name').allInnerTexts();
  }

  async distances(): Promise<string[]> {
    return (await this.rows.getByTestId('clinic-distance').allInnerTexts()).map((s) => s.trim());
  }

  /** Waits until the visible names are exactly `expected`, in order; returns what was last seen on timeout. */
  async waitForNames(expected: readonly string[], timeout = 15_000): Promise<string[]> {
    try {
      await this.page.waitForFunction(
        (want) =>
          JSON.stringify(
            [...document.querySelectorAll('[data-testid="clinic-row"] [data-testid="clinic-name"]')].map((e) =>
              (e as HTMLElement).innerText.trim(),
            ),
          ) === JSON.stringify(want),
        expected,
        { timeout },
      );
    } catch {
      // Fall through: the caller's assertion shows the difference.
    }
    return this.names();
  }

  async optionLabels(select: Locator): Promise<string[]> {
    return (await select.locator('option').allInnerTexts()).map((s) => s.trim());
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
  }

  async chooseTown(label: string): Promise<void> {
    await this.townSelect.selectOption({ label });
  }

  async chooseDistrict(label: string): Promise<void> {
    await this.districtSelect.selectOption({ label });
  }

  async chooseSpecialty(label: string): Promise<void> {
    await this.specialtySelect.selectOption({ label });
  }

  async resetFilters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Сбросить фильтры' }).click();
  }

  async chooseLanguage(label: 'Русский' | 'English'): Promise<void> {
    await this.page.getByRole('combobox', { name: /Язык|Language/ }).selectOption({ label });
  }

  async openClinic(name: string): Promise<void> {
    await this.rows.getByRole('link', { name }).click();
  }

  /** The page is controlled by the service worker, so a reload works with no network. */
  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  }
}
