import { ConfigError, loadConfig } from './config';
import { createServer } from './server';

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

  const server = await createServer(config);
  server.app.log.info(`ПоисКлиник sync server listening on ${server.url} (replication under ${server.url}/db/)`);
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

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('Sync server failed to start:', err);
  process.exit(1);
});
