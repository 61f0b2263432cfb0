// `pnpm admin:create -- --email root@example.ru` with the password in ADMIN_PASSWORD (never on the command line,
// where it would land in shell history and `ps`). Creates the account with the admin role, or grants the role to
// an existing account without touching its password. Uses the server's store configuration (DATA_DIR/COUCHDB_URL).
import { loadConfig } from '../config';
import { cliArgs, openConfiguredStore, runCli, UsageError } from '../scale/scale-cli';
import { MemoryRateLimiter } from '../auth/rate-limiter';
import { SessionService } from '../auth/session.service';
import { AccountStore } from './account.store';
import { AccountService } from './account.service';
import { ProfileService } from './profile.service';
import { ensureAdmin } from './admin-bootstrap';
import { AccountError } from './account-error';

runCli(async () => {
  const args = cliArgs(process.argv.slice(2), { email: { type: 'string' } });
  if (!args.email) throw new UsageError('Usage: ADMIN_PASSWORD=… pnpm admin:create -- --email <address>');
  const password = process.env.ADMIN_PASSWORD;
  if (!password) throw new UsageError('Set the password in the ADMIN_PASSWORD environment variable (not an argument).');
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: args.email });
  const lockedError = (): UsageError =>
    new UsageError(
      `The embedded store in ${config.dataDir} is locked by a running sync server. Stop the server first, ` +
        'or set ADMIN_EMAIL and ADMIN_PASSWORD for it: it creates the admin itself on start.',
    );
  let store;
  try {
    store = await openConfiguredStore(config);
  } catch (err) {
    throw err instanceof UsageError && /locked/.test(err.message) ? lockedError() : err;
  }
  let accountStore;
  try {
    // Each embedded database has its own lock; the server may hold `accounts` without `clinics`.
    accountStore = await AccountStore.open(store);
  } catch (err) {
    await store.close().catch(() => undefined);
    throw /\bLOCK\b|Resource temporarily unavailable/i.test(String(err)) ? lockedError() : err;
  }
  try {
    const profiles = new ProfileService(accountStore);
    const sessions = await SessionService.open(store, accountStore, { idleDays: config.sessionIdleDays });
    const accounts = new AccountService(accountStore, profiles, sessions, new MemoryRateLimiter(config.rateLimits));
    const log = { info: (fields: object, message: string) => console.log(message, JSON.stringify(fields)) };
    const result = await ensureAdmin({ accounts, store: accountStore, profiles, log }, { email: args.email, password });
    console.log(
      result === 'created'
        ? `created admin ${args.email}`
        : result === 'promoted'
          ? `granted the admin role to ${args.email} (password unchanged)`
          : `${args.email} is already an admin (password unchanged)`,
    );
  } catch (err) {
    if (err instanceof AccountError) throw new UsageError(`${err.error}: ${err.reason}`);
    throw err;
  } finally {
    await store.close();
  }
});
