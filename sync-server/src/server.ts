import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { defaultConfig, type ServerConfig } from './config';
import { createStore, storeOptionsOf } from './store/create-store';
import type { Store } from './store/store.types';
import { createSchemaValidator } from './catalogue/schema-validator';
import { importDemoData, type ImportSummary } from './catalogue/demo-import.service';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandler } from './http/error-handler';
import { installRequestValidation } from './http/request-validation';
import { registerApiDocs } from './api-docs/api-docs';
import { registerStaticApp } from './http/static.routes';
import { ReplicationService } from './replication/replication.service';
import { SyncScopeService } from './replication/scope/sync-scope.service';
import { installReplicationHooks, replicationRoutes } from './replication/replication.routes';
import { userWriteRoutes } from './replication/user/user-write.routes';
import { appConfig } from './app-config/app-config.service';
import { registerAppConfigRoutes } from './app-config/app-config.routes';
import { TicketScheduler } from './tickets/ticket-scheduler.service';
import { registerSchedulerRoutes } from './tickets/scheduler.routes';
import { createAuthModule, type AuthModule } from './auth/auth.module';
import type { Mailer } from './mail/mailer.types';
import { DEFAULT_MAIL_SWEEP_MS, MailDelivery } from './mail/mail-delivery';
import { ConflictSweeper } from './bookings/conflict-sweeper';
import { registerConflictSweepRoutes } from './cluster/conflict-sweep.routes';
import { StoreLease } from './cluster/store-lease';
import { Readiness, registerHealthRoutes } from './lifecycle/health.routes';
import { createBookingModule, type BookingModule } from './bookings/booking.module';
import { registerAdminModule } from './admin/admin.module';
import { SyncHealthService } from './health/sync-health.service';
import { installSyncHealthHooks } from './health/sync-health.hooks';
import { registerSyncHealthRoutes } from './health/sync-health.routes';
import { createReviewModule } from './reviews/review.module';
import { registerAdminReviewRoutes } from './reviews/admin-reviews.routes';
import { createClinicManagement } from './clinic-management/clinic-management.module';

/** Larger bodies are refused with 400 before parsing; a `_bulk_get` of a 500-doc batch is ~60 KB. */
export const BODY_LIMIT_BYTES = 1_048_576;

export type SyncServer = {
  app: FastifyInstance;
  /** The live store: tests write through it to check that clients receive changes. */
  store: Store;
  /** Where the server really listens, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  config: ServerConfig;
  /** Reset mails (and later booking mails) go through it: SMTP, or `.eml` files in `<dataDir>/outbox`. */
  mailer: Mailer;
  /** Accounts, profiles, sessions and password resets, for tests and CLIs that need the services themselves. */
  auth: AuthModule;
  /** Bookings: the write handler of the `bookings` collection and its recovery sweep. */
  bookings: BookingModule;
  /** What the demo import did on this start (undefined when `importDemoData` is off). */
  importSummary: ImportSummary | undefined;
  /** Keeps tickets in step with clinic schedules; `runNow()` for tests and the cluster, `startRun` to await. */
  scheduler: TicketScheduler;
  /** Resolves cluster conflicts of tickets and bookings (ADR 012): periodic, and `sweep()` on demand. */
  conflicts: ConflictSweeper;
  /** Retries mail from the store's outbox (ADR 018): periodic on the lease holder, and `sweep()` on demand. */
  mailDelivery: MailDelivery;
  /** The background-jobs lease in the store: scheduler and periodic sweeps run only while it is held (ADR 018). */
  lease: StoreLease;
  /** What `/readyz` answers from. */
  readiness: Readiness;
  /** `_changes` long-polls now waiting for a change: lets a test write only once its client is listening. */
  activeLongPolls(): number;
  /** Ends long-polls, stops listening, closes the store. Idempotent. */
  close(): Promise<void>;
};

/** Parts a caller may hand in instead of the server building them from its config. */
export type ServerDeps = {
  /**
   * An already open store (the two-node test cluster hands each node a store that replicates into the other's).
   * The server owns it from then on: `close()` closes it.
   */
  store?: Store;
};

function urlOf(app: FastifyInstance, host: string): string {
  const address = app.server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; that is the address a local client (or test) should use.
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : address.address;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`;
}

/**
 * Opens the store, imports the demo catalogue (when enabled), and listens. Fields not given fall back to the
 * defaults of `defaultConfig()` — not to the environment; use `loadConfig()` for that.
 */
export async function createServer(overrides: Partial<ServerConfig> = {}, deps: ServerDeps = {}): Promise<SyncServer> {
  // Explicit `undefined`s (e.g. `{ dataDir: process.env.X }`) mean "not given", not "no data dir".
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const config: ServerConfig = { ...defaultConfig(), ...given };
  const store = deps.store ?? (await createStore(storeOptionsOf(config)));

  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 512 },
    // Idle keep-alive sockets must not delay shutdown; busy ones are ended by aborting their long-polls.
    forceCloseConnections: 'idle',
    // Behind a load balancer `request.ip` must be the client, or every rate limit would count the balancer.
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  // Unknown until listening when not configured (port 0 in tests): the hooks and mails read it lazily.
  let publicOrigin = config.publicOrigin ?? '';

  let scheduler: TicketScheduler | undefined;
  let importSummary: ImportSummary | undefined;
  // One lease for both background jobs: the scheduler and the sweeper write the same tickets (ADR 018).
  const lease = new StoreLease({
    store,
    name: 'background-jobs',
    instanceId: config.instanceId,
    ttlMs: config.leaseTtlMs,
    log: app.log,
  });
  const holdsLease = (): boolean => lease.held;
  const readiness = new Readiness(store, config.instanceId);
  const conflicts = new ConflictSweeper({
    store,
    now: config.now,
    intervalMs: config.conflictSweepMs,
    log: app.log,
    holdsLease,
  });
  let auth: AuthModule | undefined;
  let mailDelivery: MailDelivery | undefined;
  let bookings: BookingModule | undefined;
  const replication = new ReplicationService({
    store,
    scopes: new SyncScopeService(store),
    longpollTimeoutMs: config.longpollTimeoutMs,
  });
  readiness.longPolls = () => replication.activeLongPolls;
  const health = new SyncHealthService({
    store,
    instanceId: config.instanceId,
    activeLongPolls: () => replication.activeLongPolls,
  });
  try {
    if (config.importDemoData) {
      importSummary = await importDemoData({
        store,
        validator: createSchemaValidator(),
        dir: config.demoDataDir,
        log: app.log,
      });
    }
    readiness.importDone = true;
    installErrorHandler(app);
    installRequestValidation(app);
    await registerApiDocs(app);
    auth = await createAuthModule(store, config, app, () => publicOrigin);
    // The auth module's outbox and transport: the sweep sends entries already in the log.
    mailDelivery = new MailDelivery({
      log: auth.outbox.log,
      mailer: auth.outbox.transport,
      instanceId: config.instanceId,
      now: config.now,
      intervalMs: DEFAULT_MAIL_SWEEP_MS,
      holdsLease,
      warn: (fields, message) => app.log.warn(fields, message),
    });
    await auth.installHooks(app);
    installReplicationHooks(app, replication);
    installSyncHealthHooks(app, health);
    let closing = false;
    app.addHook('preClose', (done) => {
      closing = true;
      readiness.closing = true;
      replication.abortAll();
      done();
    });
    // Answers still in flight at shutdown (ended long-polls) close their socket: a keep-alive socket that turns
    // idle after close() began is never reaped and would hold close() until the keep-alive timeout.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
    registerHealthRoutes(app, readiness);
    registerAppConfigRoutes(app, appConfig(config));
    auth.registerRoutes(app);
    scheduler = await TicketScheduler.open({
      store,
      now: config.now,
      windowDays: config.ticketWindowDays,
      log: app.log,
      instanceId: config.instanceId,
      holdsLease,
    });
    registerSchedulerRoutes(app, scheduler);
    registerConflictSweepRoutes(app, conflicts, holdsLease);
    await app.register(replicationRoutes(replication), { prefix: '/db' });
    bookings = createBookingModule({
      store,
      maxActiveBookings: config.maxActiveBookings,
      now: config.now,
      mailer: auth.mailer,
      publicOrigin: () => publicOrigin,
      log: app.log,
    });
    bookings.start();
    const erasure = bookings.erasure;
    auth.accounts.onAccountDeleted(async (userId) => {
      await erasure.eraseUser(userId);
    });
    const reviews = createReviewModule({ store, now: config.now, log: app.log });
    auth.accounts.onAccountDeleted(async (userId) => {
      await reviews.erasure.eraseUser(userId);
    });
    registerAdminReviewRoutes(app, reviews.moderation);
    await registerAdminModule(app, { store, auth, bookings, now: config.now });
    registerSyncHealthRoutes(app, health);
    await app.register(
      userWriteRoutes({ profiles: auth.profiles, bookings: bookings.service, reviews: reviews.service }),
      { prefix: '/db' },
    );
    await app.register(replicationRoutes(replication, { scoped: true }), { prefix: '/db/scope/:townId' });
    await app.register(replicationRoutes(replication, { scoped: true }), { prefix: '/db/clinic/:clinicId' });
    const clinicScheduler = scheduler;
    const clinics = await createClinicManagement({
      store,
      now: config.now,
      rescheduleClinic: (clinicId) => clinicScheduler.runClinic(clinicId),
    });
    clinics.registerRoutes(app);
    await registerStaticApp(app, config.webRoot);
    await auth.bootstrapAdmin();
    await app.listen({ port: config.port, host: config.host });
    // After listen, not awaited: a country's tickets take a while and must not hold the server's start.
    // Only the lease holder generates; a single instance takes the lease here, before createServer returns.
    const jobs = scheduler;
    lease.onChange((held) => {
      if (!held) jobs.pause();
      else if (config.scheduler) jobs.start(config.ticketsCron);
    });
    await lease.start();
  } catch (err) {
    await scheduler?.stop().catch(() => undefined);
    await lease.release().catch(() => undefined);
    await app.close().catch(() => undefined);
    await bookings?.close().catch(() => undefined);
    // The delivery sweep before the auth module, which closes the transport the sweep sends through.
    await mailDelivery?.close().catch(() => undefined);
    await auth?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }

  conflicts.start();
  const outbox = mailDelivery;
  outbox.start();
  let closing: Promise<void> | undefined;
  const url = urlOf(app, config.host);
  publicOrigin ||= url;
  const ticketScheduler = scheduler;
  const authModule = auth;
  const bookingModule = bookings;
  return {
    app,
    store,
    url,
    config: { ...config, publicOrigin },
    mailer: authModule.mailer,
    auth: authModule,
    bookings: bookingModule,
    importSummary,
    scheduler: ticketScheduler,
    conflicts,
    mailDelivery: outbox,
    lease,
    readiness,
    activeLongPolls: () => replication.activeLongPolls,
    close: () =>
      (closing ??= (async () => {
        try {
          readiness.closing = true;
          await ticketScheduler.stop();
          await app.close();
          await conflicts.close();
          // After the jobs stopped: another instance takes over at once instead of after the TTL.
          await lease.release();
          await bookingModule.close();
          await outbox.close();
          await authModule.close();
        } finally {
          await store.close();
        }
      })()),
  };
}
