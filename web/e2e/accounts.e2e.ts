import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { extractLink, mailTo, startSmtpCapture, type SmtpCapture } from '@poisklinik/sync-server/test-support';
import { launchChromium } from './support/browser';
import { usePages } from './support/pages';
import { startSyncServer, storeUserDocs, type TestServer } from './support/sync-server';
import { ForgotPasswordPage, ProfilePage, ResetPasswordPage, SignInPage, SignUpPage } from './pages/account.page';

type StoredProfile = { _id: string; email: string; name: string; phone?: string };

const WRONG_CREDENTIALS = 'Неверный адрес электронной почты или пароль.';

let test: TestServer;
let browser: Browser;
let smtp: SmtpCapture;
const pages = usePages(() => browser);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  [test, browser] = await Promise.all([startSyncServer({ smtpUrl: smtp.url }), launchChromium()]);
});

afterAll(async () => {
  await pages.closeAll();
  await browser?.close();
  await test?.stop();
  await smtp?.close();
});

/** The profile the server stores for this email (the test's independent source of truth). */
async function serverProfile(email: string): Promise<StoredProfile | undefined> {
  const docs = await storeUserDocs<StoredProfile>(test.server, 'profiles');
  return docs.find((d) => d.email === email);
}

/** Polls the server's store until `accept` holds: replication is asynchronous by nature. */
async function serverProfileWhen(email: string, accept: (p: StoredProfile) => boolean): Promise<StoredProfile> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const profile = await serverProfile(email);
    if (profile && accept(profile)) return profile;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `the server never stored the expected profile of ${email}: ${JSON.stringify(await serverProfile(email))}`,
  );
}

describe('accounts', () => {
  it('signs up, saves a normalised phone to the server, signs out, and signs in again', async () => {
    const page = await (await pages.newContext()).newPage();
    const email = 'anna.ivanova@example.ru';
    const password = 'калужское-тесто-2026';

    const signUp = new SignUpPage(page);
    await signUp.goto(test.server.url);
    await signUp.header.waitForText('Войти');
    await signUp.signUp(email, password, 'Анна');

    const profile = new ProfilePage(page);
    await profile.waitForPage();
    expect(await profile.email.innerText()).toBe(email);
    expect(await profile.roles.innerText()).toBe('пациент');
    await profile.header.waitForText('Анна');

    // An invalid phone is refused on the spot, before anything is stored.
    await profile.edit({ phone: '12345' });
    expect(await profile.fieldError('phone').innerText()).toBe('Введите российский номер, например 8 (910) 123-45-67.');

    await profile.edit({ phone: '8 (910) 123-45-67' });
    await profile.waitForText(profile.saveStatus, 'Отправлено');
    expect(await profile.phoneInput.inputValue()).toBe('+7 910 123-45-67');
    const stored = await serverProfileWhen(email, (p) => p.phone !== undefined);
    expect(stored.phone).toBe('+79101234567');
    expect(stored.name).toBe('Анна');

    await profile.signOut();
    await profile.header.waitForText('Войти');

    const signIn = new SignInPage(page);
    await signIn.goto(test.server.url);
    await signIn.signIn(email, 'не-тот-пароль-2026');
    await signIn.formError.filter({ hasText: WRONG_CREDENTIALS }).waitFor();
    expect(await signIn.header.link.innerText()).toBe('Войти');

    await signIn.signIn(email, password);
    await profile.waitForPage();
    await profile.header.waitForText('Анна');
    // Signing out deleted the local copy; the phone comes back from the server.
    await page.getByTestId('profile-form').waitFor({ timeout: 30_000 });
    expect(await profile.phoneInput.inputValue()).toBe('+7 910 123-45-67');
  });

  it('resets a forgotten password with the link from the mail, once', async () => {
    const page = await (await pages.newContext()).newPage();
    const email = 'boris.petrov@example.ru';
    const oldPassword = 'старый-пароль-калуга';
    const newPassword = 'новый-пароль-ярославль';

    const signUp = new SignUpPage(page);
    await signUp.goto(test.server.url);
    await signUp.signUp(email, oldPassword, 'Борис');
    const profile = new ProfilePage(page);
    await profile.waitForPage();
    await profile.signOut();
    await profile.header.waitForText('Войти');

    const signIn = new SignInPage(page);
    await signIn.goto(test.server.url);
    await signIn.forgotLink.click();
    const forgot = new ForgotPasswordPage(page);
    await page.getByTestId('forgot-password-page').waitFor();
    await forgot.request(email);
    expect(await forgot.confirmation.innerText()).toContain('Если такой адрес зарегистрирован, мы отправили письмо');

    // An address without an account gets exactly the same answer (and no mail).
    await forgot.goto(test.server.url);
    await forgot.request('nobody.here@example.ru');
    expect(await forgot.confirmation.innerText()).toContain('Если такой адрес зарегистрирован, мы отправили письмо');

    const mail = await smtp.waitForMail(mailTo(email), { timeoutMs: 30_000 });
    expect(mail.subject).toBe('ПоисКлиник: восстановление пароля');
    const link = extractLink(mail, '/reset-password');
    expect(new URL(link).origin).toBe(test.server.url);

    const reset = new ResetPasswordPage(page);
    await reset.open(link);
    // The token leaves the address bar at once.
    await page.waitForFunction(() => location.hash === '');
    expect(page.url()).toBe(`${test.server.url}/reset-password`);
    await reset.setPassword(newPassword);
    await profile.waitForPage();
    await profile.header.waitForText('Борис');
    expect(await profile.email.innerText()).toBe(email);

    await profile.signOut();
    await profile.header.waitForText('Войти');
    await signIn.goto(test.server.url);
    await signIn.signIn(email, oldPassword);
    await signIn.formError.filter({ hasText: WRONG_CREDENTIALS }).waitFor();
    await signIn.signIn(email, newPassword);
    await profile.waitForPage();
    await profile.header.waitForText('Борис');

    // The same link a second time is refused.
    await reset.open(link);
    await reset.setPassword('третий-пароль-тверь');
    await reset.formError
      .filter({ hasText: 'Ссылка недействительна: она устарела или уже использована. Запросите новую.' })
      .waitFor();
    expect(smtp.messages.filter(mailTo('nobody.here@example.ru'))).toEqual([]);
  });

  it('keeps an offline edit queued across an expired session and sends it after signing in again', async () => {
    const email = 'vera.sidorova@example.ru';
    const password = 'тульский-пряник-2026';
    const contextA = await pages.newContext();
    const pageA = await contextA.newPage();

    const signUp = new SignUpPage(pageA);
    await signUp.goto(test.server.url);
    await signUp.signUp(email, password, 'Вера');
    const profileA = new ProfilePage(pageA);
    await profileA.waitForPage();
    await pageA.getByTestId('profile-form').waitFor({ timeout: 30_000 });
    await profileA.waitForServiceWorker();

    // Offline reload: still signed in, and the screen says so.
    await contextA.setOffline(true);
    await pageA.reload();
    await profileA.waitForPage();
    await profileA.offlineNote.waitFor({ timeout: 30_000 });
    expect(await profileA.offlineNote.innerText()).toMatch(/^Нет сети: вы вошли как Вера \(проверено .+\)$/);
    await profileA.header.waitForText('Вера');

    await profileA.edit({ name: 'Вера Сидорова' });
    await profileA.waitForText(profileA.saveStatus, 'Сохранено на устройстве, отправится при подключении');
    await profileA.waitForText(profileA.waitingNote, '1 изменение ждёт отправки');

    // Elsewhere the same user ends every session.
    const pageB = await (await pages.newContext()).newPage();
    const signInB = new SignInPage(pageB);
    await signInB.goto(test.server.url);
    await signInB.signIn(email, password);
    const profileB = new ProfilePage(pageB);
    await profileB.waitForPage();
    await profileB.signOutEverywhere();
    await profileB.header.waitForText('Войти');

    // Back online, the first device learns its session has ended; the edit still waits.
    await contextA.setOffline(false);
    await profileA.expiredNote.waitFor({ timeout: 30_000 });
    expect(await profileA.expiredNote.innerText()).toBe('Сессия истекла — войдите снова; 1 изменение ждёт отправки');
    await profileA.header.waitForText('Сессия истекла');
    expect((await serverProfile(email))?.name).toBe('Вера');

    await profileA.header.link.click();
    const signInA = new SignInPage(pageA);
    await pageA.getByTestId('sign-in-page').waitFor();
    expect(await pageA.getByLabel('Электронная почта').inputValue()).toBe(email);
    await signInA.signIn(email, password);
    await profileA.waitForPage();

    const stored = await serverProfileWhen(email, (p) => p.name !== 'Вера');
    expect(stored.name).toBe('Вера Сидорова');
    await profileA.waitForText(profileA.saveStatus, 'Отправлено');
    await profileA.header.waitForText('Вера Сидорова');
    expect(await profileA.expiredNote.count()).toBe(0);
  });

  it('warns before an offline sign-out drops unsent changes, and the sign-out holds once back online', async () => {
    const email = 'gleb.orlov@example.ru';
    const password = 'орловский-рысак-2026';
    const context = await pages.newContext();
    const page = await context.newPage();
    const signUp = new SignUpPage(page);
    await signUp.goto(test.server.url);
    await signUp.signUp(email, password, 'Глеб');
    const profile = new ProfilePage(page);
    await profile.waitForPage();
    await page.getByTestId('profile-form').waitFor({ timeout: 30_000 });

    await context.setOffline(true);
    await profile.offlineNote.waitFor();
    await profile.edit({ name: 'Глеб Орлов' });
    await profile.waitForText(profile.waitingNote, '1 изменение ждёт отправки');
    await profile.signOut();
    const warning = page.getByTestId('sign-out-warning');
    expect(await warning.innerText()).toBe('На этом устройстве 1 изменение не отправлено — при выходе оно пропадёт.');
    await page.getByRole('button', { name: 'Выйти всё равно' }).click();
    await profile.header.waitForText('Войти');

    // The cookie could not be ended offline; back online the app ends it instead of signing the user back in.
    await context.setOffline(false);
    await page.reload();
    let status = 0;
    for (let attempt = 0; attempt < 150 && status !== 401; attempt++) {
      // The browser's own cookie jar: what the app would send.
      status = (await context.request.get(`${test.server.url}/api/auth/session`)).status();
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    await page.reload();
    await profile.header.waitForText('Войти');
    expect((await serverProfile(email))?.name).toBe('Глеб');
  });

  it('deletes the account only with the right password, then the account is gone', async () => {
    const email = 'darya.kozlova@example.ru';
    const password = 'смоленская-крепость-2026';
    const page = await (await pages.newContext()).newPage();
    const signUp = new SignUpPage(page);
    await signUp.goto(test.server.url);
    await signUp.signUp(email, password, 'Дарья');
    const profile = new ProfilePage(page);
    await profile.waitForPage();
    await page.getByTestId('profile-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('delete-account-form').innerText()).toContain('Будущие записи к врачам отменятся');

    await profile.deleteAccount('не-мой-пароль-2026');
    await profile.fieldError('delete-password').filter({ hasText: 'Неверный пароль.' }).waitFor();
    expect(await profile.email.innerText()).toBe(email);

    await profile.deleteAccount(password);
    await profile.header.waitForText('Войти');
    // The app forgets the user only after the server answered the deletion, so the store is final by now.
    expect(await serverProfile(email)).toBeUndefined();
    const signIn = new SignInPage(page);
    await signIn.goto(test.server.url);
    await signIn.signIn(email, password);
    await signIn.formError.filter({ hasText: WRONG_CREDENTIALS }).waitFor();
  });

  it('shows the sign-in page in English to an English-speaking browser', async () => {
    const page = await (await pages.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
    const signIn = new SignInPage(page);
    await signIn.goto(test.server.url);
    expect(await signIn.heading.innerText()).toBe('Sign in');
    await page.getByLabel('Email').fill('someone@example.ru');
    await page.getByLabel('Password', { exact: true }).fill('a-wrong-password');
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signIn.formError.filter({ hasText: 'Wrong email or password.' }).waitFor();
    expect(await signIn.header.link.innerText()).toBe('Sign in');
  });
});
