import { isUserId, type AccountView, type GrantRolesBody, type Role, type UserDisabledBody } from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import { badRequest, forbidden, HttpError, notFound } from '../http/http-error';
import type { AccountService } from './account.service';
import type { AccountStore } from './account.store';
import type { ProfileService } from './profile.service';
import type { SessionService } from '../auth/session.service';

const MAX_LIMIT = 100;

/** What an admin does with other people's accounts: find them, grant and revoke roles. */
export class AdminUsersService {
  constructor(
    private readonly store: AccountStore,
    private readonly accounts: AccountService,
    private readonly profiles: ProfileService,
    private readonly sessions: Pick<SessionService, 'invalidateAll'>,
  ) {}

  /** `query` was checked against `adminUsersQuerySchema` by the route. */
  async search(q: { email?: string; limit?: string }): Promise<AccountView[]> {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(q.limit ?? 20)));
    // Typing "Ivan" finds "ivan@…": the prefix is compared in the stored (lowercase) form.
    const prefix = (q.email ?? '').normalize('NFKC').trim().toLowerCase();
    const found = await this.store.searchByEmail(prefix, limit);
    return Promise.all(found.map((a) => this.accounts.viewOf(a)));
  }

  /** `patient` is always kept; admins cannot change their own roles (no locking the last admin out by mistake). */
  async setRoles(actor: AuthContext, userId: string, body: GrantRolesBody): Promise<AccountView> {
    if (!isUserId(userId)) throw notFound('No such user.');
    if (actor.userId === userId) throw badRequest('You cannot change your own roles; ask another admin.');
    const roles: Role[] = ['patient', ...body.roles.filter((r) => r !== 'patient')];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const account = await this.store.getAccount(userId);
      if (!account) throw notFound('No such user.');
      const written = await this.store.putAccount({ ...account, roles });
      if (written.ok) {
        await this.profiles.syncServerFields(userId, { roles });
        return this.accounts.viewOf({ ...account, roles });
      }
    }
    throw new Error(`roles of ${userId} kept conflicting`);
  }

  /**
   * A disabled account cannot sign in (403 `account_disabled`) and its sessions are deleted at once; the session
   * check also refuses a disabled account's cookie, so a session written back by a racing request is dead too.
   */
  async setDisabled(actor: AuthContext, userId: string, body: UserDisabledBody): Promise<AccountView> {
    if (!actor.roles.includes('admin')) throw forbidden('This needs the admin role.');
    if (!isUserId(userId)) throw notFound('No such user.');
    if (actor.userId === userId) throw badRequest('You cannot disable your own account; ask another admin.');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const account = await this.store.getAccount(userId);
      if (!account) throw notFound('No such user.');
      const { disabled: _was, ...rest } = account;
      const next = body.disabled ? { ...rest, disabled: true } : rest;
      const written = await this.store.putAccount(next);
      if (written.ok) {
        if (body.disabled) await this.sessions.invalidateAll(userId);
        return this.accounts.viewOf(next);
      }
    }
    throw new HttpError(409, 'conflict', 'The account kept changing; try again.');
  }
}
