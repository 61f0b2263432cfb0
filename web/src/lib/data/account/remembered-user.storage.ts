import { isRole, isUserId, type Role, type SessionInfo } from '@poisklinik/shared';

/**
 * Who is signed in on this device, as far as the server last confirmed. Kept in localStorage so the app knows it
 * synchronously on start-up, offline too. It holds no secret: the session token lives only in an httpOnly
 * cookie that scripts cannot read (ADR 009).
 */
export type RememberedUser = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  /** When the server last answered that this session is valid (ISO). */
  lastConfirmedAt: string;
  /** The server answered 401 while we remembered this user: signed out elsewhere, or the session ran out. */
  expired?: boolean;
};

export const REMEMBERED_USER_KEY = 'poisklinik:account:user';
/** Set when the user signed out while offline: the cookie is still valid and must be ended when back online. */
export const SIGN_OUT_PENDING_KEY = 'poisklinik:account:sign-out-pending';

export function rememberedFromSession(info: SessionInfo, at: Date): RememberedUser {
  return {
    id: info.user.id,
    email: info.user.email,
    name: info.user.name,
    roles: [...info.user.roles],
    lastConfirmedAt: at.toISOString(),
  };
}

/** Parses what localStorage holds; anything malformed (an older app version, a hand edit) counts as nobody. */
export function parseRememberedUser(raw: string | null): RememberedUser | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isUserId(v.id) || typeof v.email !== 'string' || typeof v.name !== 'string') return null;
  if (!Array.isArray(v.roles) || !v.roles.every(isRole)) return null;
  if (typeof v.lastConfirmedAt !== 'string' || Number.isNaN(Date.parse(v.lastConfirmedAt))) return null;
  return {
    id: v.id,
    email: v.email,
    name: v.name,
    roles: v.roles,
    lastConfirmedAt: v.lastConfirmedAt,
    ...(v.expired === true ? { expired: true } : {}),
  };
}

export function readRememberedUser(): RememberedUser | null {
  return parseRememberedUser(localStorage.getItem(REMEMBERED_USER_KEY));
}

export function writeRememberedUser(user: RememberedUser | null): void {
  if (user) localStorage.setItem(REMEMBERED_USER_KEY, JSON.stringify(user));
  else localStorage.removeItem(REMEMBERED_USER_KEY);
}

export function isSignOutPending(): boolean {
  return localStorage.getItem(SIGN_OUT_PENDING_KEY) === '1';
}

export function setSignOutPending(pending: boolean): void {
  if (pending) localStorage.setItem(SIGN_OUT_PENDING_KEY, '1');
  else localStorage.removeItem(SIGN_OUT_PENDING_KEY);
}
