// The CLIs as a user runs them: separate processes, configured by env like the server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { createTestEnv } from '../test-support/test-server';

const run = promisify(execFile);
const tmp = await mkdtemp(join(tmpdir(), 'poisklinik-cli-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

type Outcome = { code: number; stdout: string; stderr: string };

async function cli(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `src/scale/${script}`, ...args], {
      cwd: join(repoRoot, 'sync-server'),
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('gen:data / load:data', () => {
  it(
    'gen:data --load generates and loads (pnpm-style "--" included), printing docs/s',
    { timeout: 60_000 },
    async () => {
      const out = join(tmp, 'set');
      const dataDir = join(tmp, 'data');
      const result = await cli('gen-data.cli.ts', ['--', '--clinics', '120', '--seed', '5', '--out', out, '--load'], {
        DATA_DIR: dataDir,
        COUCHDB_URL: '',
      });
      expect(result.stderr + result.stdout).toMatch(/generated 120 clinics/);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/clinics: 120 created/);
      expect(result.stdout).toMatch(/\d+ docs\/s/);
      const clinics = JSON.parse(await readFile(join(out, 'clinics.json'), 'utf8')) as { id: string }[];
      expect(clinics[0]?.id).toBe('gen-5-000001');

      const again = await cli('load-data.cli.ts', ['--dir', out], { DATA_DIR: dataDir, COUCHDB_URL: '' });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/clinics: 0 created, 0 updated, 120 unchanged/);
    },
  );

  it('refuses clearly when a running server holds the embedded store', { timeout: 60_000 }, async () => {
    const env = await createTestEnv();
    try {
      const server = await env.start();
      const result = await cli('load-data.cli.ts', ['--dir', join(tmp, 'set')], {
        DATA_DIR: server.config.dataDir,
        COUCHDB_URL: '',
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/is locked: a sync server/);
    } finally {
      await env.cleanup();
    }
  });

  it('bad arguments are a usage error, not a crash', { timeout: 60_000 }, async () => {
    const result = await cli('gen-data.cli.ts', ['--clinics', 'many'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--clinics must be a whole number/);
  });
});
