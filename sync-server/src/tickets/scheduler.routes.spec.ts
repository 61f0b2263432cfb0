import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { TestBrowser } from '../auth/auth-test-client';
import { loadConfig } from '../config';

const ADMIN = { adminEmail: 'root@example.ru', adminPassword: 'Главный админ 2026' };
const RUNS = '/api/admin/scheduler/runs';

describe('admin scheduler endpoints', { timeout: 30_000 }, () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('an admin runs the scheduler (202 with the run) and lists runs latest first; others are refused', async () => {
    env = await createTestEnv();
    let nowMs = Date.parse('2026-11-30T05:00:00Z');
    const server = await env.start({ ...ADMIN, now: () => nowMs });
    const startRun = await server.scheduler.startRun;
    const admin = new TestBrowser(server.url);
    expect(await admin.signIn(ADMIN.adminEmail, ADMIN.adminPassword)).toMatchObject({ status: 200 });

    nowMs += 60_000;
    const triggered = await admin.call('POST', RUNS);
    expect(triggered).toMatchObject({ status: 202, body: { trigger: 'admin', created: 0, clinics: 3 } });

    const listed = await admin.call('GET', `${RUNS}?limit=5`);
    expect(listed).toMatchObject({ status: 200 });
    const { runs } = listed.body as { runs: { id: string; trigger: string; created: number; tookMs: number }[] };
    expect(runs.map((r) => r.trigger)).toEqual(['admin', 'start']);
    expect(runs[1]).toMatchObject({ id: startRun?.id, created: startRun?.created });
    expect(runs[1]?.created).toBeGreaterThan(0);
    expect(typeof runs[0]?.tookMs).toBe('number');
    expect(await admin.call('GET', `${RUNS}?limit=1`)).toMatchObject({ body: { runs: [{ trigger: 'admin' }] } });
    expect(await admin.call('GET', `${RUNS}?limit=zero`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });

    // A run already going (here one the cron would start) makes a second one wait its turn: 409.
    const going = server.scheduler.runNow('cron');
    expect(await admin.call('POST', RUNS)).toMatchObject({ status: 409, body: { error: 'conflict' } });
    await going;
    expect(await admin.call('POST', RUNS)).toMatchObject({ status: 202 });

    const patient = new TestBrowser(server.url);
    await patient.signUp('patient@example.ru');
    expect(await patient.call('POST', RUNS)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await patient.call('GET', RUNS)).toMatchObject({ status: 403 });
    const anonymous = new TestBrowser(server.url);
    expect(await anonymous.call('POST', RUNS)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await anonymous.call('GET', RUNS)).toMatchObject({ status: 401 });
  });

  it('SCHEDULER=off makes no start run; the admin can still run it', async () => {
    env = await createTestEnv();
    const server = await env.start({ ...ADMIN, scheduler: false });
    expect(await server.scheduler.startRun).toBeUndefined();
    const admin = new TestBrowser(server.url);
    await admin.signIn(ADMIN.adminEmail, ADMIN.adminPassword);
    expect(await admin.call('GET', RUNS)).toMatchObject({ status: 200, body: { runs: [] } });
    expect(await admin.call('POST', RUNS)).toMatchObject({ status: 202, body: { trigger: 'admin' } });
  });
});

describe('scheduler configuration', () => {
  it('reads TICKETS_CRON, TICKET_WINDOW_DAYS and SCHEDULER, with an hourly 14-day default', () => {
    expect(loadConfig({})).toMatchObject({ ticketsCron: '0 * * * *', ticketWindowDays: 14, scheduler: true });
    expect(loadConfig({ TICKETS_CRON: '*/15 * * * *', TICKET_WINDOW_DAYS: '7', SCHEDULER: 'off' })).toMatchObject({
      ticketsCron: '*/15 * * * *',
      ticketWindowDays: 7,
      scheduler: false,
    });
  });

  it('refuses a bad cron pattern at load, naming the variable', () => {
    for (const bad of ['every hour', '61 * * * *', '0 0 30 2 *', '0 0 * * * * 2020']) {
      expect(() => loadConfig({ TICKETS_CRON: bad })).toThrow(/TICKETS_CRON/);
    }
    expect(() => loadConfig({ TICKET_WINDOW_DAYS: '0' })).toThrow(/TICKET_WINDOW_DAYS/);
    expect(() => loadConfig({ SCHEDULER: 'sometimes' })).toThrow(/SCHEDULER/);
  });
});
