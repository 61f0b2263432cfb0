import {
  normaliseEmail,
  normaliseName,
  type AccountView,
  type ChangePasswordBody,
  type DeleteAccountBody,
  type Role,
  type SignInBody,
  type SignUpBody,
} from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { enforce, type RateLimiter } from '../auth/rate-limiter';
import { randomBase32 } from '../auth/session-token';
import type { NewSession, SessionService } from '../auth/session.service';
import { AccountError } from './account-error';
import type { AccountDoc, AccountStore } from './account.store';
import type { ProfileService } from './profile.service';

export type SignedIn = { user: AccountView; session: NewSession };

/** Ends what else a credential change must end (reset links), without the account module knowing about mail. */
export type CredentialListener = (userId: string) => Promise<void>;

/** Erases what other modules hold of a deleted account (bookings: ADR 007 steps 5–6), before the account goes. */
export type DeletionListener = (userId: string) => Promise<void>;

const invalidCredentials = (): AccountError => new AccountError(401, 'invalid_credentials', 'Wrong email or password.');

/** "u" + 20 base32 characters: 100 random bits, as the shared `USER_ID_PATTERN` says. */
export const newUserId = (): string => `u${randomBase32(13).slice(0, 20)}`;

export function emailOrThrow(input: string, field = 'email'): string {
  const email = normaliseEmail(input);
  if (!email) throw new AccountError(400, 'invalid_email', 'This is not an email address we can use.', field);
  return email;
}

export async function checkNewPassword(password: string, email: string, field: string): Promise<void> {
  const problem = await passwordProblem(password, { email });
  if (problem === 'password_too_short') throw new AccountError(400, problem, 'The password is too short.', field);
  if (problem === 'password_too_long') throw new AccountError(400, problem, 'The password is too long.', field);
  if (problem === 'password_common') {
    throw new AccountError(400, problem, 'This password is too common or too easy to guess.', field);
  }
}

/** Sign-up, sign-in, password change and account deletion: the rules; routes only carry HTTP. */
export class AccountService {
  private readonly credentialListeners: CredentialListener[] = [];
  private readonly deletionListeners: DeletionListener[] = [];

  constructor(
    private readonly store: AccountStore,
    private readonly profiles: ProfileService,
    private readonly sessions: SessionService,
    private readonly limiter: RateLimiter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after a password change or deletion (e.g. to void reset links). */
  onCredentialsChanged(listener: CredentialListener): void {
    this.credentialListeners.push(listener);
  }

  /**
   * Called during account deletion, after the sessions ended (no new write can arrive) and before the account is
   * deleted, so a failing listener leaves an account whose deletion can be asked for again.
   */
  onAccountDeleted(listener: DeletionListener): void {
    this.deletionListeners.push(listener);
  }

  async signUp(body: SignUpBody, ip: string): Promise<SignedIn> {
    await enforce(this.limiter, [['signUpPerIp', ip]]);
    const email = emailOrThrow(body.email);
    const name = body.name === undefined || body.name.trim() === '' ? '' : normaliseName(body.name);
    if (name === null) throw new AccountError(400, 'invalid_name', 'This name cannot be used.', 'name');
    await checkNewPassword(body.password, email, 'password');
    const passwordHash = await hashPassword(body.password);
    const account = await this.createAccount({ email, passwordHash, name, roles: ['patient'] });
    if (!account) throw new AccountError(409, 'email_taken', 'An account with this email already exists.', 'email');
    return { user: await this.view(account._id), session: await this.sessions.create(account._id) };
  }

  /** Null when the email is taken. Used by sign-up and the first-admin bootstrap. */
  async createAccount(fields: {
    email: string;
    passwordHash: string;
    name: string;
    roles: Role[];
  }): Promise<AccountDoc | null> {
    const userId = newUserId();
    const createdAt = this.timestamp();
    const account: AccountDoc = {
      _id: userId,
      type: 'account',
      email: fields.email,
      passwordHash: fields.passwordHash,
      roles: fields.roles,
      createdAt,
      passwordChangedAt: createdAt,
    };
    // The account is written before its email is claimed: `claimEmail` treats an index whose account does not
    // exist as stale, so claiming first would let a racing sign-up take over the index in the moment between
    // the claim and this write, and both would "succeed". An account whose claim lost is removed again (an
    // orphan left by a crash here is unreachable: sign-in and search go through the index).
    const written = await this.store.putAccount(account);
    if (!written.ok) throw new Error(`account ${userId} not stored: ${written.reason}`);
    if (!(await this.store.claimEmail(fields.email, userId))) {
      await this.store.deleteAccount(userId);
      return null;
    }
    await this.profiles.create(userId, { email: fields.email, name: fields.name, roles: fields.roles, createdAt });
    return account;
  }

  async signIn(body: SignInBody, ip: string): Promise<SignedIn> {
    const email = normaliseEmail(body.email);
    await enforce(this.limiter, [
      ['signInPerIp', ip],
      ['signInPerAccount', email ?? body.email.trim().toLowerCase()],
    ]);
    const account = email ? await this.store.findByEmail(email) : null;
    if (!account) {
      await verifyAgainstDummy(body.password);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(account.passwordHash, body.password))) throw invalidCredentials();
    // Only after the password proved right, so a disabled account is not revealed to someone guessing.
    if (account.disabled) throw new AccountError(403, 'account_disabled', 'This account is disabled.');
    return { user: await this.view(account._id), session: await this.sessions.create(account._id) };
  }

  async view(userId: string): Promise<AccountView> {
    const account = await this.store.getAccount(userId);
    if (!account) throw new AccountError(401, 'unauthorized', 'This account no longer exists.');
    return this.viewOf(account);
  }

  async viewOf(account: AccountDoc): Promise<AccountView> {
    const profile = await this.store.getProfile(account._id);
    const view: AccountView = {
      id: account._id,
      email: account.email,
      name: profile?.name ?? '',
      roles: account.roles,
      createdAt: account.createdAt,
    };
    if (profile?.phone) view.phone = profile.phone;
    if (account.disabled) view.disabled = true;
    return view;
  }

  /** Keeps this device signed in and signs every other one out: whoever knew the old password is locked out. */
  async changePassword(auth: AuthContext, body: ChangePasswordBody): Promise<void> {
    await enforce(this.limiter, [['passwordChangePerAccount', auth.userId]]);
    const account = await this.confirmedAccount(auth.userId, body.currentPassword, 'currentPassword');
    await checkNewPassword(body.newPassword, account.email, 'newPassword');
    await this.setPassword(account._id, await hashPassword(body.newPassword));
    await this.sessions.invalidateAll(account._id, auth.sessionId);
  }

  /** Stores a new password hash (revision-checked, retried on a concurrent write) and notifies listeners. */
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const account = await this.store.getAccount(userId);
      if (!account) throw new AccountError(401, 'unauthorized', 'This account no longer exists.');
      const written = await this.store.putAccount({ ...account, passwordHash, passwordChangedAt: this.timestamp() });
      if (written.ok) {
        for (const listener of this.credentialListeners) await listener(userId);
        return;
      }
    }
    throw new Error(`password of ${userId} kept conflicting`);
  }

  /** See docs/adr/007-account-deletion.md for what goes and what stays. */
  async deleteAccount(auth: AuthContext, body: DeleteAccountBody): Promise<void> {
    await enforce(this.limiter, [['passwordChangePerAccount', auth.userId]]);
    const account = await this.confirmedAccount(auth.userId, body.password, 'password');
    await this.sessions.invalidateAll(account._id);
    for (const listener of this.credentialListeners) await listener(account._id);
    for (const listener of this.deletionListeners) await listener(account._id);
    await this.store.deleteAccount(account._id);
    await this.store.releaseEmail(account.email, account._id);
  }

  /**
   * The signed-in user's account once they re-typed its password (400, not 401, when wrong: the session is fine,
   * and the app must not take it for a sign-out).
   */
  private async confirmedAccount(
    userId: string,
    password: string,
    field: 'currentPassword' | 'password',
  ): Promise<AccountDoc & { _rev: string }> {
    const account = await this.store.getAccount(userId);
    if (!account) throw new AccountError(401, 'unauthorized', 'This account no longer exists.');
    if (!(await verifyPassword(account.passwordHash, password))) {
      throw new AccountError(400, 'invalid_credentials', 'The password is wrong.', field);
    }
    return account;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
