import type { Locator, Page } from 'playwright-core';

/** The admin dashboard at /admin: its gate (sign in / no access), sections, and the widgets the tests use. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async goto(baseUrl: string, section = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/admin${section ? `/${section}` : ''}`);
  }

  get noAccess(): Locator {
    return this.page.getByTestId('admin-no-access');
  }

  get nav(): Locator {
    return this.page.getByTestId('admin-nav');
  }

  /** Opens a section through the dashboard's own navigation, as an admin would. */
  async open(section: string): Promise<void> {
    await this.nav.getByRole('link', { name: section, exact: true }).click();
  }

  get conflictCount(): Locator {
    return this.page.getByTestId('health-conflict-count');
  }

  get conflictCard(): Locator {
    return this.page.getByTestId('health-conflicts');
  }

  get healthAge(): Locator {
    return this.page.getByTestId('health-age');
  }

  get collections(): Locator {
    return this.page.getByTestId('health-collections');
  }

  async runScheduler(): Promise<void> {
    await this.page.getByTestId('scheduler-run-now').click();
  }

  get schedulerMessage(): Locator {
    return this.page.getByTestId('scheduler-message');
  }

  get adminRuns(): Locator {
    return this.page.locator('[data-testid="scheduler-run"][data-trigger="admin"]');
  }

  async searchUsers(emailPrefix: string): Promise<void> {
    await this.page.getByLabel('Начало адреса электронной почты').fill(emailPrefix);
    await this.page.getByRole('button', { name: 'Найти' }).click();
  }

  userRow(email: string): Locator {
    return this.page.locator(`[data-testid="admin-user-row"][data-email="${email}"]`);
  }

  /** Ticks a role's box in the user's row and saves the roles. */
  async grantRole(email: string, roleName: string): Promise<void> {
    const row = this.userRow(email);
    await row.getByLabel(roleName).check();
    await row.getByRole('button', { name: 'Сохранить роли' }).click();
  }

  /** Waits until `locator`'s text contains `text`. */
  async waitForText(locator: Locator, text: string): Promise<void> {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
  }
}
