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
