// `pnpm load:data -- [--dir <dir>]`: loads a dataset folder (default `<repo>/.data/scale`) into the store the
// server is configured for (DATA_DIR / COUCHDB_URL). Idempotent: unchanged documents are not rewritten.
import { resolve } from 'node:path';
import { loadConfig } from '../config';
import { DEFAULT_SCALE_DIR, loadScaleData } from './scale-files';
import { cliArgs, describeStore, formatLoadReport, openConfiguredStore, progressPrinter, runCli } from './scale-cli';

runCli(async () => {
  const args = cliArgs(process.argv.slice(2), { dir: { type: 'string' } });
  const dir = args.dir ? resolve(process.env['INIT_CWD'] ?? process.cwd(), args.dir) : DEFAULT_SCALE_DIR;
  const config = loadConfig();
  const store = await openConfiguredStore(config);
  try {
    console.log(`loading ${dir} into ${describeStore(config)}`);
    console.log(formatLoadReport(await loadScaleData(store, dir, progressPrinter())));
  } finally {
    await store.close();
  }
});
