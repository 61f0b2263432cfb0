import { hashPassword } from '../auth/password';
import type { AccountService } from './account.service';
import { checkNewPassword, emailOrThrow } from './account.service';
import type { AccountStore } from './account.store';
import type { ProfileService } from './profile.service';

export type AdminBootstrapResult = 'created' | 'promoted' | 'unchanged';

type Log = { info(fields: object, message: string): void };

/**
 * Makes sure `email` has an admin account: creates it with `password`, or adds the admin role to an existing
 * account. An existing password is never changed (the env var may be stale; the admin may have changed it since).
 */
export async function ensureAdmin(
  deps: { accounts: AccountService; store: AccountStore; profiles: ProfileService; log: Log },
  input: { email: string; password: string },
): Promise<AdminBootstrapResult> {
  const email = emailOrThrow(input.email);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const existing = await deps.store.findByEmail(email);
    if (existing) {
      if (existing.roles.includes('admin')) {
        deps.log.info({ userId: existing._id }, 'admin account already exists');
        return 'unchanged';
      }
      const roles = [...existing.roles, 'admin' as const];
      if (!(await deps.store.putAccount({ ...existing, roles })).ok) continue;
      await deps.profiles.syncServerFields(existing._id, { roles });
      deps.log.info({ userId: existing._id }, 'admin role granted to the existing account');
      return 'promoted';
    }
    await checkNewPassword(input.password, email, 'password');
    const created = await deps.accounts.createAccount({
      email,
      passwordHash: await hashPassword(input.password),
      name: '',
      roles: ['patient', 'admin'],
    });
    if (created) {
      deps.log.info({ userId: created._id }, 'admin account created');
      return 'created';
    }
  }
  throw new Error(`could not make ${email} an admin (concurrent changes)`);
}
