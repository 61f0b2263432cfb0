import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { extractLink, mailTo, startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';
import type { SyncServer } from '../server';
import { TestBrowser } from './auth-test-client';

const ORIGIN = 'https://app.example.ru';
const NEW_PASSWORD = 'Синий трамвай 1905';

function tokenOf(link: string): string {
  const url = new URL(link);
  expect(url.origin + url.pathname).toBe(`${ORIGIN}/reset-password`);
  expect(url.search).toBe('');
  return new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
}

describe('password reset by mail', () => {
  let env: TestEnv;
  let smtp: SmtpCapture;
  let server: SyncServer;
  let clock: number;
  beforeEach(async () => {
    env = await createTestEnv();
    smtp = await startSmtpCapture();
    clock = Date.parse('2026-03-01T09:00:00Z');
    server = await env.start({ importDemoData: false, smtpUrl: smtp.url, publicOrigin: ORIGIN, now: () => clock });
  });
  afterEach(async () => {
    await env.cleanup();
    await smtp.close();
  });

  /** The browser on the public origin (the proxy forwards its Origin unchanged). */
  const browserAt = () => {
    const b = new TestBrowser(server.url);
    const call = b.call.bind(b);
    b.call = (method, path, body, options = {}) =>
      call(method, path, body, { ...options, headers: { origin: ORIGIN, ...options.headers } });
    return b;
  };

  async function requestLink(email: string, locale?: 'en'): Promise<{ token: string; text: string; subject: string }> {
    const answer = await browserAt().call('POST', '/api/auth/password-reset', { email, ...(locale ? { locale } : {}) });
    expect(answer).toMatchObject({ status: 202, body: { ok: true } });
    const mail = await smtp.waitForMail(mailTo(email.toLowerCase()));
    smtp.messages.splice(smtp.messages.indexOf(mail), 1);
    return { token: tokenOf(extractLink(mail, '/reset-password')), text: mail.text ?? '', subject: mail.subject ?? '' };
  }

  it('mails a Russian link; confirming sets the password, ends every session and signs in afresh', async () => {
    const phone = browserAt();
    await phone.signUp('forgot@example.ru');
    const { token, text, subject } = await requestLink('Forgot@Example.ru');
    expect(subject).toMatch(/восстановление пароля/i);
    expect(text).toMatch(/Здравствуйте/);
    expect(text).toMatch(/1 час/);
    expect(text).toMatch(/проигнорируйте/);

    const laptop = browserAt();
    const confirmed = await laptop.call('POST', '/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
    expect(confirmed).toMatchObject({ status: 200, body: { user: { email: 'forgot@example.ru' } } });
    expect(laptop.cookie).toBeDefined();
    expect((await laptop.session()).status).toBe(200);
    expect((await phone.session()).status).toBe(401);
    expect((await browserAt().signIn('forgot@example.ru')).status).toBe(401);
    expect((await browserAt().signIn('forgot@example.ru', NEW_PASSWORD)).status).toBe(200);

    // Single use.
    expect(
      await browserAt().call('POST', '/api/auth/password-reset/confirm', { token, password: 'Ещё один пароль 42' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_token' } });
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    await browserAt().signUp('known@example.ru');
    const known = await browserAt().call('POST', '/api/auth/password-reset', { email: 'known@example.ru' });
    const unknown = await browserAt().call('POST', '/api/auth/password-reset', { email: 'nobody@example.ru' });
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await smtp.waitForMail(mailTo('known@example.ru'));
    await server.auth.resets.settle();
    expect(smtp.messages.flatMap((m) => (m.to && !Array.isArray(m.to) ? [m.to.text] : []))).toEqual([
      'known@example.ru',
    ]);
  });

  it('writes English when asked', async () => {
    await browserAt().signUp('english@example.ru');
    const { text, subject } = await requestLink('english@example.ru', 'en');
    expect(subject).toMatch(/reset your password/i);
    expect(text).toMatch(/valid for 1 hour/);
    expect(text).toMatch(/ignore this mail/);
  });

  it('two concurrent confirms of one link: exactly one wins', async () => {
    await browserAt().signUp('race@example.ru');
    const { token } = await requestLink('race@example.ru');
    const answers = await Promise.all(
      ['Первый пароль 2026', 'Второй пароль 2026', 'Третий пароль 2026'].map((password) =>
        browserAt().call('POST', '/api/auth/password-reset/confirm', { token, password }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
  });

  it('a refused password leaves the link usable; an expired, forged or superseded link is invalid_token', async () => {
    await browserAt().signUp('careful@example.ru');
    const first = await requestLink('careful@example.ru');
    const confirm = (token: string, password = NEW_PASSWORD) =>
      browserAt().call('POST', '/api/auth/password-reset/confirm', { token, password });

    expect(await confirm(first.token, 'password1')).toMatchObject({
      status: 400,
      body: { error: 'password_common', field: 'password' },
    });
    const dot = first.token.lastIndexOf('.');
    const forged = `${first.token.slice(0, dot)}.${'a'.repeat(32)}`;
    for (const bad of [forged, 'nonsense', `${first.token}x`]) {
      expect(await confirm(bad)).toMatchObject({ status: 400, body: { error: 'invalid_token' } });
    }

    clock += 61 * 60_000;
    expect(await confirm(first.token)).toMatchObject({ status: 400, body: { error: 'invalid_token' } });

    // A fresh link works, and using it voids every other link of the user.
    const second = await requestLink('careful@example.ru');
    const third = await requestLink('careful@example.ru');
    expect((await confirm(second.token)).status).toBe(200);
    expect(await confirm(third.token, 'Совсем другой пароль 9')).toMatchObject({
      status: 400,
      body: { error: 'invalid_token' },
    });
  });
});
