import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import type { SyncServer } from '../server';
import { GOOD_PASSWORD, TestBrowser } from '../auth/auth-test-client';

const NEW_PASSWORD = 'Зелёная черепаха 77';

describe("the signed-in user's own account", () => {
  let env: TestEnv;
  let server: SyncServer;
  beforeEach(async () => {
    env = await createTestEnv();
    server = await env.start({ importDemoData: false });
  });
  afterEach(async () => env.cleanup());

  it('PATCH profile normalises the phone and the name, and the synced profile document follows', async () => {
    const browser = new TestBrowser(server.url);
    const up = await browser.signUp('olga@example.ru');
    const userId = (up.body as { user: { id: string } }).user.id;
    const patched = await browser.call('PATCH', '/api/account/profile', {
      phone: '8 (910) 123-45-67',
      name: '  Ольга   Сергеевна ',
    });
    expect(patched).toMatchObject({ status: 200, body: { phone: '+79101234567', name: 'Ольга Сергеевна' } });
    expect(patched.headers.get('cache-control')).toBe('no-store');
    const profile = await (await server.store.database('profiles')).get(userId);
    expect(profile).toMatchObject({ _id: userId, email: 'olga@example.ru', phone: '+79101234567', roles: ['patient'] });

    expect(await browser.call('PATCH', '/api/account/profile', { phone: '12345' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_phone', field: 'phone' },
    });
    const removed = await browser.call('PATCH', '/api/account/profile', { phone: '' });
    expect(removed.status).toBe(200);
    expect(removed.body).not.toHaveProperty('phone');
    expect(await browser.call('PATCH', '/api/account/profile', {})).toMatchObject({ status: 400 });
    expect(await browser.call('PATCH', '/api/account/profile', { email: 'x@y.ru' })).toMatchObject({ status: 400 });
    expect(await new TestBrowser(server.url).call('PATCH', '/api/account/profile', { name: 'Кто' })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
  });

  it('a password change needs the current password, keeps this device and ends the others', async () => {
    const here = new TestBrowser(server.url);
    const there = new TestBrowser(server.url);
    await here.signUp('change@example.ru');
    await there.signIn('change@example.ru');

    expect(
      await here.call('POST', '/api/account/password', { currentPassword: 'не тот 12345', newPassword: NEW_PASSWORD }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_credentials', field: 'currentPassword' } });
    expect(
      await here.call('POST', '/api/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'qwerty123' }),
    ).toMatchObject({ status: 400, body: { error: 'password_common', field: 'newPassword' } });
    expect((await there.session()).status).toBe(200);

    const changed = await here.call('POST', '/api/account/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect((await here.session()).status).toBe(200);
    expect((await there.session()).status).toBe(401);
    expect((await new TestBrowser(server.url).signIn('change@example.ru')).status).toBe(401);
    expect((await new TestBrowser(server.url).signIn('change@example.ru', NEW_PASSWORD)).status).toBe(200);
  });

  it('deleting the account ends its sessions, removes the profile and frees the email', async () => {
    const here = new TestBrowser(server.url);
    const there = new TestBrowser(server.url);
    const up = await here.signUp('leaving@example.ru');
    const userId = (up.body as { user: { id: string } }).user.id;
    await there.signIn('leaving@example.ru');

    expect(await here.call('POST', '/api/account/delete', { password: 'не тот 12345' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_credentials' },
    });
    expect((await here.call('POST', '/api/account/delete', { password: GOOD_PASSWORD })).status).toBe(204);
    expect(here.cookie).toBeUndefined();
    expect((await there.session()).status).toBe(401);
    expect(await (await server.store.database('profiles')).get(userId)).toBeNull();
    expect((await new TestBrowser(server.url).signIn('leaving@example.ru')).status).toBe(401);

    const again = await new TestBrowser(server.url).signUp('Leaving@example.ru', NEW_PASSWORD);
    expect(again).toMatchObject({ status: 201, body: { user: { email: 'leaving@example.ru' } } });
    expect((again.body as { user: { id: string } }).user.id).not.toBe(userId);
  });
});
