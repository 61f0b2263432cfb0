import type { Locator, Page } from 'playwright-core';

const WAIT = { timeout: 30_000 } as const;

/** The booking flow `/clinic/[id]/book` and the booking's own page it leads to. */
export class BookingPage {
  constructor(readonly page: Page) {}

  /** Opens the clinic page and follows its "Записаться" link, as a patient would. */
  async openFromClinic(baseUrl: string, clinicId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/clinic/${encodeURIComponent(clinicId)}`);
    await this.page.getByTestId('book-link').click();
    await this.page.getByTestId('booking-flow').waitFor(WAIT);
  }

  get specialties(): Locator {
    return this.page.getByTestId('booking-specialties').getByRole('button');
  }

  get days(): Locator {
    return this.page.getByTestId('booking-days').getByRole('button');
  }

  get times(): Locator {
    return this.page.getByTestId('booking-times').getByRole('button');
  }

  /** Waits until the device shows free times, then picks the named specialty (or the first one with free times). */
  async pickSpecialty(name?: string): Promise<string> {
    const enabled = this.specialties.and(this.page.locator(':enabled'));
    const button = name ? enabled.filter({ hasText: name }) : enabled.first();
    await button.waitFor(WAIT);
    const label = (await button.locator('.name').innerText()).trim();
    await button.click();
    return label;
  }

  async pickFirstDay(): Promise<void> {
    await this.days.first().click();
  }

  /** Picks the first free time of the chosen day; returns its ticket id. */
  async pickFirstTime(): Promise<string> {
    const first = this.times.first();
    await first.waitFor(WAIT);
    const ticketId = await first.getAttribute('data-ticket-id');
    if (!ticketId) throw new Error('a time button without its ticket id');
    await first.click();
    return ticketId;
  }

  time(ticketId: string): Locator {
    return this.page.locator(`[data-testid="booking-times"] button[data-ticket-id="${ticketId}"]`);
  }

  async pickTime(ticketId: string): Promise<void> {
    await this.time(ticketId).click();
  }

  get nameInput(): Locator {
    return this.page.getByLabel('Имя пациента');
  }

  get phoneInput(): Locator {
    return this.page.getByLabel('Телефон для связи');
  }

  get submitButton(): Locator {
    return this.page.getByTestId('booking-form').getByRole('button', { name: 'Записаться' });
  }

  /** Fills the phone (the name comes prefilled from the profile) and submits. */
  async confirm(phone: string): Promise<void> {
    await this.phoneInput.fill(phone);
    await this.submitButton.click();
  }

  /** The booking's own page after confirming. */
  async waitForResult(): Promise<void> {
    await this.page.getByTestId('booking-result').waitFor(WAIT);
  }

  get status(): Locator {
    return this.page.getByTestId('booking-result').getByTestId('booking-status');
  }

  async waitForStatus(status: 'pending' | 'confirmed' | 'rejected' | 'cancelled', timeout = 30_000): Promise<void> {
    await this.page
      .locator(`[data-testid="booking-result"] [data-testid="booking-status"][data-status="${status}"]`)
      .waitFor({ timeout });
  }

  get reason(): Locator {
    return this.page.getByTestId('booking-result').getByTestId('booking-reason');
  }

  get nextFreeTimes(): Locator {
    return this.page.getByTestId('next-free-times').getByRole('link');
  }

  get ticketsAge(): Locator {
    return this.page.getByTestId('tickets-age');
  }
}

/** "Мои записи" `/bookings`. */
export class MyBookingsPage {
  constructor(readonly page: Page) {}

  /** Through the header link, as a patient would. */
  async openFromHeader(): Promise<void> {
    await this.page.getByTestId('my-bookings-link').click();
    await this.page.getByTestId('bookings-page').waitFor(WAIT);
  }

  card(ticketStartsAtText?: string): Locator {
    const cards = this.page.getByTestId('booking-card');
    return ticketStartsAtText ? cards.filter({ hasText: ticketStartsAtText }) : cards;
  }

  get upcomingCards(): Locator {
    return this.page.getByTestId('bookings-upcoming').getByTestId('booking-card');
  }

  async waitForCardStatus(card: Locator, status: string): Promise<void> {
    await card.and(this.page.locator(`[data-status="${status}"]`)).waitFor(WAIT);
  }

  async cancel(card: Locator): Promise<void> {
    await card.getByRole('button', { name: 'Отменить запись' }).click();
    await card.getByRole('button', { name: 'Да, отменить' }).click();
  }
}
