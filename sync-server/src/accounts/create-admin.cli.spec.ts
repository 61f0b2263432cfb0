// The CLI as an operator runs it: a separate process configured by env like the server.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { TestBrowser } from '../auth/auth-test-client';

const run = promisify(execFile);
const PASSWORD = 'Надёжный пароль админа 1';

async function createAdmin(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/accounts/create-admin.cli.ts', ...args],
      { cwd: join(repoRoot, 'sync-server'), env: { ...process.env, COUCHDB_URL: '', ADMIN_EMAIL: '', ...env } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('pnpm admin:create', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('creates an admin who can sign in; the password comes from ADMIN_PASSWORD only', { timeout: 60_000 }, async () => {
    env = await createTestEnv();
    const missing = await createAdmin(['--', '--email', 'boss@example.ru'], {
      DATA_DIR: env.dataDir,
      ADMIN_PASSWORD: '',
    });
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/ADMIN_PASSWORD/);

    const created = await createAdmin(['--', '--email', 'Boss@Example.ru'], {
      DATA_DIR: env.dataDir,
      ADMIN_PASSWORD: PASSWORD,
    });
    expect(created.out).toMatch(/created admin/);
    expect(created.code).toBe(0);
    expect(created.out).not.toContain(PASSWORD);

    const server = await env.start({ importDemoData: false });
    // The embedded store is open in the server now: the CLI says to stop it instead of failing obscurely.
    const locked = await createAdmin(['--email', 'boss@example.ru'], {
      DATA_DIR: env.dataDir,
      ADMIN_PASSWORD: PASSWORD,
    });
    expect(locked.code).toBe(2);
    expect(locked.out).toMatch(/Stop the server first/);

    expect(await new TestBrowser(server.url).signIn('boss@example.ru', PASSWORD)).toMatchObject({
      status: 200,
      body: { user: { roles: ['patient', 'admin'] } },
    });
  });
});
