import { isRole, type Role } from '@poisklinik/shared';
import type { StoreDatabase, StoredDoc, Store, WriteResult } from '../store/store.types';

/** Server-only credentials and state of one user (`_id` = user id) in the `accounts` database. */
export type AccountDoc = {
  _id: string;
  _rev?: string;
  type: 'account';
  email: string;
  passwordHash: string;
  roles: Role[];
  createdAt: string;
  passwordChangedAt: string;
  disabled?: boolean;
};

/** The profile as stored and replicated (`_id` = user id; the shared schema's `id` travels as `_id`). */
export type ProfileDoc = {
  _id: string;
  _rev?: string;
  email: string;
  name: string;
  phone?: string;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
};

const EMAIL_PREFIX = 'email:';
export const emailKey = (email: string): string => `${EMAIL_PREFIX}${email}`;

function asAccount(doc: StoredDoc | null): (AccountDoc & { _rev: string }) | null {
  if (!doc || doc.type !== 'account' || typeof doc.email !== 'string' || typeof doc.passwordHash !== 'string') {
    return null;
  }
  const roles = Array.isArray(doc.roles) ? doc.roles.filter(isRole) : [];
  return { ...(doc as AccountDoc & { _rev: string }), roles };
}

/**
 * The only code that reads and writes the `accounts` and `profiles` databases. Besides one document per user,
 * `accounts` holds one `email:<normalised email>` index document per taken address: creating it is a create-only
 * write, so of two concurrent sign-ups with one email exactly one wins.
 */
export class AccountStore {
  private constructor(
    readonly accounts: StoreDatabase,
    readonly profiles: StoreDatabase,
  ) {}

  static async open(store: Store): Promise<AccountStore> {
    return new AccountStore(await store.database('accounts'), await store.database('profiles'));
  }

  async getAccount(userId: string): Promise<(AccountDoc & { _rev: string }) | null> {
    return asAccount(await this.accounts.get(userId));
  }

  /** Emails of the given users (one read); users without an account are left out. */
  async emailsOf(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.accounts.allDocs({ keys: [...userIds], includeDocs: true });
    return new Map(
      rows.flatMap((row) => {
        const account = 'doc' in row && row.doc ? asAccount(row.doc) : null;
        return account ? [[account._id, account.email] as const] : [];
      }),
    );
  }

  async getProfile(userId: string): Promise<(ProfileDoc & { _rev: string }) | null> {
    return (await this.profiles.get(userId)) as (ProfileDoc & { _rev: string }) | null;
  }

  /** The user an email belongs to; an index pointing to no account (a crash between writes) counts as free. */
  async findByEmail(email: string): Promise<(AccountDoc & { _rev: string }) | null> {
    const index = await this.accounts.get(emailKey(email));
    if (!index || typeof index.userId !== 'string') return null;
    const account = await this.getAccount(index.userId);
    return account && account.email === email ? account : null;
  }

  /**
   * Takes the email for `userId`: true when it is now theirs. A stale index (its account gone) is overwritten with
   * a revision-checked write, so two sign-ups racing for a freed address still cannot both win.
   */
  async claimEmail(email: string, userId: string): Promise<boolean> {
    const created = await this.accounts.put({ _id: emailKey(email), userId });
    if (created.ok) return true;
    if (created.error !== 'conflict') throw new Error(`claiming ${email}: ${created.reason}`);
    const index = await this.accounts.get(emailKey(email));
    if (!index) return (await this.accounts.put({ _id: emailKey(email), userId })).ok;
    if (typeof index.userId === 'string' && (await this.getAccount(index.userId))) return false;
    return (await this.accounts.put({ _id: emailKey(email), _rev: index._rev, userId })).ok;
  }

  async releaseEmail(email: string, userId: string): Promise<void> {
    const index = await this.accounts.get(emailKey(email));
    if (index && index.userId === userId) await this.accounts.put({ _id: index._id, _rev: index._rev, _deleted: true });
  }

  putAccount(doc: AccountDoc): Promise<WriteResult> {
    return this.accounts.put(doc);
  }

  putProfile(doc: ProfileDoc): Promise<WriteResult> {
    return this.profiles.put(doc);
  }

  async deleteAccount(userId: string): Promise<void> {
    const account = await this.accounts.get(userId);
    if (account) await this.accounts.put({ _id: userId, _rev: account._rev, _deleted: true });
    const profile = await this.profiles.get(userId);
    if (profile) await this.profiles.put({ _id: userId, _rev: profile._rev, _deleted: true });
  }

  /** Accounts whose email starts with `prefix`, in email order: one key range over the email index. */
  async searchByEmail(prefix: string, limit: number): Promise<(AccountDoc & { _rev: string })[]> {
    const { rows } = await this.accounts.allDocs({
      startkey: emailKey(prefix),
      endkey: `${emailKey(prefix)}\ufff0`,
      includeDocs: true,
      limit,
    });
    const ids = rows.flatMap((r) => ('doc' in r && typeof r.doc?.userId === 'string' ? [r.doc.userId] : []));
    if (ids.length === 0) return [];
    const found = await this.accounts.allDocs({ keys: ids, includeDocs: true });
    return found.rows.flatMap((r) => {
      const account = 'doc' in r ? asAccount(r.doc ?? null) : null;
      return account ? [account] : [];
    });
  }
}
