// The real entry point as `pnpm start` runs it: env in, URL logged, clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poisklinik-main-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('main.ts', () => {
  it('starts from env, logs its URL, serves, and exits 0 on SIGTERM', async () => {
    const run = startMain({ PORT: '0', DATA_DIR: join(dir, 'data'), WEB_ROOT: join(dir, 'none'), LOG_LEVEL: 'info' });
    await expect.poll(() => run.output(), { timeout: 20_000 }).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1];
    const res = await fetch(`${url}/db/clinics/`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { doc_count: number }).doc_count).toBeGreaterThan(0);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 30_000);

  it('refuses a bad configuration with a clear message and exit code 2', async () => {
    const run = startMain({ PORT: 'eighty', LOG_LEVEL: 'chatty' });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('PORT must be an integer');
    expect(run.output()).toContain('LOG_LEVEL must be one of');
  }, 30_000);
});
