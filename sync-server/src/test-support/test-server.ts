// Starts the real server (real embedded store on disk in a temp dir, real HTTP on loopback) for tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { createServer, type SyncServer } from '../server';
import { datasetFixture, writeDataset, type Dataset } from './fixtures';

export type TestEnv = {
  root: string;
  dataDir: string;
  demoDataDir: string;
  start(overrides?: Partial<ServerConfig>): Promise<SyncServer>;
  /** Closes every server it started and removes the temp dir. */
  cleanup(): Promise<void>;
};

export async function createTestEnv(dataset: Partial<Dataset> = datasetFixture()): Promise<TestEnv> {
  const root = await mkdtemp(join(tmpdir(), 'poisklinik-sync-'));
  const dataDir = join(root, 'data');
  const demoDataDir = join(root, 'demo-data');
  await writeDataset(demoDataDir, dataset);
  const started: SyncServer[] = [];
  return {
    root,
    dataDir,
    demoDataDir,
    async start(overrides = {}) {
      const server = await createServer({
        port: 0,
        dataDir,
        demoDataDir,
        webRoot: join(root, 'no-web-build'),
        logLevel: 'silent',
        ...overrides,
      });
      started.push(server);
      return server;
    },
    async cleanup() {
      await Promise.all(started.map((s) => s.close()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type JsonResponse = { status: number; headers: Headers; body: unknown };

/** fetch + JSON body; never throws on HTTP errors, so tests can assert on status and body. */
export async function request(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: res.status, headers: res.headers, body };
}

export function postJson(url: string, body: unknown): Promise<JsonResponse> {
  return request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
