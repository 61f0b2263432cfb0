import type { Locator, Page } from 'playwright-core';

/** `/manage`: the manager's clinics. */
export class ManageListPage {
  constructor(readonly page: Page) {}

  get headerLink(): Locator {
    return this.page.getByTestId('my-clinics-link');
  }

  async openFromHeader(): Promise<void> {
    await this.headerLink.click();
    await this.page.getByTestId('manage-title').waitFor();
  }

  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/manage`);
    await this.page.getByTestId('manage-title').waitFor();
  }

  get addClinic(): Locator {
    return this.page.getByTestId('add-clinic');
  }

  clinicLink(id: string): Locator {
    return this.page.locator(`[data-testid="managed-clinic"][data-clinic-id="${id}"] a`);
  }
}

/** `/manage/clinic/[id]` and `/manage/clinic/new`: the clinic editor. */
export class ClinicEditorPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, id: string): Promise<void> {
    await this.page.goto(`${baseUrl}/manage/clinic/${encodeURIComponent(id)}`);
    await this.waitForClinic(id);
  }

  /** The editor shows `id` and can be edited (loaded online, catalogue towns in the town list). */
  async waitForClinic(id: string): Promise<void> {
    await this.page.locator(`[data-testid="clinic-editor"][data-clinic-id="${id}"] fieldset:enabled`).first().waitFor();
    await this.townSelect.locator('option', { hasText: 'Калуга' }).waitFor({ state: 'attached' });
  }

  get nameInput(): Locator {
    return this.page.getByLabel('Название', { exact: true });
  }

  get townSelect(): Locator {
    return this.page.getByTestId('town-select');
  }

  get districtSelect(): Locator {
    return this.page.getByTestId('district-select');
  }

  get latitude(): Locator {
    return this.page.getByLabel('Широта');
  }

  get longitude(): Locator {
    return this.page.getByLabel('Долгота');
  }

  get map(): Locator {
    return this.page.getByTestId('location-map');
  }

  /** A weekday row of the opening hours (1 = Monday). */
  hoursRow(day: number): Locator {
    return this.page.getByTestId(`day-row-hours.${day}`);
  }

  async setHours(day: number, from: string, to: string): Promise<void> {
    const row = this.hoursRow(day);
    await row.getByTestId('from').fill(from);
    await row.getByTestId('to').fill(to);
  }

  fieldError(key: string): Locator {
    return this.page.getByTestId(`field-error-${key}`);
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  }

  get offlineNote(): Locator {
    return this.page.getByTestId('manage-offline');
  }

  get enabledForm(): Locator {
    return this.page.locator('[data-testid="clinic-editor"] fieldset:enabled').first();
  }

  get disabledForm(): Locator {
    return this.page.locator('[data-testid="clinic-editor"] fieldset:disabled').first();
  }

  async delete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Удалить клинику' }).click();
    await this.page.getByRole('button', { name: 'Да, удалить' }).click();
  }

  async waitForSaveState(state: string): Promise<void> {
    await this.page.locator(`[data-testid="save-status"][data-state="${state}"]`).waitFor({ timeout: 30_000 });
  }
}
