import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../auth/auth-test-client';
import type { SyncServer } from '../server';
import { createTestEnv, type TestEnv } from '../test-support/test-server';

const SHELL = '<!doctype html><title>app shell</title>';
const ADMIN = { adminEmail: 'root@example.ru', adminPassword: 'Главный админ 2026' };

let env: TestEnv;
let server: SyncServer;
const admin = (): TestBrowser => new TestBrowser(server.url);

/** A page load as the browser makes it, without following redirects (the test looks at the redirect itself). */
async function open(path: string, browser?: TestBrowser): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html', 'sec-fetch-dest': 'document' };
  if (browser?.cookie) headers.cookie = `pk_session=${browser.cookie}`;
  return fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
}

beforeAll(async () => {
  env = await createTestEnv();
  const webRoot = join(env.root, 'web-build');
  await mkdir(webRoot, { recursive: true });
  await writeFile(join(webRoot, '200.html'), SHELL);
  server = await env.start({ webRoot, importDemoData: false, scheduler: false, ...ADMIN });
});
afterAll(async () => env.cleanup());

describe('/admin pages are served to admins only', () => {
  it('anonymous: sent to sign in, and back to the page asked for afterwards', async () => {
    for (const [path, next] of [
      ['/admin', '/admin'],
      ['/admin/users?q=ivan', '/admin/users%3Fq%3Divan'],
    ] as const) {
      const res = await open(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/sign-in?next=${next}`);
      expect(await res.text()).not.toContain('app shell');
    }
  });

  it('a signed-in patient gets 403 (the app shows "нет доступа"), an admin the app', async () => {
    const patient = new TestBrowser(server.url);
    await patient.signUp('patient@example.ru');
    const refused = await open('/admin/users', patient);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe(SHELL);

    const root = admin();
    expect((await root.signIn(ADMIN.adminEmail, ADMIN.adminPassword)).status).toBe(200);
    for (const path of ['/admin', '/admin/scheduler']) {
      const res = await open(path, root);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(SHELL);
    }
  });

  it('other pages stay public, and /administrator is not the dashboard', async () => {
    for (const path of ['/', '/sign-in', '/administrator']) {
      const res = await open(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(SHELL);
    }
  });
});
