// Test support: two real sync servers, each on its own embedded store in its own data dir, whose stores replicate
// both ways live (see `store-link.ts`). Node A imports the catalogue and starts first; node B starts once A's data
// has reached it, so the two never create the same documents independently (which would be conflicts of our own
// making, not the ones under test).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { createServer, type SyncServer } from '../server';
import { openPouchdbStore } from '../store/pouchdb.store';
import { datasetFixture, writeDataset, type Dataset } from '../test-support/fixtures';
import { LinkedStore, StoreLink } from './store-link';

export type TwoNodeCluster = {
  root: string;
  a: SyncServer;
  b: SyncServer;
  link: StoreLink;
  /** Waits until both nodes hold the same revisions of every database either has opened. */
  untilReplicated(timeoutMs?: number): Promise<void>;
  /** Closes both servers (stopping replication) and removes the temp dir. */
  cleanup(): Promise<void>;
};

export type TwoNodeOptions = {
  dataset?: Partial<Dataset>;
  /** Config of both nodes (node B never imports the catalogue: it receives A's). */
  overrides?: Partial<ServerConfig>;
  /** Config of node B only, over `overrides`. */
  overridesB?: Partial<ServerConfig>;
};

export async function startTwoNodeCluster(options: TwoNodeOptions = {}): Promise<TwoNodeCluster> {
  const root = await mkdtemp(join(tmpdir(), 'poisklinik-cluster-'));
  const demoDataDir = join(root, 'demo-data');
  await writeDataset(demoDataDir, options.dataset ?? datasetFixture());
  const storeA = await openPouchdbStore({ dataDir: join(root, 'a') });
  const storeB = await openPouchdbStore({ dataDir: join(root, 'b') });
  const link = new StoreLink(storeA, storeB);
  const base: Partial<ServerConfig> = {
    port: 0,
    demoDataDir,
    webRoot: join(root, 'no-web-build'),
    logLevel: 'silent',
    ...options.overrides,
  };
  const started: SyncServer[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.allSettled(started.map((server) => server.close()));
    await link.stop();
    await Promise.allSettled([storeA.close(), storeB.close()]);
    await rm(root, { recursive: true, force: true });
  };
  try {
    const a = await createServer({ ...base, dataDir: join(root, 'a') }, { store: new LinkedStore(storeA, link) });
    started.push(a);
    await link.untilReplicated();
    const b = await createServer(
      { ...base, importDemoData: false, ...options.overridesB, dataDir: join(root, 'b') },
      { store: new LinkedStore(storeB, link) },
    );
    started.push(b);
    await link.untilReplicated();
    return { root, a, b, link, untilReplicated: (timeoutMs) => link.untilReplicated(timeoutMs), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
