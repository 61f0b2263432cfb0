import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, request, type TestEnv } from './test-support/test-server';

describe('createServer', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('listens on a random port and reports the real URL; close() is idempotent', async () => {
    env = await createTestEnv();
    const server = await env.start({ couchdbUrl: undefined });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
    expect(server.store.kind).toBe('embedded');
    expect(await request(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
    await Promise.all([server.close(), server.close()]);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('a failed listen releases the store, so the same data dir opens again', async () => {
    env = await createTestEnv();
    const first = await env.start();
    const port = Number(new URL(first.url).port);
    await expect(env.start({ port, dataDir: `${env.root}/second` })).rejects.toThrow(/EADDRINUSE/);
    // The failed start imported before listening; reopening its leveldb dir works only if it was closed.
    const again = await env.start({ port: 0, dataDir: `${env.root}/second` });
    expect(again.importSummary?.clinics?.unchanged).toBe(3);
    await first.close();
  });

  it('refusals from the router and the HTTP parser are JSON {error, reason} too, naming no internals', async () => {
    env = await createTestEnv();
    const server = await env.start({ importDemoData: false });
    const badUrl = await request(`${server.url}/api/admin/users/%E0%A4%A/roles`, { method: 'PUT' });
    expect(badUrl).toMatchObject({ status: 400, body: { error: 'bad_request', reason: 'The URL is malformed.' } });
    const longParam = await request(`${server.url}/api/admin/users/${'u'.repeat(600)}/roles`, { method: 'PUT' });
    expect(longParam).toMatchObject({ status: 414, body: { error: 'bad_request' } });
    const hugeHeader = await request(`${server.url}/api/auth/session`, {
      headers: { cookie: `x=${'y'.repeat(20_000)}` },
    });
    expect(hugeHeader).toMatchObject({
      status: 431,
      body: { error: 'bad_request', reason: expect.any(String) as string },
    });
    expect(JSON.stringify([badUrl.body, longParam.body, hugeHeader.body])).not.toMatch(/FST_|statusCode/);
  });
});
