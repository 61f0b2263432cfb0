import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractLink, mailTo, startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture';
import { createMailer } from './create-mailer';
import type { MailLog, MailMessage } from './mailer.types';
import { readOutbox } from './outbox';

const from = 'ПоисКлиник <no-reply@poisklinik.test>';
// Cyrillic, an em dash, an emoji and a long line: each one needs the encoder (encoded words, base64/QP, folding).
const subject = 'Сброс пароля — ПоисКлиник 🔑 ' + 'очень длинная тема письма '.repeat(4);
const resetLink = 'https://app.poisklinik.test/reset-password#token=AbC-123_xyz';
const text = `Здравствуйте, Анна!\n\nЧтобы задать новый пароль, откройте ссылку: ${resetLink}.\nСсылка действует 1 час.\n`;
const html = `<p>Здравствуйте, Анна!</p><p><a href="${resetLink}&amp;x=1">Задать новый пароль</a></p>`;
const ticket = Buffer.from('Талон №42: терапевт, каб. 305\n', 'utf8');

function resetMail(to: string): MailMessage {
  return {
    to,
    subject,
    text,
    html,
    attachments: [{ filename: 'талон.txt', content: ticket, contentType: 'text/plain; charset=utf-8' }],
  };
}

type LogLine = { level: string; fields: Record<string, unknown>; message: string };
function recordingLog(): { log: MailLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** A port nothing listens on: bound, read, closed. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'poisklinik-mail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createMailer over SMTP', () => {
  let capture: SmtpCapture;
  beforeEach(async () => {
    capture = await startSmtpCapture();
  });
  afterEach(async () => {
    await capture.close();
  });

  it('delivers a Russian mail with an attachment intact, authenticating with the URL credentials', async () => {
    const { log, lines } = recordingLog();
    // A password with '@' and ':' must be percent-encoded in the URL and decoded before AUTH.
    const smtpUrl = capture.url.replace('smtp://', 'smtp://mailer%40poisklinik.test:p%40ss%3Aword@');
    const mailer = createMailer({ smtpUrl, from, outboxDir: join(dir, 'outbox'), log });
    expect(mailer.transport).toBe('smtp');

    const sent = await mailer.send(resetMail('Anna@Example.org'));
    await mailer.close();
    const mail = await capture.waitForMail(mailTo('anna@example.org'));

    expect(sent).toEqual({ messageId: mail.messageId, transport: 'smtp' });
    expect(mail.subject).toBe(subject);
    expect(mail.from?.value).toEqual([{ name: 'ПоисКлиник', address: 'no-reply@poisklinik.test' }]);
    expect(mail.text?.trim()).toBe(text.trim());
    expect(mail.html).toContain('Задать новый пароль');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]?.filename).toBe('талон.txt');
    expect(mail.attachments[0]?.content.equals(ticket)).toBe(true);
    expect(capture.logins).toEqual(['mailer@poisklinik.test']);
    expect(extractLink(mail, '/reset-password')).toBe(resetLink);

    // The log says where and what, never the body (it holds the reset link) nor the full address.
    expect(lines).toEqual([
      {
        level: 'info',
        fields: { toDomain: 'Example.org', subject, messageId: sent.messageId, transport: 'smtp' },
        message: 'mail sent',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('token=');
    expect(JSON.stringify(lines)).not.toContain('Anna@');
  });

  it('rejects, instead of hanging, when nothing listens on the SMTP port', async () => {
    const { log, lines } = recordingLog();
    const port = await closedPort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from, outboxDir: join(dir, 'outbox'), log });

    await expect(mailer.send(resetMail('anna@example.org'))).rejects.toThrow(/ECONNREFUSED/);
    await mailer.close();
    expect(lines.map((l) => [l.level, l.message])).toEqual([['warn', 'mail not sent']]);
    expect(capture.messages).toEqual([]);
  });

  it('rejects, instead of hanging, when the SMTP server accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from,
      outboxDir: join(dir, 'outbox'),
      smtpTimeouts: { greetingMs: 200 },
    });
    try {
      await expect(mailer.send(resetMail('anna@example.org'))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    } finally {
      await mailer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses an SMTP URL that is not smtp:// or smtps:// when it is created, not at the first mail', () => {
    expect(() => createMailer({ smtpUrl: 'http://mail.example.org', from, outboxDir: dir })).toThrow(/smtp:\/\//);
    expect(() => createMailer({ smtpUrl: 'not a url', from, outboxDir: dir })).toThrow(/not a URL/);
  });
});

describe('createMailer without SMTP (outbox folder)', () => {
  it('writes private .eml files that readOutbox returns parsed, newest first', async () => {
    const outboxDir = join(dir, 'data', 'outbox');
    const { log, lines } = recordingLog();
    const mailer = createMailer({ from, outboxDir, log });
    expect(mailer.transport).toBe('outbox');
    expect(await readOutbox(outboxDir)).toEqual([]);

    const first = await mailer.send(resetMail('anna@example.org'));
    const second = await mailer.send({ to: 'boris@example.org', subject: 'Второе письмо', text: 'Привет' });
    await mailer.close();
    expect(first.transport).toBe('outbox');

    const outbox = await readOutbox(outboxDir);
    expect(outbox.map((m) => m.mail.messageId)).toEqual([second.messageId, first.messageId]);
    const [, older] = outbox;
    expect(older?.file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-.+\.eml$/);
    expect(older?.mail.subject).toBe(subject);
    expect(older?.mail.text?.trim()).toBe(text.trim());
    expect(older?.mail.attachments[0]?.content.equals(ticket)).toBe(true);
    expect(extractLink(older!.mail, '/reset-password')).toBe(resetLink);

    // Reset links in these files are as good as passwords: only the server's user may read them.
    expect((await stat(outboxDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(outboxDir, older!.file))).mode & 0o777).toBe(0o600);
    // The same wire format as SMTP: CRLF line ends, no raw 8-bit Cyrillic in the headers.
    const raw = await readFile(join(outboxDir, older!.file), 'utf8');
    expect(raw).toContain('\r\n');
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).not.toMatch(/[^\x20-\x7e\r\n\t]/);

    expect(lines.map((l) => [l.level, l.fields.transport, l.fields.toDomain])).toEqual([
      ['info', 'outbox', 'example.org'],
      ['info', 'outbox', 'example.org'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('token=');
  });

  it('reads only the newest mails when asked for a limit, and ignores files that are not mails', async () => {
    const outboxDir = join(dir, 'outbox');
    const mailer = createMailer({ from, outboxDir });
    for (const n of [1, 2, 3]) await mailer.send({ to: 'anna@example.org', subject: `Письмо ${n}`, text: `№${n}` });
    await import('node:fs/promises').then((fs) => fs.writeFile(join(outboxDir, 'README.txt'), 'not a mail'));

    const newest = await readOutbox(outboxDir, { limit: 2 });
    expect(newest.map((m) => m.mail.subject)).toEqual(['Письмо 3', 'Письмо 2']);
    expect((await readOutbox(outboxDir)).map((m) => m.mail.subject)).toEqual(['Письмо 3', 'Письмо 2', 'Письмо 1']);
  });
});
