// Disabling an account through the real admin route: what the disabled user and the admin then see.
import { describe, expect, it } from 'vitest';
import { accountRoutes, adminRoutes, type AccountView } from '@poisklinik/shared';
import { call, signIn, signUp } from '../authz/session-client';
import { postJson } from '../test-support/test-server';
import { useAdminWorld } from './admin-test-kit';

const w = useAdminWorld();

describe('disabling an account', () => {
  it('ends its sessions at once, refuses its sign-in with 403 account_disabled, and shows it in the user list', async () => {
    const olga = await signUp(w.server, 'olga@example.ru', 'olga passphrase 12', 'Ольга');
    expect((await call(w.server, olga, 'GET', accountRoutes.session)).status).toBe(200);

    const res = await call(w.server, w.admin, 'POST', adminRoutes.userDisabled(olga.userId), { disabled: true });
    expect(res).toMatchObject({ status: 200, body: { id: olga.userId, disabled: true } });

    expect((await call(w.server, olga, 'GET', accountRoutes.session)).status).toBe(401);
    expect((await call(w.server, olga, 'GET', '/db/bookings/_changes?since=0')).status).toBe(401);
    const signInAgain = await postJson(`${w.server.url}${accountRoutes.signIn}`, {
      email: 'olga@example.ru',
      password: 'olga passphrase 12',
    });
    expect(signInAgain).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
    const list = await call(w.server, w.admin, 'GET', `${adminRoutes.users}?email=olga`);
    expect((list.body as { users: AccountView[] }).users).toEqual([
      expect.objectContaining({ id: olga.userId, disabled: true }) as unknown,
    ]);

    const enabled = await call(w.server, w.admin, 'POST', adminRoutes.userDisabled(olga.userId), { disabled: false });
    expect(enabled.status).toBe(200);
    expect((enabled.body as AccountView).disabled).toBeUndefined();
    const back = await signIn(w.server, 'olga@example.ru', 'olga passphrase 12');
    expect((await call(w.server, back, 'GET', accountRoutes.session)).status).toBe(200);
  });

  it('an admin cannot disable themselves; unknown users are 404; a bad body names the field', async () => {
    const self = await call(w.server, w.admin, 'POST', adminRoutes.userDisabled(w.admin.userId), { disabled: true });
    expect(self).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect((await call(w.server, w.admin, 'GET', accountRoutes.session)).status).toBe(200);
    const nobody = await call(w.server, w.admin, 'POST', adminRoutes.userDisabled('uaaaaaaaaaaaaaaaaaaaa'), {
      disabled: true,
    });
    expect(nobody.status).toBe(404);
    const bad = await call(w.server, w.admin, 'POST', adminRoutes.userDisabled(w.patient.userId), { disabled: 'yes' });
    expect(bad).toMatchObject({ status: 400, body: { reason: expect.stringContaining('/disabled') as unknown } });
    expect((await call(w.server, w.patient, 'GET', accountRoutes.session)).status).toBe(200);
  });

  it('only an admin may: 401 anonymous, 403 patient and manager, and the target stays enabled', async () => {
    for (const { name, session, status } of w.others) {
      const res = await call(w.server, session, 'POST', adminRoutes.userDisabled(w.patient.userId), { disabled: true });
      expect(res.status, name).toBe(status);
    }
    expect((await call(w.server, w.patient, 'GET', accountRoutes.session)).status).toBe(200);
  });
});
