import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config';
import type { Store } from '../store/store.types';
import type { Mailer } from '../mail/mailer.types';
import { createMailer } from '../mail/create-mailer';
import { MailLogStore } from '../mail/mail-log.store';
import { withMailLog } from '../mail/logged-mailer';
import { AccountStore } from '../accounts/account.store';
import { AccountService } from '../accounts/account.service';
import { ProfileService } from '../accounts/profile.service';
import { AdminUsersService } from '../accounts/admin-users.service';
import { ensureAdmin } from '../accounts/admin-bootstrap';
import { registerAccountRoutes } from '../accounts/account.routes';
import { registerAdminUserRoutes } from '../accounts/admin-users.routes';
import { SharedRateLimiter } from './store-rate-limiter';
import { SessionService } from './session.service';
import { PasswordResetService } from './password-reset.service';
import { installSessionHook } from './session.hook';
import { installSameOriginHook } from './same-origin.hook';
import { registerAuthRoutes } from './auth.routes';
import type { CookiePolicy } from './session-cookie';

export type AuthModule = {
  accounts: AccountService;
  profiles: ProfileService;
  sessions: SessionService;
  resets: PasswordResetService;
  /** Every mail goes through it: queued in the shared outbox, then sent (`withMailLog`). */
  mailer: Mailer;
  /** The outbox and the plain transport under `mailer`, for the delivery sweep that retries what is left there. */
  outbox: { log: MailLogStore; transport: Mailer };
  /** The admin's account operations (search, roles, disable) and the accounts' store, for the admin module. */
  admin: AdminUsersService;
  accountStore: AccountStore;
  /** Hooks (cookie → `request.auth`, same-origin writes): install before any other request hook. */
  installHooks(app: FastifyInstance): Promise<void>;
  registerRoutes(app: FastifyInstance): void;
  /** Creates or promotes the ADMIN_EMAIL account when configured. */
  bootstrapAdmin(): Promise<void>;
  /** Lets reset mails still being sent finish, then closes the mailer. */
  close(): Promise<void>;
};

/** Accounts, sessions and mail wired from the config; `publicOrigin` is read lazily (known only after listen). */
export async function createAuthModule(
  store: Store,
  config: ServerConfig,
  app: FastifyInstance,
  publicOrigin: () => string,
): Promise<AuthModule> {
  const now = config.now;
  const accountStore = await AccountStore.open(store);
  const profiles = new ProfileService(accountStore, now);
  const sessions = await SessionService.open(store, accountStore, { idleDays: config.sessionIdleDays, now });
  const limiter = await SharedRateLimiter.open(store, config.rateLimits, now);
  const accounts = new AccountService(accountStore, profiles, sessions, limiter, now);
  const transport = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: join(config.dataDir, 'outbox'),
    log: app.log,
  });
  const mailLog = await MailLogStore.open(store);
  const mailer = withMailLog(transport, {
    log: mailLog,
    instanceId: config.instanceId,
    now,
    warn: (f, m) => app.log.warn(f, m),
  });
  const resets = await PasswordResetService.open({
    store,
    accountStore,
    accounts,
    sessions,
    limiter,
    mailer,
    publicOrigin,
    log: app.log,
    now,
  });
  accounts.onCredentialsChanged((userId) => resets.invalidateAll(userId));
  const admin = new AdminUsersService(accountStore, accounts, profiles, sessions);
  const cookie: CookiePolicy = {
    secure: () => publicOrigin().startsWith('https:'),
    maxAgeSeconds: sessions.idleSeconds,
  };
  return {
    accounts,
    profiles,
    sessions,
    resets,
    mailer,
    outbox: { log: mailLog, transport },
    admin,
    accountStore,
    async installHooks(target) {
      installSameOriginHook(target, publicOrigin);
      await installSessionHook(target, sessions, cookie);
      target.addHook('onSend', (request, reply, payload, done) => {
        if (/^\/api\/(auth|account|admin)\//.test(request.url)) {
          reply.header('cache-control', 'no-store');
        }
        done(null, payload);
      });
    },
    registerRoutes(target) {
      registerAuthRoutes(target, { accounts, sessions, resets, cookie });
      registerAccountRoutes(target, { accounts, profiles, cookie });
      registerAdminUserRoutes(target, admin);
    },
    async bootstrapAdmin() {
      if (!config.adminEmail || !config.adminPassword) return;
      await ensureAdmin(
        { accounts, store: accountStore, profiles, log: app.log },
        { email: config.adminEmail, password: config.adminPassword },
      );
    },
    async close() {
      await resets.settle();
      await mailer.close();
    },
  };
}
