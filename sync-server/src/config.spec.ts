import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ACTIVE_BOOKINGS, LONGPOLL_MAX_MS } from '@poisklinik/shared';
import { ConfigError, loadConfig, repoRoot } from './config';
import { defaultRateLimits } from './auth/rate-limits';

describe('loadConfig', () => {
  it('has safe defaults resolved against the repo root, not the cwd', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: join(repoRoot, '.data'),
      couchdbUrl: undefined,
      couchdbDbPrefix: '',
      webRoot: join(repoRoot, 'web/build'),
      longpollTimeoutMs: LONGPOLL_MAX_MS,
      ticketWindowDays: 14,
      ticketsCron: '0 * * * *',
      scheduler: true,
      importDemoData: true,
      demoDataDir: join(repoRoot, 'sync-server/demo-data'),
      mapStyleUrl: undefined,
      logLevel: 'info',
      publicOrigin: undefined,
      smtpUrl: undefined,
      mailFrom: 'ПоисКлиник <no-reply@localhost>',
      adminEmail: undefined,
      adminPassword: undefined,
      trustProxy: false,
      sessionIdleDays: 30,
      maxActiveBookings: DEFAULT_MAX_ACTIVE_BOOKINGS,
      conflictSweepMs: 5000,
      instanceId: expect.stringMatching(/^[A-Za-z0-9._:-]+-\d+-[0-9a-f]{6}$/) as unknown,
      leaseTtlMs: 30_000,
      storeWaitMs: 300_000,
      shutdownTimeoutMs: 15_000,
      rateLimits: defaultRateLimits(),
      now: Date.now,
    });
    expect(join(repoRoot, 'sync-server/package.json')).toContain('/sync-server/package.json');
  });

  it('reads every variable; relative paths are relative to the repo root; blanks mean unset', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: 'var/data',
      COUCHDB_URL: 'http://admin:pw@couch:5984',
      COUCHDB_DB_PREFIX: 'staging_',
      WEB_ROOT: '/srv/web',
      LONGPOLL_TIMEOUT_MS: '1000',
      IMPORT_DEMO_DATA: 'false',
      LOG_LEVEL: 'WARN',
      DEMO_DATA_DIR: ' ',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: join(repoRoot, 'var/data'),
      couchdbUrl: 'http://admin:pw@couch:5984',
      couchdbDbPrefix: 'staging_',
      webRoot: '/srv/web',
      longpollTimeoutMs: 1000,
      importDemoData: false,
      logLevel: 'warn',
      demoDataDir: join(repoRoot, 'sync-server/demo-data'),
    });
  });

  it('MAP_STYLE_URL: an http(s) URL or a path on this server', () => {
    expect(loadConfig({ MAP_STYLE_URL: 'https://tiles.example.org/style.json' }).mapStyleUrl).toBe(
      'https://tiles.example.org/style.json',
    );
    expect(loadConfig({ MAP_STYLE_URL: '/map/style.json' }).mapStyleUrl).toBe('/map/style.json');
  });

  it('names every bad variable at once, without echoing CouchDB credentials', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        LONGPOLL_TIMEOUT_MS: '-5',
        IMPORT_DEMO_DATA: 'maybe',
        LOG_LEVEL: 'loud',
        COUCHDB_URL: 'ftp://user:secret@x',
        COUCHDB_DB_PREFIX: '_users',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'PORT',
      'LONGPOLL_TIMEOUT_MS',
      'IMPORT_DEMO_DATA',
      'LOG_LEVEL',
      'COUCHDB_URL',
      'COUCHDB_DB_PREFIX',
    ]) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('secret');
  });

  it.each([
    ['LONGPOLL_TIMEOUT_MS', '0'],
    ['PORT', 'abc'],
    ['PORT', '80.5'],
    ['LONGPOLL_TIMEOUT_MS', '1e3'],
    ['COUCHDB_URL', 'not a url'],
    ['MAP_STYLE_URL', 'style.json'],
    ['MAP_STYLE_URL', '//cdn.example.org/style.json'],
    ['MAP_STYLE_URL', 'javascript:alert(1)'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  });

  it('reads the account and mail variables', () => {
    const config = loadConfig({
      PUBLIC_ORIGIN: 'https://poisklinik.example.ru/',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.ru:465',
      MAIL_FROM: 'Clinic <robot@example.ru>',
      ADMIN_EMAIL: 'root@example.ru',
      ADMIN_PASSWORD: ' spaces kept ',
      TRUST_PROXY: 'yes',
      SESSION_IDLE_DAYS: '7',
    });
    expect(config).toMatchObject({
      publicOrigin: 'https://poisklinik.example.ru',
      smtpUrl: 'smtps://mailer:pw@smtp.example.ru:465',
      mailFrom: 'Clinic <robot@example.ru>',
      adminEmail: 'root@example.ru',
      adminPassword: ' spaces kept ',
      trustProxy: true,
      sessionIdleDays: 7,
    });
  });

  it('refuses bad account and mail variables, without echoing SMTP credentials', () => {
    expect(() =>
      loadConfig({
        PUBLIC_ORIGIN: 'https://x.ru/app',
        SMTP_URL: 'http://user:topsecret@x',
        ADMIN_EMAIL: 'a@b.ru',
        TRUST_PROXY: 'perhaps',
        SESSION_IDLE_DAYS: '0',
      }),
    ).toThrow(
      /PUBLIC_ORIGIN[\s\S]*SMTP_URL[\s\S]*ADMIN_EMAIL and ADMIN_PASSWORD[\s\S]*TRUST_PROXY[\s\S]*SESSION_IDLE_DAYS/,
    );
    expect(() => loadConfig({ SMTP_URL: 'http://user:topsecret@x' })).not.toThrow(/topsecret/);
  });

  it('reads MAX_ACTIVE_BOOKINGS and refuses a limit below one', () => {
    expect(loadConfig({ MAX_ACTIVE_BOOKINGS: '5' }).maxActiveBookings).toBe(5);
    expect(() => loadConfig({ MAX_ACTIVE_BOOKINGS: '0' })).toThrow(/MAX_ACTIVE_BOOKINGS/);
  });

  it('reads the several-instances variables and refuses a lease shorter than a second', () => {
    const env = { INSTANCE_ID: 'sync-2', LEASE_TTL_MS: '3000', STORE_WAIT_MS: '0', SHUTDOWN_TIMEOUT_MS: '5000' };
    expect(loadConfig(env)).toMatchObject({
      instanceId: 'sync-2',
      leaseTtlMs: 3000,
      storeWaitMs: 0,
      shutdownTimeoutMs: 5000,
    });
    expect(() => loadConfig({ LEASE_TTL_MS: '500', INSTANCE_ID: 'two words' })).toThrow(
      /INSTANCE_ID must be[\s\S]*LEASE_TTL_MS must be an integer from 1000/,
    );
  });

  it('reads CONFLICT_SWEEP_MS (0 = on demand only) and refuses a negative period', () => {
    expect(loadConfig({ CONFLICT_SWEEP_MS: '0' }).conflictSweepMs).toBe(0);
    expect(loadConfig({ CONFLICT_SWEEP_MS: '2000' }).conflictSweepMs).toBe(2000);
    expect(() => loadConfig({ CONFLICT_SWEEP_MS: '-1' })).toThrow(/CONFLICT_SWEEP_MS/);
  });
});
