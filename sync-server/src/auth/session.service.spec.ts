import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { startCouchStandIn } from '../store/couchdb-stand-in.fixture';
import { TestBrowser } from './auth-test-client';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('sessions', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('sliding idle expiry: each use (written at most hourly) moves the end; an idle session ends', async () => {
    env = await createTestEnv();
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const server = await env.start({ importDemoData: false, sessionIdleDays: 30, now: () => clock });
    const browser = new TestBrowser(server.url);
    const up = await browser.signUp('slide@example.ru');
    expect((up.body as { expiresAt: string }).expiresAt).toBe(new Date(clock + 30 * DAY).toISOString());
    const first = (up.body as { expiresAt: string }).expiresAt;

    clock += 10 * MINUTE;
    const soon = await browser.session();
    expect(soon).toMatchObject({ status: 200, body: { expiresAt: first } });
    expect(browser.lastSetCookie).toEqual([]);

    clock += 2 * HOUR;
    const later = await browser.session();
    expect(later).toMatchObject({ status: 200, body: { expiresAt: new Date(clock + 30 * DAY).toISOString() } });
    expect(browser.lastSetCookie.some((l) => l.startsWith('pk_session=') && /Max-Age=2592000/.test(l))).toBe(true);

    // 29 days after the last use is past the first expiry but within the moved one.
    clock += 29 * DAY;
    expect((await browser.session()).status).toBe(200);

    clock += 30 * DAY + MINUTE;
    expect(await browser.session()).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(browser.cookie).toBeUndefined();
    const sessions = await server.store.database('sessions');
    expect((await sessions.info()).docCount).toBe(0);
  });

  it('a session made on one server instance is accepted by another on the same store', async () => {
    env = await createTestEnv();
    const first = await env.start({ importDemoData: false });
    const browser = new TestBrowser(first.url);
    await browser.signUp('shared@example.ru');
    const token = browser.cookie;
    await first.close();

    const second = await env.start({ importDemoData: false });
    const other = new TestBrowser(second.url);
    other.cookie = token;
    expect(await other.session()).toMatchObject({ status: 200, body: { user: { email: 'shared@example.ru' } } });
  });

  it('two instances running at once on one CouchDB share sessions and sign-outs', async () => {
    env = await createTestEnv();
    // A real CouchDB when COUCHDB_URL is set; otherwise the store's in-process stand-in.
    const standIn = process.env.COUCHDB_URL ? undefined : await startCouchStandIn();
    try {
      const couchdbUrl = process.env.COUCHDB_URL ?? standIn?.url;
      const a = await env.start({ importDemoData: false, couchdbUrl });
      const b = await env.start({ importDemoData: false, couchdbUrl, dataDir: `${env.root}/other` });
      const email = `two-${Date.now().toString(36)}@example.ru`;
      const onA = new TestBrowser(a.url);
      await onA.signUp(email);
      const onB = new TestBrowser(b.url);
      onB.cookie = onA.cookie;
      expect(await onB.session()).toMatchObject({ status: 200, body: { user: { email } } });
      expect((await onB.call('POST', '/api/auth/sign-out')).status).toBe(204);
      expect((await onA.session()).status).toBe(401);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await standIn?.stop();
    }
  });

  it('a disabled account has no session', async () => {
    env = await createTestEnv();
    const server = await env.start({ importDemoData: false });
    const browser = new TestBrowser(server.url);
    const up = await browser.signUp('disabled@example.ru');
    const userId = (up.body as { user: { id: string } }).user.id;
    const accounts = await server.store.database('accounts');
    const doc = await accounts.get(userId);
    await accounts.put({ ...doc!, disabled: true });
    expect((await browser.session()).status).toBe(401);
    expect(await browser.signIn('disabled@example.ru')).toMatchObject({
      status: 403,
      body: { error: 'account_disabled' },
    });
  });
});
