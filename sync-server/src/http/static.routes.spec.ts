import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../server';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';

let env: TestEnv;
let built: SyncServer;
let bare: SyncServer;

const SHELL = '<!doctype html><title>app shell</title>';

beforeAll(async () => {
  env = await createTestEnv();
  const webRoot = join(env.root, 'web-build');
  await mkdir(join(webRoot, '_app/immutable/chunks'), { recursive: true });
  await writeFile(join(webRoot, '200.html'), SHELL);
  await writeFile(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(webRoot, 'manifest.webmanifest'), '{"name":"ПоисКлиник"}');
  await writeFile(join(webRoot, 'favicon.png'), 'PNG');
  await writeFile(join(webRoot, '_app/immutable/chunks/app.B1x2.js'), 'export {}');
  built = await env.start({ webRoot });
  bare = await env.start({ dataDir: join(env.root, 'bare-data'), importDemoData: false });
});
afterAll(async () => env.cleanup());

describe('static PWA', () => {
  it('serves the SPA shell for navigations, revalidated on every load', async () => {
    for (const path of ['/', '/clinics/clinic-a', '/search?q=x']) {
      const res = await request(built.url + path);
      expect(res.status, path).toBe(200);
      expect(res.body).toBe(SHELL);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('service worker and manifest are no-cache; hashed assets are immutable', async () => {
    expect((await request(`${built.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await request(`${built.url}/manifest.webmanifest`)).headers.get('cache-control')).toBe('no-cache');
    const asset = await request(`${built.url}/_app/immutable/chunks/app.B1x2.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('missing files, API paths and non-GET requests get a JSON 404, never the shell', async () => {
    for (const [method, path] of [
      ['GET', '/missing.png'],
      ['GET', '/_app/immutable/chunks/gone.js'],
      ['GET', '/db/clinics/a/b/c'],
      ['GET', '/api/anything'],
      ['POST', '/clinics/x'],
    ] as const) {
      const res = await request(built.url + path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ error: 'not_found', reason: 'missing' });
    }
  });

  it('never serves files outside the web root', async () => {
    for (const path of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/_app/..%5c..%5cpackage.json',
    ]) {
      const res = await request(built.url + path);
      expect(String(res.body), path).not.toMatch(/root:|"name"/);
    }
  });

  it('without a build, / explains what to do and the API still works', async () => {
    const res = await request(bare.url);
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('web app is not built');
    expect((await request(`${bare.url}/clinics/x`)).status).toBe(404);
    expect((await request(`${bare.url}/db/`)).status).toBe(200);
  });

  it('GET /healthz', async () => {
    expect(await request(`${built.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
  });
});
