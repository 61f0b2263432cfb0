import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { request } from '../test-support/test-server';
import { benchDataDir, startScaleServer } from './scale-server';

const tmp = await mkdtemp(join(tmpdir(), 'poisklinik-bench-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));
const quiet = { port: 0, logLevel: 'silent', webRoot: join(tmp, 'no-web') } as const;

describe('startScaleServer', () => {
  it('builds the data dir once per (seed, count), then reuses it', { timeout: 120_000 }, async () => {
    const first = await startScaleServer({ clinics: 300, seed: 4, cacheRoot: tmp, server: quiet });
    try {
      expect(first.reused).toBe(false);
      expect(first.dataDir).toBe(benchDataDir(tmp, 4, 300));
      expect((await request(`${first.url}/db/clinics/`)).body).toMatchObject({ doc_count: 300 });
      expect((await request(`${first.url}/db/towns/`)).body).toMatchObject({
        doc_count: expect.any(Number) as unknown,
      });
    } finally {
      await first.close();
    }
    const second = await startScaleServer({ clinics: 300, seed: 4, cacheRoot: tmp, server: quiet });
    try {
      expect(second.reused).toBe(true);
      const info = (await request(`${second.url}/db/clinics/`)).body as { doc_count: number; update_seq: number };
      expect(info.doc_count).toBe(300);
      expect(info.update_seq).toBe(300); // not reloaded: nothing was written on the second start
    } finally {
      await second.close();
    }
  });

  it('the CLI prints the URL on its first stdout line', { timeout: 120_000 }, async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/scale/serve-scale.cli.ts', '--clinics', '300', '--seed', '4', '--cache-root', tmp],
      { cwd: join(repoRoot, 'sync-server'), env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await request(`${url}/db/clinics/`)).body).toMatchObject({ doc_count: 300 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
