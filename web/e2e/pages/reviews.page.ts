import type { Locator, Page } from 'playwright-core';

/** The reviews section of a clinic's page: the user's own review, its form, and everybody's published ones. */
export class ReviewsSection {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByTestId('clinic-reviews');
  }

  get items(): Locator {
    return this.page.getByTestId('review-item');
  }

  get age(): Locator {
    return this.page.getByTestId('reviews-age');
  }

  get ownStatus(): Locator {
    return this.page.getByTestId('own-review-status');
  }

  get ownText(): Locator {
    return this.page.getByTestId('own-review-text');
  }

  get signInLink(): Locator {
    return this.section.getByTestId('booking-sign-in');
  }

  get form(): Locator {
    return this.page.getByTestId('review-form');
  }

  /** Fills the form the way a user does: a star by its accessible name, then the text. */
  async write(starName: string, text: string): Promise<void> {
    await this.form.getByRole('radio', { name: starName, exact: true }).check();
    await this.form.getByLabel('Текст отзыва').fill(text);
    await this.form.getByRole('button', { name: 'Сохранить отзыв' }).click();
  }

  async waitForOwnStatus(status: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="own-review-status"][data-status="${status}"]`).waitFor({ timeout });
  }

  /** Waits until the published list shows a review with this text. */
  async waitForReview(text: string, timeout = 30_000): Promise<Locator> {
    const item = this.items.filter({ hasText: text });
    await item.first().waitFor({ timeout });
    return item;
  }
}
