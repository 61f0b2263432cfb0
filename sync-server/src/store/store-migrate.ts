// Moves an embedded-store install onto CouchDB: every database directory under the data dir is replicated with
// PouchDB's own replicator into the database of the same name on the CouchDB server. Replication (not an export of
// current documents) carries whole revision trees — tombstones, conflicts, `_rev`s — so devices keep their
// checkpoints' meaning, a pending conflict is still visible to the sweeper afterwards, and an interrupted run can be
// repeated: it continues where the target already is.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { databaseDirName, isValidDatabaseName } from './database-name';
import { redactUrl } from './couchdb-http';
import { openCouchdbStore } from './couchdb.store';

export type MigratedDatabase = {
  readonly name: string;
  /** Documents (incl. tombstones) the run wrote; 0 when the target was already up to date. */
  readonly docsWritten: number;
  readonly sourceDocs: number;
  readonly targetDocs: number;
};

export type MigrateOptions = {
  /** The embedded store's directory (`DATA_DIR`); the sync server using it must be stopped (leveldb lock). */
  readonly dataDir: string;
  /** `http(s)://user:pass@host:5984` with rights to create databases. */
  readonly couchdbUrl: string;
  /** COUCHDB_DB_PREFIX of the install that will use the CouchDB ('' = plain names). */
  readonly dbPrefix?: string;
  readonly log?: (line: string) => void;
};

/** Inverse of `databaseDirName`: `.2f` → `/` etc. Null for a directory that is not one of the store's databases. */
export function databaseNameOfDir(dirName: string): string | null {
  const name = dirName.replace(/\.([0-9a-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return isValidDatabaseName(name) && databaseDirName(name) === dirName ? name : null;
}

async function isLevelDb(dir: string): Promise<boolean> {
  // Every leveldb directory has a CURRENT file; the outbox and other folders in the data dir do not.
  return stat(join(dir, 'CURRENT')).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The store's databases found in `dataDir`, sorted by name. */
export async function embeddedDatabases(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const name = databaseNameOfDir(entry.name);
    if (name !== null && (await isLevelDb(join(dataDir, entry.name)))) names.push(name);
  }
  return names.sort();
}

function targetUrl(base: string, name: string): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

export async function migrateEmbeddedStore(options: MigrateOptions): Promise<MigratedDatabase[]> {
  const log = options.log ?? (() => undefined);
  const names = await embeddedDatabases(options.dataDir);
  const done: MigratedDatabase[] = [];
  // Our CouchDB adapter creates each database (idempotently, as the server itself would) before PouchDB replicates
  // into it, so a credential without the right to create databases fails here with CouchDB's own reason.
  const couch = await openCouchdbStore({ url: options.couchdbUrl, dbPrefix: options.dbPrefix ?? '' });
  try {
    for (const name of names) {
      await couch.database(name);
      done.push(await replicateOne(options, name, log));
    }
  } finally {
    await couch.close();
  }
  log(`migrated ${done.length} databases from ${options.dataDir} to ${redactUrl(options.couchdbUrl)}`);
  return done;
}

async function replicateOne(
  options: MigrateOptions,
  name: string,
  log: (line: string) => void,
): Promise<MigratedDatabase> {
  const source = new PouchDB(join(options.dataDir, databaseDirName(name)), { adapter: 'leveldb' });
  const target = new PouchDB(targetUrl(options.couchdbUrl, (options.dbPrefix ?? '') + name), { skip_setup: true });
  try {
    const result = await source.replicate.to(target, { batch_size: 500, batches_limit: 4 }).catch((err: unknown) => {
      throw new Error(`replicating ${name} failed: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    });
    if (result.status !== 'complete') throw new Error(`replication of ${name} ended ${result.status}`);
    const [from, to] = await Promise.all([source.info(), target.info()]);
    const entry = { name, docsWritten: result.docs_written, sourceDocs: from.doc_count, targetDocs: to.doc_count };
    log(`${name}: ${entry.docsWritten} written, ${entry.sourceDocs} here → ${entry.targetDocs} there`);
    return entry;
  } finally {
    await Promise.allSettled([source.close(), target.close()]);
  }
}
