import type { Locator, Page } from 'playwright-core';

/** The header's account link: "Войти", the user's name, or "Сессия истекла". */
export class AccountHeader {
  constructor(readonly page: Page) {}

  get link(): Locator {
    return this.page.getByTestId('account-link');
  }

  /** Waits until the link reads exactly `text`. */
  async waitForText(text: string): Promise<void> {
    await this.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="account-link"]')?.textContent?.trim() === expected,
      text,
      { timeout: 30_000 },
    );
  }
}

/** What every account screen shares: its status note (offline / expired) and its form error line. */
class AccountScreen {
  readonly header: AccountHeader;

  constructor(readonly page: Page) {
    this.header = new AccountHeader(page);
  }

  get offlineNote(): Locator {
    return this.page.getByTestId('account-offline');
  }

  get expiredNote(): Locator {
    return this.page.getByTestId('account-expired');
  }

  get waitingNote(): Locator {
    return this.page.getByTestId('account-waiting');
  }

  get formError(): Locator {
    return this.page.getByTestId('form-error');
  }

  fieldError(name: string): Locator {
    return this.page.getByTestId(`field-error-${name}`);
  }

  async waitForServiceWorker(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  }
}

export class SignUpPage extends AccountScreen {
  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/sign-up`);
    await this.page.getByTestId('sign-up-page').waitFor();
  }

  async signUp(email: string, password: string, name?: string): Promise<void> {
    await this.page.getByLabel('Электронная почта').fill(email);
    await this.page.getByLabel('Пароль', { exact: true }).fill(password);
    if (name !== undefined) await this.page.getByLabel('Имя (необязательно)').fill(name);
    await this.page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  }
}

export class SignInPage extends AccountScreen {
  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/sign-in`);
    await this.page.getByTestId('sign-in-page').waitFor();
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get forgotLink(): Locator {
    return this.page.getByRole('link', { name: 'Забыли пароль?' });
  }

  /** Fills and submits the form with the Russian labels (the default locale). */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Электронная почта').fill(email);
    await this.page.getByLabel('Пароль', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Войти', exact: true }).click();
  }
}

export class ForgotPasswordPage extends AccountScreen {
  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/forgot-password`);
    await this.page.getByTestId('forgot-password-page').waitFor();
  }

  get confirmation(): Locator {
    return this.page.getByTestId('reset-requested');
  }

  async request(email: string): Promise<void> {
    await this.page.getByLabel('Электронная почта').fill(email);
    await this.page.getByRole('button', { name: 'Отправить ссылку' }).click();
  }
}

export class ResetPasswordPage extends AccountScreen {
  /** Opens a link exactly as it came in the mail. */
  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByTestId('reset-password-page').waitFor();
  }

  async setPassword(password: string): Promise<void> {
    await this.page.getByLabel('Новый пароль', { exact: true }).fill(password);
    await this.page.getByLabel('Новый пароль ещё раз').fill(password);
    await this.page.getByRole('button', { name: 'Сохранить пароль' }).click();
  }
}

export class ProfilePage extends AccountScreen {
  async goto(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/profile`);
    await this.waitForPage();
  }

  async waitForPage(): Promise<void> {
    await this.page.getByTestId('profile-page').waitFor({ timeout: 30_000 });
  }

  get email(): Locator {
    return this.page.getByTestId('profile-email');
  }

  get roles(): Locator {
    return this.page.getByTestId('profile-roles');
  }

  get nameInput(): Locator {
    return this.page.getByLabel('Имя', { exact: true });
  }

  get phoneInput(): Locator {
    return this.page.getByLabel('Телефон', { exact: true });
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('profile-save-status');
  }

  /** Edits name and/or phone and saves; waits for the form (the profile must have reached the device). */
  async edit(changes: { name?: string; phone?: string }): Promise<void> {
    await this.page.getByTestId('profile-form').waitFor({ timeout: 30_000 });
    if (changes.name !== undefined) await this.nameInput.fill(changes.name);
    if (changes.phone !== undefined) await this.phoneInput.fill(changes.phone);
    await this.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Выйти на этом устройстве' }).click();
  }

  async signOutEverywhere(): Promise<void> {
    await this.page.getByRole('button', { name: 'Выйти на всех устройствах' }).click();
  }

  async deleteAccount(password: string): Promise<void> {
    await this.page.getByLabel('Пароль для подтверждения').fill(password);
    await this.page.getByRole('button', { name: 'Удалить аккаунт навсегда' }).click();
  }

  /** Waits until `locator`'s text is exactly `text` (trimmed). */
  async waitForText(locator: Locator, text: string): Promise<void> {
    await locator.filter({ hasText: text }).waitFor({ timeout: 30_000 });
  }
}
