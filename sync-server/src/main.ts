import { ConfigError, loadConfig } from './config';
import { createServer } from './server';
import { createStore, storeOptionsOf } from './store/create-store';
import { waitForStore } from './lifecycle/wait-for-store';
import { exitGracefullyOnSignals, startupLog } from './lifecycle/shutdown';

// Entry point: `pnpm --filter @poisklinik/sync-server start`. Configuration comes from env (see config.ts).
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }

  // CouchDB may still be starting (compose, a cluster's set-up job): wait for it instead of crash-looping. The
  // embedded store fails only for reasons a retry does not fix (a locked or unreadable data dir).
  const store = await waitForStore({
    open: () => createStore(storeOptionsOf(config)),
    maxWaitMs: config.couchdbUrl ? config.storeWaitMs : 0,
    log: startupLog(config.logLevel === 'silent'),
  });
  const server = await createServer(config, { store });
  exitGracefullyOnSignals({ close: () => server.close(), timeoutMs: config.shutdownTimeoutMs, log: server.app.log });
  server.app.log.info(
    { instance: config.instanceId },
    `ПоисКлиник sync server listening on ${server.url} (replication under ${server.url}/db/)`,
  );
  server.app.log.info(
    { publicOrigin: server.config.publicOrigin, mail: server.mailer.transport },
    server.mailer.transport === 'outbox'
      ? `mail is not sent: SMTP_URL is unset, reset mails are written to ${config.dataDir}/outbox`
      : 'mail goes out through SMTP_URL',
  );
  if (!config.publicOrigin && (config.host === '0.0.0.0' || config.host === '::')) {
    // Links in mail would point at the bind address and the same-origin check would refuse a proxied app.
    server.app.log.warn(
      'PUBLIC_ORIGIN is unset: set it to the address users open (e.g. https://poisklinik.example.ru)',
    );
  }
}

main().catch((err: unknown) => {
  console.error('Sync server failed to start:', err);
  process.exit(1);
});
