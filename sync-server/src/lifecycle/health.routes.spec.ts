// What a load balancer sees: /healthz while the process answers, /readyz only while the store answers too.
import { afterEach, describe, expect, it } from 'vitest';
import { startCouchStandIn, type CouchStandIn } from '../store/couchdb-stand-in.fixture';
import { createTestEnv, request, type TestEnv } from '../test-support/test-server';

let env: TestEnv | undefined;
let standIn: CouchStandIn | undefined;
afterEach(async () => {
  await env?.cleanup();
  await standIn?.stop();
  env = undefined;
  standIn = undefined;
});

describe('/healthz and /readyz', () => {
  it('ready on a working store; not ready (503, JSON reason) once CouchDB goes away, while still live', async () => {
    standIn = await startCouchStandIn();
    env = await createTestEnv();
    const server = await env.start({
      couchdbUrl: standIn.url,
      instanceId: 'sync-1',
      scheduler: false,
      conflictSweepMs: 0,
    });
    expect(await request(`${server.url}/readyz`)).toMatchObject({
      status: 200,
      body: { ok: true, instance: 'sync-1', longPolls: 0 },
    });

    await standIn.stop();
    standIn = undefined;
    const notReady = await request(`${server.url}/readyz`);
    expect(notReady).toMatchObject({ status: 503, body: { error: 'not_ready' } });
    expect((notReady.body as { reason: string }).reason).toMatch(/store/);
    expect(notReady.headers.get('cache-control')).toBe('no-store');
    expect(await request(`${server.url}/healthz`)).toMatchObject({ status: 200, body: { ok: true } });
  }, 60_000);

  it('a single instance holds the background-jobs lease as soon as it has started', async () => {
    env = await createTestEnv();
    const server = await env.start({ scheduler: false, instanceId: 'only-one' });
    expect(server.lease.held).toBe(true);
    expect(await server.lease.holder()).toBe('only-one');
  }, 60_000);
});
