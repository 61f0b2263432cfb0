import { NOT_A_MANAGER_ERROR, type ClinicManagerAnswer } from '@poisklinik/shared';
import { unauthorized, type AuthContext } from '../auth/auth-context';
import type { AccountStore } from '../accounts/account.store';
import { forbidden, HttpError, notFound } from '../http/http-error';
import type { ClinicCatalogue } from './clinic-catalogue';
import type { ClinicManagersStore } from './clinic-managers.store';

function requireAdmin(auth: AuthContext | null): AuthContext {
  if (!auth) throw unauthorized();
  const actor = auth;
  if (!actor.roles.includes('admin')) throw forbidden('This needs the admin role.');
  return actor;
}

/** The admin's side of clinic management: who manages which clinic. */
export class ClinicManagerAssignments {
  constructor(
    private readonly accounts: AccountStore,
    private readonly catalogue: ClinicCatalogue,
    private readonly managers: ClinicManagersStore,
    private readonly now: () => number,
  ) {}

  async assign(auth: AuthContext | null, clinicId: string, userId: string): Promise<ClinicManagerAnswer> {
    const actor = requireAdmin(auth);
    const account = await this.accounts.getAccount(userId);
    if (!account) throw notFound('No such account.');
    if (!account.roles.includes('manager')) {
      throw new HttpError(400, NOT_A_MANAGER_ERROR, 'Grant the account the manager role first.');
    }
    if (!(await this.catalogue.clinic(clinicId))) throw notFound('No such clinic.');
    await this.managers.assign(userId, clinicId, actor.userId, new Date(this.now()).toISOString());
    return { clinicId, userId, managed: true };
  }

  async unassign(auth: AuthContext | null, clinicId: string, userId: string): Promise<ClinicManagerAnswer> {
    requireAdmin(auth);
    if (!(await this.managers.unassign(userId, clinicId))) throw notFound('This account does not manage the clinic.');
    return { clinicId, userId, managed: false };
  }
}
