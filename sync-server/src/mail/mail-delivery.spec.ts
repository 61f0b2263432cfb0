// The outbox in the store, on the real embedded store and a real in-process SMTP server, with a movable clock:
// a failed mail is retried by the sweep and arrives once, a dead claimant's mail is sent by the sweep, two sweeps
// at once send each mail once, and the body (a reset token) is gone from the store once sent or given up.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPouchdbStore } from '../store/pouchdb.store';
import type { Store, StoreDatabase } from '../store/store.types';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';
import { createMailer } from './create-mailer';
import { withMailLog } from './logged-mailer';
import { MailDelivery } from './mail-delivery';
import { CLAIM_MS, GIVE_UP_MS, MAIL_LOG_DB, MailLogStore } from './mail-log.store';
import type { MailMessage, Mailer } from './mailer.types';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const token = 'RESET-TOKEN-Xy7_secret';
const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

function resetMail(to: string): MailMessage {
  return {
    to,
    kind: 'password_reset',
    subject: 'Сброс пароля',
    text: `Ссылка: https://app.test/reset-password#token=${token}`,
    html: `<a href="https://app.test/reset-password#token=${token}">сбросить</a>`,
    attachments: [{ filename: 'visit.ics', content: Buffer.from(ics), contentType: 'text/calendar' }],
  };
}

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let dir: string;
let store: Store;
let db: StoreDatabase;
let log: MailLogStore;
let smtp: SmtpCapture;
let clock: number;
const now = (): number => clock;
const mailers: Mailer[] = [];

function smtpMailer(url: string): Mailer {
  const mailer = createMailer({
    smtpUrl: url,
    from: 'test <no-reply@test>',
    outboxDir: join(dir, 'outbox'),
    log: quiet,
  });
  mailers.push(mailer);
  return mailer;
}
function delivery(instanceId: string, mailer = smtpMailer(smtp.url)): MailDelivery {
  return new MailDelivery({ log, mailer, instanceId, now, intervalMs: 0, warn: quiet.warn });
}
const copiesTo = (to: string): number => smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes(to)).length;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poisklinik-outbox-'));
  store = await openPouchdbStore({ dataDir: dir });
  db = await store.database(MAIL_LOG_DB);
  log = await MailLogStore.open(store);
  smtp = await startSmtpCapture();
  clock = Date.parse('2026-03-01T09:00:00Z');
});
afterEach(async () => {
  await Promise.all(mailers.splice(0).map((m) => m.close()));
  await smtp.close().catch(() => undefined);
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mail outbox', () => {
  it('sends at once, then keeps no body in the store', async () => {
    const mailer = withMailLog(smtpMailer(smtp.url), { log, instanceId: 'a', now, warn: quiet.warn });
    await mailer.send(resetMail('anna@example.ru'));
    const mail = await smtp.waitForMail();
    expect(mail.attachments[0]?.content.toString()).toBe(ics);
    const [entry] = (await log.list(10, 0)).mails;
    expect(entry).toMatchObject({ status: 'sent', instanceId: 'a', kind: 'password_reset' });
    const stored = await db.get(entry?.id ?? '');
    expect(stored).not.toHaveProperty('body');
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('retries a mail whose SMTP send failed once SMTP is back: it arrives once, and its body is dropped', async () => {
    const down = withMailLog(smtpMailer(`smtp://127.0.0.1:${await closedPort()}`), {
      log,
      instanceId: 'a',
      now,
      warn: quiet.warn,
    });
    await expect(down.send(resetMail('boris@example.ru'))).rejects.toThrow();
    const { mails } = await log.list(10, 0);
    expect(mails[0]).toMatchObject({ status: 'failed', error: expect.any(String) as unknown });
    // The admin view never carries the body, though the store keeps it until delivery.
    expect(JSON.stringify(mails)).not.toContain(token);
    expect(JSON.stringify(await db.get(mails[0]?.id ?? ''))).toContain(token);

    const sweeper = delivery('b');
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    clock += 60_000;
    expect(await sweeper.sweep()).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    const arrived = await smtp.waitForMail();
    expect(arrived.text).toContain(token);
    expect(arrived.attachments[0]?.filename).toBe('visit.ics');
    expect(copiesTo('boris@example.ru')).toBe(1);
    const stored = await db.get(mails[0]?.id ?? '');
    expect(stored).toMatchObject({ status: 'sent', instanceId: 'b', attempts: 2 });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('backs off doubling, and gives up after a day with the body dropped', async () => {
    const deadUrl = `smtp://127.0.0.1:${await closedPort()}`;
    const down = withMailLog(smtpMailer(deadUrl), { log, instanceId: 'a', now, warn: quiet.warn });
    await expect(down.send(resetMail('vera@example.ru'))).rejects.toThrow();
    const id = (await log.list(1, 0)).mails[0]?.id ?? '';
    const sweeper = delivery('a', smtpMailer(deadUrl));
    clock += 60_000;
    expect(await sweeper.sweep()).toMatchObject({ failed: 1 });
    clock += 60_000;
    expect(await sweeper.sweep()).toMatchObject({ failed: 0 });
    clock += 60_000;
    expect(await sweeper.sweep()).toMatchObject({ failed: 1 });
    expect(await db.get(id)).toMatchObject({ attempts: 3, nextAttemptAt: new Date(clock + 240_000).toISOString() });
    clock += GIVE_UP_MS;
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0, gaveUp: 1 });
    const stored = await db.get(id);
    expect(stored).toMatchObject({ status: 'failed', error: expect.stringContaining('gave up') as unknown });
    expect(stored).not.toHaveProperty('body');
    expect(stored).not.toHaveProperty('nextAttemptAt');
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
  });

  it('sends a mail whose claimant died once its claim expired, and not before', async () => {
    const id = await log.queued(resetMail('gleb@example.ru'), 'smtp', 'dead', new Date(clock).toISOString());
    expect(await log.claim(id, 'dead', clock)).not.toBeNull();
    expect(await log.claim(id, 'other', clock)).toBeNull();
    const sweeper = delivery('b');
    clock += CLAIM_MS - 1;
    expect(await sweeper.sweep()).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    clock += 1;
    expect(await sweeper.sweep()).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    await smtp.waitForMail();
    expect(copiesTo('gleb@example.ru')).toBe(1);
    expect(await db.get(id)).toMatchObject({ status: 'sent', instanceId: 'b' });
  });

  it('two sweeps at once on one store send each mail once', async () => {
    const to = Array.from({ length: 6 }, (_, i) => `p${i}@example.ru`);
    // Queued by an instance that died before claiming them: due for the sweep after one claim period.
    for (const address of to) await log.queued(resetMail(address), 'smtp', 'dead', new Date(clock).toISOString());
    clock += CLAIM_MS;
    const [a, b] = await Promise.all([delivery('a').sweep(), delivery('b').sweep()]);
    expect(a.sent + b.sent).toBe(to.length);
    await vi.waitFor(() => expect(smtp.messages).toHaveLength(to.length));
    for (const address of to) expect(copiesTo(address), address).toBe(1);
    const { mails } = await log.list(10, 0);
    expect(mails.map((m) => m.status)).toEqual(to.map(() => 'sent'));
    const page = await db.allDocs({ includeDocs: true });
    expect(JSON.stringify(page.rows)).not.toContain(token);
  });

  it('sweeps periodically only while this instance holds the background-jobs lease', async () => {
    await log.queued(resetMail('lena@example.ru'), 'smtp', 'dead', new Date(clock).toISOString());
    clock += CLAIM_MS;
    let held = false;
    const periodic = new MailDelivery({
      log,
      mailer: smtpMailer(smtp.url),
      instanceId: 'a',
      now,
      intervalMs: 20,
      holdsLease: () => held,
      warn: quiet.warn,
    });
    periodic.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages).toHaveLength(0);
      held = true;
      await smtp.waitForMail();
      expect(copiesTo('lena@example.ru')).toBe(1);
    } finally {
      await periodic.close();
    }
  });
});
