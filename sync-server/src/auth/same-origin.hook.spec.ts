import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import type { SyncServer } from '../server';
import { GOOD_PASSWORD, TestBrowser } from './auth-test-client';

describe('same-origin check on writes (CSRF)', () => {
  let env: TestEnv;
  let server: SyncServer;
  let victim: TestBrowser;
  beforeAll(async () => {
    env = await createTestEnv();
    server = await env.start({ importDemoData: false, publicOrigin: 'https://app.example.ru' });
    victim = new TestBrowser(server.url);
    expect((await victim.signUp('victim@example.ru')).status).toBe(201);
  });
  afterAll(async () => env.cleanup());

  const patch = (headers: Record<string, string>) =>
    victim.call('PATCH', '/api/account/profile', { name: 'Взломщик' }, { sameOrigin: false, headers });

  it.each([
    ['a cross-site Origin', { origin: 'https://evil.example.com' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site', origin: 'https://app.example.ru' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
    ['Origin: null (sandboxed frame)', { origin: 'null' }],
    ['the session cookie without Origin or Sec-Fetch-Site', {}],
  ])('refuses %s with 403 forbidden and changes nothing', async (_name, headers) => {
    expect(await patch(headers)).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: expect.any(String) as string },
    });
    expect(await victim.session()).toMatchObject({ body: { user: { name: '' } } });
  });

  it("accepts the public origin, the server's own origin, and Sec-Fetch-Site: same-origin", async () => {
    expect((await patch({ origin: 'https://app.example.ru' })).status).toBe(200);
    expect((await patch({ origin: server.url })).status).toBe(200);
    expect((await patch({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('non-browser clients without a cookie need no Origin; reads are never checked', async () => {
    const cli = new TestBrowser(server.url);
    const signIn = await cli.call(
      'POST',
      '/api/auth/sign-in',
      { email: 'victim@example.ru', password: GOOD_PASSWORD },
      { sameOrigin: false },
    );
    expect(signIn.status).toBe(200);
    expect(
      (await victim.call('GET', '/api/auth/session', undefined, { headers: { origin: 'https://evil.example.com' } }))
        .status,
    ).toBe(200);
  });

  it('a cross-site sign-in (login CSRF) is refused too', async () => {
    const browser = new TestBrowser(server.url);
    const answer = await browser.call(
      'POST',
      '/api/auth/sign-in',
      { email: 'victim@example.ru', password: GOOD_PASSWORD },
      { sameOrigin: false, headers: { origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' } },
    );
    expect(answer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(browser.cookie).toBeUndefined();
  });

  it('guards /db writes the same way', async () => {
    const answer = await victim.call(
      'POST',
      '/db/profiles/_bulk_docs',
      { docs: [] },
      {
        sameOrigin: false,
        headers: { origin: 'https://evil.example.com' },
      },
    );
    expect(answer).toMatchObject({
      status: 403,
      body: { error: 'forbidden', reason: 'Cross-origin request refused.' },
    });
  });

  it('cannot be walked around with a percent-encoded path the router still matches', async () => {
    const before = await victim.session();
    const answer = await victim.call(
      'PATCH',
      '/%61pi/account/profile',
      { name: 'Другое имя' },
      { sameOrigin: false, headers: { origin: 'https://evil.example.com' } },
    );
    expect(answer.status).toBe(403);
    expect(await victim.session()).toEqual(before);
  });
});
