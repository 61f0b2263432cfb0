// The shared mail log: a reset mail through a real (in-process) SMTP server, and one whose server is gone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountRoutes, adminRoutes, type AdminMailAnswer } from '@poisklinik/shared';
import { call, signUp } from '../authz/session-client';
import { ERASED_RECIPIENT } from '../mail/mail-log.store';
import { mailTo, startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';
import { postJson } from '../test-support/test-server';
import { adminWorld, type AdminWorld } from './admin-test-kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let w: AdminWorld;
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  w = await adminWorld({ smtpUrl: smtp.url });
});

afterAll(async () => {
  await w.env.cleanup();
  await smtp.close().catch(() => undefined);
});

async function mailLog(query = ''): Promise<AdminMailAnswer> {
  const res = await call(w.server, w.admin, 'GET', `${adminRoutes.mail}${query}`);
  expect(res.status).toBe(200);
  return res.body as AdminMailAnswer;
}

describe('mail log', () => {
  it('lists a sent reset mail, then a failed one once the SMTP server is gone, newest first', async () => {
    await postJson(`${w.server.url}${accountRoutes.passwordResetRequest}`, { email: 'patient@example.ru' });
    await smtp.waitForMail(mailTo('patient@example.ru'));
    await w.server.auth.resets.settle();
    const sent = await mailLog();
    expect(sent.mails[0]).toMatchObject({
      to: 'patient@example.ru',
      kind: 'password_reset',
      status: 'sent',
      transport: 'smtp',
      instanceId: w.server.config.instanceId,
    });
    expect(JSON.stringify(sent)).not.toContain('reset-password');

    await smtp.close();
    await postJson(`${w.server.url}${accountRoutes.passwordResetRequest}`, { email: 'manager@example.ru' });
    await w.server.auth.resets.settle();
    const after = await mailLog();
    expect(after.total).toBe(sent.total + 1);
    expect(after.mails[0]).toMatchObject({
      to: 'manager@example.ru',
      status: 'failed',
      error: expect.any(String) as unknown,
    });
    expect(after.mails[1]).toMatchObject({ to: 'patient@example.ru', status: 'sent' });
    expect((await mailLog('?limit=1&skip=1')).mails.map((m) => m.to)).toEqual(['patient@example.ru']);
  });

  it("forgets a deleted account's address but keeps the entry", async () => {
    const vera = await signUp(w.server, 'vera@example.ru', 'vera passphrase 12', 'Вера');
    await postJson(`${w.server.url}${accountRoutes.passwordResetRequest}`, { email: 'vera@example.ru' });
    await w.server.auth.resets.settle();
    const before = await mailLog('?limit=200');
    expect(before.mails.some((m) => m.to === 'vera@example.ru')).toBe(true);
    const deleted = await call(w.server, vera, 'POST', accountRoutes.deleteAccount, { password: 'vera passphrase 12' });
    expect(deleted.status).toBeLessThan(300);
    const after = await mailLog('?limit=200');
    expect(after.total).toBe(before.total);
    expect(JSON.stringify(after)).not.toContain('vera@example.ru');
    expect(after.mails.filter((m) => m.to === ERASED_RECIPIENT)).toHaveLength(1);
  });

  it('is for admins only, and refuses a bad page', async () => {
    for (const { name, session, status } of w.others) {
      expect((await call(w.server, session, 'GET', adminRoutes.mail)).status, name).toBe(status);
    }
    const bad = await call(w.server, w.admin, 'GET', `${adminRoutes.mail}?limit=-1`);
    expect(bad).toMatchObject({ status: 400, body: { reason: expect.stringContaining('limit') as unknown } });
  });
});
