import {
  normaliseEmail,
  PASSWORD_RESET_APP_PATH,
  PASSWORD_RESET_TTL_MS,
  USER_ID_PATTERN,
  type PasswordResetConfirmBody,
  type PasswordResetRequestBody,
} from '@poisklinik/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoreDatabase } from '../store/store.types';
import type { Mailer } from '../mail/mailer.types';
import { AccountError } from '../accounts/account-error';
import { checkNewPassword, emailOrThrow, type AccountService, type SignedIn } from '../accounts/account.service';
import type { AccountStore } from '../accounts/account.store';
import { hashPassword } from './password';
import { passwordResetMail } from './password-reset.mail';
import { enforce, type RateLimiter } from './rate-limiter';
import { hashSecret, parseToken, randomBase32, SECRET_BYTES, secretMatches } from './session-token';
import type { SessionService } from './session.service';

type ResetDoc = { _id: string; _rev: string; userId: string; secretHash: string; expiresAt: string; usedAt?: string };

const RESET_ID = new RegExp(`${USER_ID_PATTERN.slice(0, -1)}\\.[a-z2-7]{16}$`);
const invalidToken = (): AccountError =>
  new AccountError(400, 'invalid_token', 'This reset link is unknown, used or expired. Ask for a new one.');

export type PasswordResetDeps = {
  store: Store;
  accountStore: AccountStore;
  accounts: AccountService;
  sessions: SessionService;
  limiter: RateLimiter;
  mailer: Mailer;
  publicOrigin: () => string;
  log: FastifyBaseLogger;
  now?: () => number;
};

/**
 * Reset links: one-time tokens like session tokens (`<id>.<secret>`, only the hash stored) in `password-resets`.
 * A request always answers the same, at once: the look-up, token and mail happen after the answer, so neither the
 * body nor the timing says whether the email has an account.
 */
export class PasswordResetService {
  private readonly pending = new Set<Promise<void>>();
  private readonly now: () => number;

  private constructor(
    private readonly db: StoreDatabase,
    private readonly deps: PasswordResetDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  static async open(deps: PasswordResetDeps): Promise<PasswordResetService> {
    return new PasswordResetService(await deps.store.database('password-resets'), deps);
  }

  async request(body: PasswordResetRequestBody, ip: string): Promise<void> {
    const email = normaliseEmail(body.email);
    await enforce(this.deps.limiter, [
      ['resetRequestPerIp', ip],
      ['resetRequestPerAccount', email ?? body.email.trim().toLowerCase()],
    ]);
    if (!email) emailOrThrow(body.email);
    const task = this.issueAndSend(email ?? '', body.locale ?? 'ru').catch((err: unknown) => {
      this.deps.log.error({ err }, 'password reset mail not sent');
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private async issueAndSend(email: string, locale: 'ru' | 'en'): Promise<void> {
    const account = await this.deps.accountStore.findByEmail(email);
    if (!account || account.disabled) return;
    const id = `${account._id}.${randomBase32(10)}`;
    const secret = randomBase32(SECRET_BYTES);
    const now = this.now();
    const written = await this.db.put({
      _id: id,
      userId: account._id,
      secretHash: hashSecret(secret),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + PASSWORD_RESET_TTL_MS).toISOString(),
    });
    if (!written.ok) throw new Error(`reset token not stored: ${written.reason}`);
    const link = `${this.deps.publicOrigin()}${PASSWORD_RESET_APP_PATH}#token=${id}.${secret}`;
    await this.deps.mailer.send(passwordResetMail(account.email, link, locale));
    this.deps.log.info({ userId: account._id }, 'password reset mail sent');
  }

  /** Sets the new password, ends every session and every other link of the user, and signs in afresh. */
  async confirm(body: PasswordResetConfirmBody, ip: string): Promise<SignedIn> {
    await enforce(this.deps.limiter, [['resetConfirmPerIp', ip]]);
    const parts = parseToken(body.token, RESET_ID);
    if (!parts) throw invalidToken();
    const doc = (await this.db.get(parts.id)) as ResetDoc | null;
    if (!doc || doc.usedAt || !secretMatches(parts.secret, doc.secretHash)) throw invalidToken();
    if (!(Date.parse(doc.expiresAt) > this.now())) throw invalidToken();
    const account = await this.deps.accountStore.getAccount(doc.userId);
    if (!account || account.disabled) throw invalidToken();
    // Checked before the token is spent, so a refused password leaves the link usable for a better one.
    await checkNewPassword(body.password, account.email, 'password');
    const passwordHash = await hashPassword(body.password);
    // Revision-checked: of two concurrent confirms with one token, only one marks it used.
    const spent = await this.db.put({ ...doc, usedAt: new Date(this.now()).toISOString() });
    if (!spent.ok) throw invalidToken();
    await this.deps.accounts.setPassword(account._id, passwordHash);
    await this.deps.sessions.invalidateAll(account._id);
    return { user: await this.deps.accounts.view(account._id), session: await this.deps.sessions.create(account._id) };
  }

  /**
   * Voids every unused link of the user (after a password change or reset, or deletion). Links are marked, not
   * deleted, so a used or voided link stays recognisable and answers `invalid_token` like any other dead link.
   */
  async invalidateAll(userId: string): Promise<void> {
    const voidedAt = new Date(this.now()).toISOString();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { rows } = await this.db.allDocs({ startkey: `${userId}.`, endkey: `${userId}.\ufff0`, includeDocs: true });
      const live = rows.flatMap((r) => ('doc' in r && r.doc && !r.doc.usedAt ? [{ ...r.doc, usedAt: voidedAt }] : []));
      if (live.length === 0) return;
      if ((await this.db.bulkDocs(live)).every((r) => r.ok)) return;
    }
    throw new Error(`could not void the reset links of ${userId}`);
  }

  /** Waits for mails still being sent (server shutdown, tests). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
