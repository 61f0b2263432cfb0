// Test and benchmark support: several real sync-server processes (`node --import tsx src/main.ts`) over ONE shared
// store — a real CouchDB when COUCHDB_URL is set, else the CouchDB stand-in run by this process, which owns it.
// Each instance is a child process on its own port, as behind a load balancer in production (ADR 018).
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCouchStandIn, type CouchStandIn } from '../store/couchdb-stand-in.fixture';
import { openCouchdbStore } from '../store/couchdb.store';
import type { Store } from '../store/store.types';

const packageDir = join(import.meta.dirname, '../..');

export type Instance = {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  output(): string;
  /** Resident memory of the process now, from /proc (Linux), in bytes. */
  rssBytes(): Promise<number>;
};

export type SharedStore = {
  /** CouchDB URL every instance gets as COUCHDB_URL. */
  readonly url: string;
  /** COUCHDB_DB_PREFIX every instance gets: unique per run on a real CouchDB, so the run touches only its own databases. */
  readonly dbPrefix: string;
  /** The test's own handle on the store, for reading what the instances wrote. */
  readonly store: Store;
  readonly real: boolean;
  stop(): Promise<void>;
};

/**
 * On a real CouchDB the run's databases carry a fresh prefix (`t<random>_clinics`, …), so it never sees an earlier
 * run's tickets nor touches anybody else's databases; they are destroyed afterwards.
 */
export async function openSharedStore(): Promise<SharedStore> {
  const realUrl = process.env['COUCHDB_URL']?.trim() || undefined;
  let standIn: CouchStandIn | undefined;
  const url = realUrl ?? (standIn = await startCouchStandIn()).url;
  const dbPrefix = realUrl ? `t${randomBytes(5).toString('hex')}_` : '';
  const store = await openCouchdbStore({ url, dbPrefix });
  const wipe = async (): Promise<void> => {
    for (const name of await store.listDatabases()) await store.destroyDatabase(name);
  };
  return {
    url,
    dbPrefix,
    store,
    real: realUrl !== undefined,
    stop: async () => {
      if (realUrl) await wipe().catch(() => undefined);
      await store.close();
      await standIn?.stop();
    },
  };
}

export type InstanceEnv = Record<string, string>;

/** Starts one instance and resolves once it logs its URL (it has imported, taken or missed the lease, listens). */
export function startInstance(
  name: string,
  shared: Pick<SharedStore, 'url' | 'dbPrefix'>,
  env: InstanceEnv,
): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: {
      ...process.env,
      PORT: '0',
      COUCHDB_URL: shared.url,
      COUCHDB_DB_PREFIX: shared.dbPrefix,
      INSTANCE_ID: name,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<Instance>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!url) return;
      child.stdout.off('data', onData);
      child.stdout.on('data', (more: Buffer) => (output += more.toString()));
      resolve({
        name,
        url,
        child,
        exited,
        output: () => output,
        rssBytes: async () => {
          const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`instance ${name} exited (${code}) before listening:\n${output}`)));
  });
}

/** Kills what is still running (a failed test must not leave servers behind). */
export function killAll(instances: readonly Instance[]): void {
  for (const instance of instances) {
    if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGKILL');
  }
}

/** The store's current lease document (see `store-lease.ts`), or null. */
export async function leaseDoc(
  store: Store,
  name = 'background-jobs',
): Promise<{ holder: string | null; acquiredAt: number; expiresAt: number } | null> {
  const doc = await (await store.database('leases')).get(name);
  if (!doc) return null;
  return {
    holder: typeof doc['holder'] === 'string' ? doc['holder'] : null,
    acquiredAt: Number(doc['acquiredAt']),
    expiresAt: Number(doc['expiresAt']),
  };
}
