// `pnpm --filter @poisklinik/sync-server exec tsx src/scale/serve-scale.cli.ts --clinics 100000 [--seed 1]
// [--port 0] [--host 127.0.0.1] [--cache-root <dir>]`: a sync server preloaded with N generated clinics (data dir cached per seed and
// count under `<repo>/.data/bench-<seed>-<n>`). Prints the server URL alone on the first stdout line, for
// benchmark harnesses to read; everything else goes to stderr. Stops on SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { cliArgs, nonNegativeInt, UsageError } from './scale-cli';
import { startScaleServer } from './scale-server';

async function main(): Promise<void> {
  const args = cliArgs(process.argv.slice(2), {
    clinics: { type: 'string' },
    seed: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'cache-root': { type: 'string' },
  });
  if (args.clinics === undefined)
    throw new UsageError('usage: serve-scale --clinics N [--seed S] [--port P] [--host H]');
  const port = nonNegativeInt('port', args.port, 0);
  if (port > 65_535) throw new UsageError('--port must be 0…65535');
  const server = await startScaleServer({
    clinics: nonNegativeInt('clinics', args.clinics, 0),
    seed: nonNegativeInt('seed', args.seed, 1),
    ...(args['cache-root'] ? { cacheRoot: resolve(process.env['INIT_CWD'] ?? process.cwd(), args['cache-root']) } : {}),
    server: { port, host: args.host ?? '127.0.0.1', logLevel: 'warn' },
    log: (line) => console.error(line),
  });
  console.log(server.url);
  console.error(
    `${server.reused ? 'reused' : 'built'} ${server.dataDir} (${server.preloadSeconds.toFixed(1)} s); replication under ${server.url}/db/`,
  );
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
