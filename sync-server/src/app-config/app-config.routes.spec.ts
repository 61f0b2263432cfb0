import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_CONTRACT_VERSION } from '@poisklinik/shared';
import { loadConfig } from '../config';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';

describe('GET /api/config', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('without MAP_STYLE_URL: mapStyleUrl null, the contract version, JSON, revalidated on every use', async () => {
    env = await createTestEnv();
    const server = await env.start();
    const res = await request(`${server.url}/api/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.body).toEqual({ mapStyleUrl: null, syncContract: SYNC_CONTRACT_VERSION });
  });

  it('hands the configured style URL to the app', async () => {
    env = await createTestEnv();
    const { mapStyleUrl } = loadConfig({ MAP_STYLE_URL: 'https://tiles.example.org/styles/basic/style.json' });
    const server = await env.start({ mapStyleUrl });
    const res = await request(`${server.url}/api/config`);
    expect(res.body).toEqual({
      mapStyleUrl: 'https://tiles.example.org/styles/basic/style.json',
      syncContract: SYNC_CONTRACT_VERSION,
    });
  });
});
