import type { Locator, Page } from 'playwright-core';

/** A clinic's page `/clinic/[id]`. */
export class ClinicPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, id: string): Promise<void> {
    await this.page.goto(`${baseUrl}/clinic/${encodeURIComponent(id)}`);
  }

  get title(): Locator {
    return this.page.getByTestId('clinic-title');
  }

  get address(): Locator {
    return this.page.getByTestId('clinic-address');
  }

  get phone(): Locator {
    return this.page.getByTestId('clinic-phone');
  }

  get site(): Locator {
    return this.page.getByTestId('clinic-site');
  }

  get hoursRows(): Locator {
    return this.page.getByTestId('clinic-hours').locator('tbody tr');
  }

  get todayRow(): Locator {
    return this.page.getByTestId('clinic-hours').locator('tr[aria-current="date"]');
  }

  get roundTheClock(): Locator {
    return this.page.getByTestId('clinic-hours-allday');
  }

  get notFound(): Locator {
    return this.page.getByTestId('clinic-not-found');
  }

  async specialtyNames(): Promise<string[]> {
    return (await this.page.getByTestId('specialty-name').allInnerTexts()).map((s) => s.trim());
  }

  /** Opens a specialty's schedule and returns its table rows' text. */
  async specialtySchedule(name: string): Promise<string[]> {
    const item = this.page.getByTestId('clinic-specialties').locator('li', { hasText: name });
    await item.getByText(name, { exact: true }).click();
    return (await item.locator('tbody tr').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  }

  async backToList(): Promise<void> {
    await this.page.getByRole('link', { name: /Ко всем клиникам/ }).click();
  }
}
