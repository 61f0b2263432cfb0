import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { GOOD_PASSWORD, TestBrowser } from '../auth/auth-test-client';

const ADMIN = { adminEmail: 'Root@Example.ru', adminPassword: 'Главный админ 2026' };

describe('roles and the first admin', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('ADMIN_EMAIL creates an admin who grants manager; non-admins get 403, anonymous 401', async () => {
    env = await createTestEnv();
    const server = await env.start({ importDemoData: false, ...ADMIN });
    const admin = new TestBrowser(server.url);
    expect(await admin.signIn('root@example.ru', ADMIN.adminPassword)).toMatchObject({
      status: 200,
      body: { user: { roles: ['patient', 'admin'] } },
    });
    const patient = new TestBrowser(server.url);
    const up = await patient.signUp('clinic.owner@example.ru');
    const userId = (up.body as { user: { id: string } }).user.id;

    const found = await admin.call('GET', '/api/admin/users?email=Clinic.O');
    expect(found).toMatchObject({ status: 200, body: { users: [{ id: userId, email: 'clinic.owner@example.ru' }] } });

    const granted = await admin.call('PUT', `/api/admin/users/${userId}/roles`, { roles: ['manager'] });
    expect(granted).toMatchObject({ status: 200, body: { id: userId, roles: ['patient', 'manager'] } });
    // The user sees the new role at once (roles are read with the session), and in the synced profile.
    expect(await patient.session()).toMatchObject({ body: { user: { roles: ['patient', 'manager'] } } });
    expect(await (await server.store.database('profiles')).get(userId)).toMatchObject({
      roles: ['patient', 'manager'],
    });

    expect(await patient.call('PUT', `/api/admin/users/${userId}/roles`, { roles: ['admin'] })).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
    expect(await patient.call('GET', '/api/admin/users')).toMatchObject({ status: 403 });
    const anonymous = new TestBrowser(server.url);
    expect(await anonymous.call('GET', '/api/admin/users')).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });

    const adminId = ((await admin.session()).body as { user: { id: string } }).user.id;
    expect(await admin.call('PUT', `/api/admin/users/${adminId}/roles`, { roles: ['patient'] })).toMatchObject({
      status: 400,
      body: { error: 'bad_request', reason: expect.stringContaining('own roles') as string },
    });
    expect(
      await admin.call('PUT', '/api/admin/users/uaaaaaaaaaaaaaaaaaaaa/roles', { roles: ['manager'] }),
    ).toMatchObject({
      status: 404,
    });
    expect(await admin.call('PUT', `/api/admin/users/${userId}/roles`, { roles: ['root'] })).toMatchObject({
      status: 400,
    });
    expect(await admin.call('GET', '/api/admin/users?limit=abc')).toMatchObject({ status: 400 });
  });

  it('ADMIN_EMAIL promotes an existing account without touching its password', async () => {
    env = await createTestEnv();
    const first = await env.start({ importDemoData: false });
    await new TestBrowser(first.url).signUp('root@example.ru');
    await first.close();

    const second = await env.start({ importDemoData: false, ...ADMIN });
    const browser = new TestBrowser(second.url);
    expect((await browser.signIn('root@example.ru', ADMIN.adminPassword)).status).toBe(401);
    expect(await browser.signIn('root@example.ru', GOOD_PASSWORD)).toMatchObject({
      status: 200,
      body: { user: { roles: ['patient', 'admin'] } },
    });
    await second.close();
    // A third start changes nothing and still starts.
    const third = await env.start({ importDemoData: false, ...ADMIN });
    expect((await new TestBrowser(third.url).signIn('root@example.ru', GOOD_PASSWORD)).status).toBe(200);
  });
});
