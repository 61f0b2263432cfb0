import { browser } from '$app/environment';
import type { SessionInfo, SignInBody, SignUpBody } from '@poisklinik/shared';
import { accountApi, type ApiResult } from './account-api';
import {
  REMEMBERED_USER_KEY,
  isSignOutPending,
  parseRememberedUser,
  readRememberedUser,
  rememberedFromSession,
  setSignOutPending,
  writeRememberedUser,
  type RememberedUser,
} from './remembered-user.storage';
import { UserData, type ProfileChanges } from './user-data.svelte';

/**
 * anonymous: nobody signed in on this device. signed-in: the server confirmed the session at `lastConfirmedAt`
 * (offline we keep trusting it). expired: the server answered 401 while we remembered someone — their data and
 * queued writes stay on the device until they sign in again.
 */
export type SessionState = 'anonymous' | 'signed-in' | 'expired';

class AccountSession {
  // Read at once (not at start()) so the first paint already names the user instead of flashing "Войти".
  user = $state<RememberedUser | null>(browser ? readRememberedUser() : null);
  data = $state.raw<UserData | null>(null);

  readonly state: SessionState = $derived(
    this.user === null ? 'anonymous' : this.user.expired ? 'expired' : 'signed-in',
  );
  readonly lastConfirmedAt = $derived(this.user ? new Date(this.user.lastConfirmedAt) : null);
  /** What the header shows: the profile's name as edited on this device, else the account's name, else email. */
  readonly displayName = $derived(this.data?.profile?.name || this.user?.name || this.user?.email || '');
  readonly waitingCount = $derived(this.data?.waitingCount ?? 0);

  /** Bumped whenever who is signed in changes, so an answer to an older question is not applied. */
  private epoch = 0;
  private started = false;

  /** Once per app start (root layout): who was remembered, then what the server says now and on reconnect. */
  start(): void {
    if (!browser || this.started) return;
    this.started = true;
    if (this.user) this.bind(this.user);
    window.addEventListener('online', () => void this.check());
    window.addEventListener('storage', (event) => this.onStorage(event));
    void this.check();
  }

  /** Asks the server whether the cookie is still a session; offline answers change nothing. */
  async check(): Promise<void> {
    if (isSignOutPending()) {
      const ended = await accountApi.signOut();
      if (ended.kind === 'offline') return;
      setSignOutPending(false);
    }
    const epoch = this.epoch;
    const result = await accountApi.session();
    if (epoch !== this.epoch) return;
    if (result.kind === 'ok') {
      this.adopt(result.value);
    } else if (result.kind === 'refused' && result.status === 401) {
      this.markExpired();
    }
    this.data?.reSync();
  }

  signUp(body: SignUpBody): Promise<ApiResult<SessionInfo>> {
    return this.adopting(() => accountApi.signUp(body));
  }

  signIn(body: SignInBody): Promise<ApiResult<SessionInfo>> {
    return this.adopting(() => accountApi.signIn(body));
  }

  confirmPasswordReset(token: string, password: string): Promise<ApiResult<SessionInfo>> {
    return this.adopting(() => accountApi.confirmPasswordReset({ token, password }));
  }

  /** The server answered 401 while we remembered a user: stop syncing, keep their data and queued writes. */
  markExpired(): void {
    if (!this.user || this.user.expired) return;
    this.user = { ...this.user, expired: true };
    writeRememberedUser(this.user);
    void this.data?.stopSync();
  }

  /**
   * Signs out on this device and deletes the user's local data (shared devices). Offline, the cookie cannot be
   * ended now, so that is remembered and done on reconnect; the local data goes at once either way.
   */
  async signOut(): Promise<void> {
    const result = await accountApi.signOut();
    if (result.kind === 'offline') setSignOutPending(true);
    await this.forgetLocally();
  }

  /** Ends every session of the user (needs the network); this device forgets the user like `signOut`. */
  async signOutEverywhere(): Promise<ApiResult<void>> {
    const result = await accountApi.signOutEverywhere();
    if (result.kind === 'ok' || (result.kind === 'refused' && result.status === 401)) await this.forgetLocally();
    return result;
  }

  async deleteAccount(password: string): Promise<ApiResult<void>> {
    const result = await accountApi.deleteAccount({ password });
    if (result.kind === 'ok') await this.forgetLocally();
    return result;
  }

  saveProfile(changes: ProfileChanges): Promise<boolean> {
    return this.data?.saveProfile(changes) ?? Promise.resolve(false);
  }

  private async adopting(request: () => Promise<ApiResult<SessionInfo>>): Promise<ApiResult<SessionInfo>> {
    // An offline sign-out still waiting: end that session first, or the new cookie would replace it in the
    // browser while it stays valid on the server.
    if (isSignOutPending() && (await accountApi.signOut()).kind !== 'offline') setSignOutPending(false);
    const result = await request();
    if (result.kind === 'ok') {
      setSignOutPending(false);
      this.adopt(result.value);
    }
    return result;
  }

  /** The server vouches for this session now. */
  private adopt(info: SessionInfo): void {
    // A session check still in flight asked about the cookie before this answer replaced it.
    this.epoch++;
    const user = rememberedFromSession(info, new Date());
    writeRememberedUser(user);
    this.bind(user);
  }

  /** Points the app at `user` (remembered or just confirmed): their database, and replication unless expired. */
  private bind(user: RememberedUser): void {
    const previous = this.data;
    if (previous && previous.userId !== user.id) {
      // Another user on this device: the previous one's data stays (it may hold queued writes) but stops syncing.
      this.epoch++;
      void previous.close();
      this.data = null;
    }
    this.user = user;
    if (!this.data) {
      const data = new UserData(user.id, () => this.markExpired());
      this.data = data;
      data
        .open()
        .then(() => {
          if (this.data === data && this.state === 'signed-in') data.startSync(location.origin);
        })
        .catch((err: unknown) => console.error('Could not open the account database', err));
    } else if (!user.expired) {
      this.data.startSync(location.origin);
    }
  }

  private async forgetLocally(): Promise<void> {
    this.epoch++;
    const data = this.data;
    this.data = null;
    this.user = null;
    writeRememberedUser(null);
    await data?.remove();
  }

  /** Another tab signed in, out, or saw the session expire: follow it. */
  private onStorage(event: StorageEvent): void {
    this.data?.onStorage(event);
    if (event.key !== REMEMBERED_USER_KEY) return;
    const user = parseRememberedUser(event.newValue);
    if (!user) {
      // The other tab deleted the database already; this tab's handle on it must go too.
      this.epoch++;
      void this.data?.close({ dropHandle: true });
      this.data = null;
      this.user = null;
    } else if (user.expired) {
      this.user = user;
      void this.data?.stopSync();
    } else {
      this.bind(user);
    }
  }
}

/** The app-wide session; the root layout starts it. */
export const session = new AccountSession();
