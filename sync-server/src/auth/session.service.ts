import { USER_ID_PATTERN } from '@poisklinik/shared';
import type { Store, StoreDatabase } from '../store/store.types';
import type { AccountStore } from '../accounts/account.store';
import type { AuthContext } from './auth-context';
import { hashSecret, parseToken, randomBase32, SECRET_BYTES, secretMatches } from './session-token';

/** One sign-in on one device, in the `sessions` database (`_id` = session id = `<userId>.<random>`). */
type SessionDoc = {
  _id: string;
  _rev: string;
  userId: string;
  /** sha256 of the token's secret, hex: the store never holds a usable token. */
  secretHash: string;
  createdAt: string;
  lastVerifiedAt: string;
  expiresAt: string;
};

export type ValidSession = {
  auth: AuthContext;
  expiresAt: Date;
  /** The expiry moved (sliding refresh): the cookie should be set again with the new Max-Age. */
  refreshed: boolean;
};

export type NewSession = { token: string; sessionId: string; expiresAt: Date };

const SESSION_ID = new RegExp(`${USER_ID_PATTERN.slice(0, -1)}\\.[a-z2-7]{16}$`);
const DAY = 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, not on every request. */
const REFRESH_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Sessions after Lucia's current guide (lucia-auth.com/sessions/basic): token `<sessionId>.<secret>`, only the
 * secret's hash stored, constant-time comparison. They live in the store, so every server instance on the same
 * store accepts them. The session id starts with the user id, so a user's sessions are one `_all_docs` key range.
 */
export class SessionService {
  private constructor(
    private readonly db: StoreDatabase,
    private readonly accounts: AccountStore,
    private readonly idleMs: number,
    private readonly now: () => number,
  ) {}

  static async open(
    store: Store,
    accounts: AccountStore,
    options: { idleDays: number; now?: () => number },
  ): Promise<SessionService> {
    return new SessionService(
      await store.database('sessions'),
      accounts,
      options.idleDays * DAY,
      options.now ?? Date.now,
    );
  }

  get idleSeconds(): number {
    return Math.floor(this.idleMs / 1000);
  }

  async create(userId: string): Promise<NewSession> {
    const sessionId = `${userId}.${randomBase32(10)}`;
    const secret = randomBase32(SECRET_BYTES);
    const now = this.now();
    const expiresAt = new Date(now + this.idleMs);
    const result = await this.db.put({
      _id: sessionId,
      userId,
      secretHash: hashSecret(secret),
      createdAt: new Date(now).toISOString(),
      lastVerifiedAt: new Date(now).toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    if (!result.ok) throw new Error(`session not stored: ${result.reason}`);
    return { token: `${sessionId}.${secret}`, sessionId, expiresAt };
  }

  /** The session's user, or null for an unknown, forged, expired session or a missing or disabled account. */
  async validate(token: string): Promise<ValidSession | null> {
    const parts = parseToken(token, SESSION_ID);
    if (!parts) return null;
    const doc = (await this.db.get(parts.id)) as SessionDoc | null;
    if (!doc || typeof doc.secretHash !== 'string' || !secretMatches(parts.secret, doc.secretHash)) return null;
    const now = this.now();
    const expiresAt = Date.parse(doc.expiresAt);
    if (!(expiresAt > now)) {
      await this.db.put({ _id: doc._id, _rev: doc._rev, _deleted: true }).catch(() => undefined);
      return null;
    }
    const account = await this.accounts.getAccount(doc.userId);
    if (!account || account.disabled) return null;
    const auth: AuthContext = { userId: doc.userId, roles: account.roles, sessionId: doc._id };
    if (now - Date.parse(doc.lastVerifiedAt) < REFRESH_INTERVAL_MS) {
      return { auth, expiresAt: new Date(expiresAt), refreshed: false };
    }
    const moved = new Date(now + this.idleMs);
    // A conflict means another request (or instance) refreshed it at the same moment: theirs is as good as ours.
    const written = await this.db.put({
      ...doc,
      lastVerifiedAt: new Date(now).toISOString(),
      expiresAt: moved.toISOString(),
    });
    return written.ok
      ? { auth, expiresAt: moved, refreshed: true }
      : { auth, expiresAt: new Date(expiresAt), refreshed: false };
  }

  async invalidate(sessionId: string): Promise<void> {
    const doc = await this.db.get(sessionId);
    if (doc) await this.db.put({ _id: doc._id, _rev: doc._rev, _deleted: true });
  }

  /** Ends every session of the user, except `keepSessionId` when given (password change keeps this device). */
  async invalidateAll(userId: string, keepSessionId?: string): Promise<void> {
    // A concurrent sliding refresh makes a deletion conflict; re-reading and trying again still ends that session.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { rows } = await this.db.allDocs({ startkey: `${userId}.`, endkey: `${userId}.\ufff0` });
      const doomed = rows.flatMap((r) =>
        'value' in r && !r.value.deleted && r.id !== keepSessionId
          ? [{ _id: r.id, _rev: r.value.rev, _deleted: true }]
          : [],
      );
      if (doomed.length === 0) return;
      const results = await this.db.bulkDocs(doomed);
      if (results.every((r) => r.ok)) return;
    }
    throw new Error(`could not end the sessions of ${userId}`);
  }
}
