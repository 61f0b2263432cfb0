// Route schemas on the real server: a request that breaks one is answered 400 {error: 'bad_request', reason}
// naming the field — unknown fields included — and only after the route's access check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, manageRoutes } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { GOOD_PASSWORD, TestBrowser } from '../auth/auth-test-client';
import { clinicFixture } from '../test-support/fixtures';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

const ADMIN = { adminEmail: 'root@example.ru', adminPassword: 'Главный админ 2026' };

let env: TestEnv;
let server: SyncServer;
let patient: TestBrowser;
let admin: TestBrowser;

beforeAll(async () => {
  env = await createTestEnv();
  server = await env.start({ ...ADMIN, scheduler: false });
  patient = new TestBrowser(server.url);
  expect((await patient.signUp('patient@example.ru')).status).toBe(201);
  admin = new TestBrowser(server.url);
  expect((await admin.signIn(ADMIN.adminEmail, ADMIN.adminPassword)).status).toBe(200);
});
afterAll(async () => env.cleanup());

const badRequest = (reason: string | RegExp) => ({
  status: 400,
  body: {
    error: 'bad_request',
    reason: (typeof reason === 'string' ? expect.stringContaining(reason) : expect.stringMatching(reason)) as string,
  },
});

describe('request validation', { timeout: 60_000 }, () => {
  it('names the wrong field of a body, however deep', async () => {
    const stranger = new TestBrowser(server.url);
    expect(await stranger.call('POST', accountRoutes.signUp, { email: 5, password: GOOD_PASSWORD })).toMatchObject(
      badRequest('/email must be string'),
    );
    expect(await stranger.call('POST', accountRoutes.signIn, { email: 'a@example.ru' })).toMatchObject(
      badRequest("must have required property 'password'"),
    );
    const { id: _id, updatedAt: _u, ...draft } = clinicFixture('clinic-new', 'Новая клиника');
    const hours = [{ day: 1, from: '08:00', to: '25:99' }];
    const answer = await patient.call('PUT', `${manageRoutes.clinics}/clinic-new`, { clinic: { ...draft, hours } });
    expect(answer).toMatchObject(badRequest(/\/clinic\/hours\/0\/to must match pattern/));
  });

  it('refuses an unknown field instead of dropping it', async () => {
    const stranger = new TestBrowser(server.url);
    const answer = await stranger.call('POST', accountRoutes.signUp, {
      email: 'extra@example.ru',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    expect(answer).toMatchObject(badRequest('/roles is not a known field'));
    // Nothing was created on the way.
    expect((await stranger.signIn('extra@example.ru')).status).toBe(401);
    expect(await patient.call('PATCH', accountRoutes.profile, { name: 'Анна', isAdmin: true })).toMatchObject(
      badRequest('/isAdmin is not a known field'),
    );
  });

  it('does not coerce body types: a number is not a string', async () => {
    expect(await patient.call('PATCH', accountRoutes.profile, { phone: 89001234567 })).toMatchObject(
      badRequest('/phone must be string'),
    );
    expect((await patient.call('GET', accountRoutes.profile)).body).not.toHaveProperty('phone');
  });

  it('reads query strings as typed values and names a wrong one', async () => {
    expect(await admin.call('GET', '/api/admin/scheduler/runs?limit=2')).toMatchObject({ status: 200 });
    expect(await admin.call('GET', '/api/admin/scheduler/runs?limit=zero')).toMatchObject(
      badRequest('(query string): /limit must be integer'),
    );
    expect(await admin.call('GET', '/api/admin/scheduler/runs?limit=500')).toMatchObject(
      badRequest('/limit must be <= 100'),
    );
    expect(await admin.call('GET', `${accountRoutes.adminUsers}?emial=anna`)).toMatchObject(
      badRequest('/emial is not a known field'),
    );
  });

  it('checks who is asking before the body: strangers learn nothing from the validator', async () => {
    const stranger = new TestBrowser(server.url);
    expect(await stranger.call('PATCH', accountRoutes.profile, { roles: ['admin'] })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    expect(
      await patient.call('PUT', accountRoutes.adminUserRoles('uaaaaaaaaaaaaaaaaaaaa'), { roles: 7 }),
    ).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await admin.call('PUT', accountRoutes.adminUserRoles('uaaaaaaaaaaaaaaaaaaaa'), { roles: 7 })).toMatchObject(
      badRequest('/roles must be array'),
    );
  });
});
