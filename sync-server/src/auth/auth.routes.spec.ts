import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import type { SyncServer } from '../server';
import { GOOD_PASSWORD, TestBrowser } from './auth-test-client';

describe('sign-up, sign-in, sign-out', () => {
  let env: TestEnv;
  let server: SyncServer;
  beforeEach(async () => {
    env = await createTestEnv();
    server = await env.start({ importDemoData: false });
  });
  afterEach(async () => env.cleanup());

  it('signs up with a session cookie, knows the user on the next request, signs out on this device', async () => {
    const browser = new TestBrowser(server.url);
    const up = await browser.signUp(' Ivan.Petrov@Mail.RU ', GOOD_PASSWORD, '  Иван   Петров ');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      user: { email: 'ivan.petrov@mail.ru', name: 'Иван Петров', roles: ['patient'] },
      expiresAt: expect.any(String) as string,
    });
    expect(up.headers.get('cache-control')).toBe('no-store');
    expect(browser.cookie).toBeDefined();
    expect(await browser.session()).toMatchObject({ status: 200, body: { user: { email: 'ivan.petrov@mail.ru' } } });

    expect((await browser.call('POST', '/api/auth/sign-out')).status).toBe(204);
    expect(browser.cookie).toBeUndefined();
    expect(await browser.session()).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  it('the email is case-insensitive: a second sign-up is email_taken, sign-in works in any case', async () => {
    const first = new TestBrowser(server.url);
    expect((await first.signUp('anna@example.ru')).status).toBe(201);
    const second = new TestBrowser(server.url);
    expect(await second.signUp('ANNA@Example.RU', 'другой пароль 2026')).toMatchObject({
      status: 409,
      body: { error: 'email_taken', field: 'email' },
    });
    expect(second.cookie).toBeUndefined();
    const signIn = await second.signIn('Anna@EXAMPLE.ru');
    expect(signIn).toMatchObject({ status: 200, body: { user: { email: 'anna@example.ru' } } });
    expect(second.cookie).toBeDefined();
  });

  it('two concurrent sign-ups with one email: exactly one account', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => new TestBrowser(server.url).signUp('race@example.ru')),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('refuses short, common and email-like passwords, and bad emails and names, naming the field', async () => {
    const browser = new TestBrowser(server.url);
    const cases: [Record<string, string>, string, string][] = [
      [{ email: 'a@example.ru', password: 'short' }, 'password_too_short', 'password'],
      [{ email: 'a@example.ru', password: 'Password123' }, 'password_common', 'password'],
      [{ email: 'a@example.ru', password: 'ЙЦУКЕНГШ' }, 'password_common', 'password'],
      [{ email: 'mariya.ivanova@example.ru', password: 'Mariya.Ivanova' }, 'password_common', 'password'],
      [{ email: 'not-an-email', password: GOOD_PASSWORD }, 'invalid_email', 'email'],
      [{ email: 'a@example.ru', password: GOOD_PASSWORD, name: 'A\u202eB' }, 'invalid_name', 'name'],
    ];
    for (const [body, error, field] of cases) {
      expect(await browser.call('POST', '/api/auth/sign-up', body)).toMatchObject({
        status: 400,
        body: { error, field, reason: expect.any(String) as string },
      });
    }
    expect(browser.cookie).toBeUndefined();
  });

  it('malformed bodies are 400 bad_request JSON, never a 5xx', async () => {
    const browser = new TestBrowser(server.url);
    for (const body of [
      {},
      { email: 'a@b.ru' },
      { email: 1, password: 2 },
      { email: 'a@b.ru', password: 'x', extra: 1 },
    ]) {
      expect(await browser.call('POST', '/api/auth/sign-in', body)).toMatchObject({
        status: 400,
        body: { error: 'bad_request' },
      });
    }
    const raw = await fetch(`${server.url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: '{"email":',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: 'bad_request' });
  });

  it('a wrong password and an unknown email get the same answer', async () => {
    await new TestBrowser(server.url).signUp('known@example.ru');
    const browser = new TestBrowser(server.url);
    const wrong = await browser.signIn('known@example.ru', 'не тот пароль 2026');
    const unknown = await browser.signIn('unknown@example.ru');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(browser.cookie).toBeUndefined();
  });

  it('sign-out everywhere ends the sessions of every device', async () => {
    const phone = new TestBrowser(server.url);
    const laptop = new TestBrowser(server.url);
    await phone.signUp('many@example.ru');
    await laptop.signIn('many@example.ru');
    expect((await laptop.session()).status).toBe(200);
    expect((await phone.call('POST', '/api/auth/sign-out-everywhere')).status).toBe(204);
    expect((await laptop.session()).status).toBe(401);
    expect((await phone.session()).status).toBe(401);
    expect(await new TestBrowser(server.url).call('POST', '/api/auth/sign-out-everywhere')).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
  });

  it('cookie: HttpOnly, SameSite=Lax, Path=/, Max-Age of the idle expiry, no Secure on plain http', async () => {
    const browser = new TestBrowser(server.url);
    await browser.signUp('cookie@example.ru');
    const line = browser.lastSetCookie.find((l) => l.startsWith('pk_session='));
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(new RegExp(`; Max-Age=${30 * 24 * 3600}`));
    expect(line).not.toMatch(/Secure/);
  });

  it('the store holds only the hash of the session secret, and tampered or forged tokens are refused', async () => {
    const browser = new TestBrowser(server.url);
    await browser.signUp('hash@example.ru');
    const token = browser.cookie ?? '';
    const secret = token.slice(token.lastIndexOf('.') + 1);
    const sessionId = token.slice(0, token.lastIndexOf('.'));
    const db = await server.store.database('sessions');
    const { rows } = await db.allDocs({ includeDocs: true });
    const stored = JSON.stringify(rows);
    expect(stored).toContain(sessionId);
    expect(stored).not.toContain(secret);

    const flipped = `${sessionId}.${secret.startsWith('a') ? 'b' : 'a'}${secret.slice(1)}`;
    for (const forged of [flipped, `${sessionId}.`, sessionId, `${token}x`, 'garbage', `../${token}`]) {
      const other = new TestBrowser(server.url);
      other.cookie = forged;
      expect(await other.session()).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
      // The browser is told to drop the bad cookie.
      expect(other.cookie).toBeUndefined();
    }
    expect((await browser.session()).status).toBe(200);
  });
});

describe('cookie over https', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('is Secure when PUBLIC_ORIGIN is https', async () => {
    env = await createTestEnv();
    const server = await env.start({ importDemoData: false, publicOrigin: 'https://poisklinik.example.ru' });
    const browser = new TestBrowser(server.url);
    // A browser on the public origin sends that origin; the proxy forwards it unchanged.
    const up = await browser.call(
      'POST',
      '/api/auth/sign-up',
      { email: 'secure@example.ru', password: GOOD_PASSWORD },
      { headers: { origin: 'https://poisklinik.example.ru' } },
    );
    expect(up.status).toBe(201);
    expect(browser.lastSetCookie.find((l) => l.startsWith('pk_session='))).toMatch(/; Secure/);
  });
});
