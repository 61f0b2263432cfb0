// `pnpm store:migrate -- --to http://admin:…@couchdb:5984` (default: COUCHDB_URL) copies the embedded store in
// DATA_DIR (or --from) into CouchDB. Stop the sync server first: the embedded databases are locked while it runs.
import { loadConfig } from '../config';
import { cliArgs, runCli, UsageError } from '../scale/scale-cli';
import { migrateEmbeddedStore } from './store-migrate';

runCli(async () => {
  const args = cliArgs(process.argv.slice(2), { from: { type: 'string' }, to: { type: 'string' } });
  const config = loadConfig({ ...process.env, COUCHDB_URL: '' });
  const dataDir = args.from ?? config.dataDir;
  const couchdbUrl = args.to ?? process.env.COUCHDB_URL;
  if (!couchdbUrl) throw new UsageError('Usage: pnpm store:migrate -- --to <couchdb url> [--from <data dir>]');
  try {
    const databases = await migrateEmbeddedStore({
      dataDir,
      couchdbUrl,
      dbPrefix: config.couchdbDbPrefix,
      log: (line) => console.log(line),
    });
    const short = databases.filter((d) => d.targetDocs < d.sourceDocs);
    if (short.length > 0)
      throw new UsageError(`fewer documents on CouchDB than here: ${short.map((d) => d.name).join(', ')}`);
  } catch (err) {
    if (/\bLOCK\b|Resource temporarily unavailable/i.test(String(err))) {
      throw new UsageError(`The embedded store in ${dataDir} is locked by a running sync server. Stop it first.`);
    }
    throw err;
  }
});
