import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_ACTIVE_BOOKINGS, LONGPOLL_MAX_MS } from '@poisklinik/shared';
import { isValidDbPrefix } from './store/database-name';
import { defaultRateLimits, type RateLimits } from './auth/rate-limits';
import { DEFAULT_CONFLICT_SWEEP_MS } from './bookings/conflict-sweeper';
import { DEFAULT_LEASE_TTL_MS } from './cluster/store-lease';
import {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_STORE_WAIT_MS,
  defaultInstanceId,
  parseInstanceId,
} from './lifecycle/instance';
import { DEFAULT_TICKETS_CRON, DEFAULT_TICKET_WINDOW_DAYS, parseTicketsCron } from './tickets/tickets-config';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Everything the server needs to start. `loadConfig` builds it from env; tests may build it by hand. */
export type ServerConfig = {
  /** TCP port; 0 picks a free one (the real URL is returned by `createServer`). */
  port: number;
  host: string;
  /** Where the embedded store keeps its files (ignored when `couchdbUrl` is set). */
  dataDir: string;
  /** Apache CouchDB base URL; unset = embedded store in `dataDir`. */
  couchdbUrl: string | undefined;
  /** Before every CouchDB database name (`COUCHDB_DB_PREFIX`): several installs or test runs on one CouchDB. */
  couchdbDbPrefix: string;
  /** The built PWA (`web/build`); a missing build is reported on `/`, not a startup failure. */
  webRoot: string;
  /** Server-side cap on a long-poll `_changes` wait. */
  longpollTimeoutMs: number;
  /** Tickets are kept this many clinic-local days ahead (`TICKET_WINDOW_DAYS`). */
  ticketWindowDays: number;
  /** When the ticket scheduler runs (`TICKETS_CRON`, croner syntax); it also runs at start. */
  ticketsCron: string;
  /** `SCHEDULER=off`: no start or cron runs (tests that seed tickets by hand); the admin trigger still works. */
  scheduler: boolean;
  importDemoData: boolean;
  /** Folder with `towns.json`, `specialties.json`, `clinics.json`. */
  demoDataDir: string;
  /** MapLibre style URL handed to the app at runtime (`GET /api/config`); unset = the app draws a plain map. */
  mapStyleUrl: string | undefined;
  logLevel: LogLevel;
  /**
   * The app's public origin (`https://poisklinik.ru`): mail links and the CSRF check. Unset = the server's own URL,
   * known only once it listens (see `createServer`).
   */
  publicOrigin: string | undefined;
  /** `smtp(s)://user:pass@host:port`; unset = mail is written as `.eml` files into `<dataDir>/outbox`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** With `adminPassword`: this account exists with the admin role after start (created when missing). */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Fastify `trustProxy`: `request.ip` is the client behind a load balancer (rate limits count per client). */
  trustProxy: boolean;
  /** A session unused this long ends; every use moves the end (sliding expiry). */
  sessionIdleDays: number;
  /** Confirmed future bookings one user may hold at once (`MAX_ACTIVE_BOOKINGS`): stops hoarding of tickets. */
  maxActiveBookings: number;
  /** Period of the cluster conflict sweep of tickets and bookings (`CONFLICT_SWEEP_MS`); 0 = on demand only. */
  conflictSweepMs: number;
  /** This process among several on one store (`INSTANCE_ID`): lease holder and scheduler runs name it. */
  instanceId: string;
  /** The background-jobs lease expires this long after its last renewal (`LEASE_TTL_MS`); renewed every third. */
  leaseTtlMs: number;
  /** main.ts: how long start-up keeps retrying an unreachable store before giving up (`STORE_WAIT_MS`). */
  storeWaitMs: number;
  /** main.ts: a shutdown that takes longer than this exits with 1 anyway (`SHUTDOWN_TIMEOUT_MS`). */
  shutdownTimeoutMs: number;
  /** Not from env: tests tighten or loosen them. */
  rateLimits: RateLimits;
  /** Not from env: the clock of sessions, reset tokens and rate limits, so tests can move time without sleeping. */
  now: () => number;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Repo root, derived from this file's location so defaults do not depend on the caller's cwd. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Relative paths in env are read relative to the repo root for the same reason. */
function repoPath(p: string): string {
  return isAbsolute(p) ? p : resolve(repoRoot, p);
}

export function defaultConfig(): ServerConfig {
  return {
    port: 8080,
    host: '127.0.0.1',
    dataDir: repoPath('.data'),
    couchdbUrl: undefined,
    couchdbDbPrefix: '',
    webRoot: repoPath('web/build'),
    longpollTimeoutMs: LONGPOLL_MAX_MS,
    ticketWindowDays: DEFAULT_TICKET_WINDOW_DAYS,
    ticketsCron: DEFAULT_TICKETS_CRON,
    scheduler: true,
    importDemoData: true,
    demoDataDir: repoPath('sync-server/demo-data'),
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
    conflictSweepMs: DEFAULT_CONFLICT_SWEEP_MS,
    instanceId: defaultInstanceId(),
    leaseTtlMs: DEFAULT_LEASE_TTL_MS,
    storeWaitMs: DEFAULT_STORE_WAIT_MS,
    shutdownTimeoutMs: DEFAULT_SHUTDOWN_TIMEOUT_MS,
    rateLimits: defaultRateLimits(),
    now: Date.now,
  };
}

type Env = Readonly<Record<string, string | undefined>>;

// Below a second, idle clients would re-poll in a tight loop (RxDB re-asks as soon as an empty answer arrives);
// above an hour is surely a unit mistake (seconds vs ms) and would pin sockets for no benefit.
const MIN_LONGPOLL_MS = 1_000;
const MAX_LONGPOLL_MS = 3_600_000;

function parseIntIn(name: string, raw: string, min: number, max: number, errors: string[]): number | undefined {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    errors.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return undefined;
  }
  return Number(raw);
}

function parseBool(name: string, raw: string, errors: string[]): boolean | undefined {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  errors.push(`${name} must be true or false, got "${raw}"`);
  return undefined;
}

function parseCouchUrl(raw: string, errors: string[]): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  errors.push(`COUCHDB_URL must be an http(s) URL, got "${raw.replace(/\/\/[^@/]*@/, '//***@')}"`);
  return undefined;
}

// The app loads the style straight from the browser, so anything but an http(s) URL (or a path on this server)
// would only fail there, far from the misconfiguration; refusing it at start names the variable instead.
function parseStyleUrl(raw: string, errors: string[]): string | undefined {
  if (/^\/(?!\/)\S*$/.test(raw)) return raw;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  errors.push(`MAP_STYLE_URL must be an http(s) URL or a path starting with /, got "${raw.slice(0, 200)}"`);
  return undefined;
}

// Only the origin is kept: a path or trailing slash would break both link building and the Origin comparison.
function parseOrigin(raw: string, errors: string[]): string | undefined {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && (url.pathname === '/' || url.pathname === '')) {
      if (!url.search && !url.hash && !url.username && !url.password) return url.origin;
    }
  } catch {
    // reported below
  }
  errors.push(`PUBLIC_ORIGIN must be an http(s) origin like https://example.ru (no path), got "${raw.slice(0, 200)}"`);
  return undefined;
}

function parseSmtpUrl(raw: string, errors: string[]): string | undefined {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return raw;
  } catch {
    // reported below
  }
  errors.push(
    `SMTP_URL must be an smtp:// or smtps:// URL, got "${raw.replace(/\/\/[^@/]*@/, '//***@').slice(0, 200)}"`,
  );
  return undefined;
}

/**
 * Reads the server configuration from environment variables (empty = unset) over safe defaults.
 * Throws a `ConfigError` naming every bad variable at once, so a misconfigured deployment fails fast and clearly.
 */
export function loadConfig(env: Env = process.env): ServerConfig {
  const config = defaultConfig();
  const errors: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const port = get('PORT');
  if (port !== undefined) config.port = parseIntIn('PORT', port, 0, 65_535, errors) ?? config.port;
  const host = get('HOST');
  if (host !== undefined) config.host = host;
  const dataDir = get('DATA_DIR');
  if (dataDir !== undefined) config.dataDir = repoPath(dataDir);
  const couch = get('COUCHDB_URL');
  if (couch !== undefined) config.couchdbUrl = parseCouchUrl(couch, errors);
  const dbPrefix = get('COUCHDB_DB_PREFIX');
  if (dbPrefix !== undefined) {
    if (isValidDbPrefix(dbPrefix)) config.couchdbDbPrefix = dbPrefix;
    else errors.push('COUCHDB_DB_PREFIX must be a lowercase letter then up to 39 of a-z, 0-9, _ and -');
  }
  const webRoot = get('WEB_ROOT');
  if (webRoot !== undefined) config.webRoot = repoPath(webRoot);
  const longpoll = get('LONGPOLL_TIMEOUT_MS');
  if (longpoll !== undefined) {
    config.longpollTimeoutMs =
      parseIntIn('LONGPOLL_TIMEOUT_MS', longpoll, MIN_LONGPOLL_MS, MAX_LONGPOLL_MS, errors) ?? 0;
  }
  const windowDays = get('TICKET_WINDOW_DAYS');
  if (windowDays !== undefined) {
    config.ticketWindowDays = parseIntIn('TICKET_WINDOW_DAYS', windowDays, 1, 90, errors) ?? config.ticketWindowDays;
  }
  const cron = get('TICKETS_CRON');
  if (cron !== undefined) config.ticketsCron = parseTicketsCron(cron, errors) ?? config.ticketsCron;
  const scheduler = get('SCHEDULER');
  if (scheduler !== undefined) config.scheduler = parseBool('SCHEDULER', scheduler, errors) ?? true;
  const importDemo = get('IMPORT_DEMO_DATA');
  if (importDemo !== undefined) config.importDemoData = parseBool('IMPORT_DEMO_DATA', importDemo, errors) ?? true;
  const demoDir = get('DEMO_DATA_DIR');
  if (demoDir !== undefined) config.demoDataDir = repoPath(demoDir);
  const mapStyle = get('MAP_STYLE_URL');
  if (mapStyle !== undefined) config.mapStyleUrl = parseStyleUrl(mapStyle, errors);
  const level = get('LOG_LEVEL');
  if (level !== undefined) {
    const found = logLevels.find((l) => l === level.toLowerCase());
    if (found) config.logLevel = found;
    else errors.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${level}"`);
  }

  const origin = get('PUBLIC_ORIGIN');
  if (origin !== undefined) config.publicOrigin = parseOrigin(origin, errors);
  const smtp = get('SMTP_URL');
  if (smtp !== undefined) config.smtpUrl = parseSmtpUrl(smtp, errors);
  const from = get('MAIL_FROM');
  if (from !== undefined) config.mailFrom = from;
  config.adminEmail = get('ADMIN_EMAIL');
  // Not trimmed: leading or trailing spaces may be part of a password.
  config.adminPassword = env.ADMIN_PASSWORD ? env.ADMIN_PASSWORD : undefined;
  if ((config.adminEmail === undefined) !== (config.adminPassword === undefined)) {
    errors.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const trustProxy = get('TRUST_PROXY');
  if (trustProxy !== undefined) config.trustProxy = parseBool('TRUST_PROXY', trustProxy, errors) ?? false;
  const idleDays = get('SESSION_IDLE_DAYS');
  if (idleDays !== undefined) {
    config.sessionIdleDays = parseIntIn('SESSION_IDLE_DAYS', idleDays, 1, 400, errors) ?? config.sessionIdleDays;
  }

  const maxBookings = get('MAX_ACTIVE_BOOKINGS');
  if (maxBookings !== undefined) {
    config.maxActiveBookings =
      parseIntIn('MAX_ACTIVE_BOOKINGS', maxBookings, 1, 1000, errors) ?? config.maxActiveBookings;
  }

  const sweepMs = get('CONFLICT_SWEEP_MS');
  if (sweepMs !== undefined) {
    config.conflictSweepMs = parseIntIn('CONFLICT_SWEEP_MS', sweepMs, 0, 3_600_000, errors) ?? config.conflictSweepMs;
  }

  const instanceId = get('INSTANCE_ID');
  if (instanceId !== undefined) config.instanceId = parseInstanceId(instanceId, errors) ?? config.instanceId;
  const leaseTtl = get('LEASE_TTL_MS');
  if (leaseTtl !== undefined) {
    config.leaseTtlMs = parseIntIn('LEASE_TTL_MS', leaseTtl, 1_000, 600_000, errors) ?? config.leaseTtlMs;
  }
  const storeWait = get('STORE_WAIT_MS');
  if (storeWait !== undefined) {
    config.storeWaitMs = parseIntIn('STORE_WAIT_MS', storeWait, 0, 86_400_000, errors) ?? config.storeWaitMs;
  }
  const shutdown = get('SHUTDOWN_TIMEOUT_MS');
  if (shutdown !== undefined) {
    config.shutdownTimeoutMs =
      parseIntIn('SHUTDOWN_TIMEOUT_MS', shutdown, 1_000, 600_000, errors) ?? config.shutdownTimeoutMs;
  }

  if (errors.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${errors.join('\n  - ')}`);
  return config;
}
