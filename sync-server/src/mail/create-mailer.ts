// The one Mailer implementation: nodemailer over SMTP, or nodemailer's stream transport into an `.eml` outbox folder.
// Both go through the same composer so what a developer reads in the outbox is byte for byte what SMTP would carry.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import type { MailLog, Mailer, MailMessage, SentMail } from './mailer.types';
import { outboxFileName } from './outbox-file-name';
import { smtpOptionsFromUrl, type SmtpTimeouts } from './smtp-options';

export type MailerOptions = {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset → the outbox folder. */
  smtpUrl?: string | undefined;
  /** `"ПоисКлиник <no-reply@example.org>"` */
  from: string;
  /** Where `.eml` files go when there is no SMTP server (created on the first mail). */
  outboxDir: string;
  log?: MailLog | undefined;
  /** Tests shorten these to prove a dead server cannot hang a send; production keeps the defaults. */
  smtpTimeouts?: Partial<SmtpTimeouts> | undefined;
};

const silentLog: MailLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export function createMailer(options: MailerOptions): Mailer {
  const log = options.log ?? silentLog;
  return options.smtpUrl ? createSmtpMailer(options, options.smtpUrl, log) : createOutboxMailer(options, log);
}

function createSmtpMailer(options: MailerOptions, smtpUrl: string, log: MailLog): Mailer {
  const transport = createTransport(smtpOptionsFromUrl(smtpUrl, options.smtpTimeouts));
  return {
    transport: 'smtp',
    async send(message) {
      try {
        const info = await transport.sendMail(toNodemailer(options.from, message));
        return logged(log, message, { messageId: info.messageId, transport: 'smtp' });
      } catch (error) {
        log.warn({ ...mailSummary(message), err: errorSummary(error) }, 'mail not sent');
        throw error;
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

function createOutboxMailer(options: MailerOptions, log: MailLog): Mailer {
  // Windows newlines: the file then holds exactly the bytes an SMTP DATA command would send.
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  // Names sort by time; two mails in the same millisecond would tie, so each one is at least 1 ms after the last.
  let lastTime = 0;
  return {
    transport: 'outbox',
    async send(message) {
      try {
        const info = await transport.sendMail(toNodemailer(options.from, message));
        if (!Buffer.isBuffer(info.message)) throw new Error('stream transport did not buffer the message');
        lastTime = Math.max(Date.now(), lastTime + 1);
        // 0o700/0o600: reset links in these files are as good as passwords.
        await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
        const file = join(options.outboxDir, outboxFileName(new Date(lastTime), info.messageId));
        // A view, not a copy (nodemailer's Buffer type comes from another @types/node than ours).
        const bytes = new Uint8Array(info.message.buffer, info.message.byteOffset, info.message.byteLength);
        await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
        return logged(log, message, { messageId: info.messageId, transport: 'outbox' });
      } catch (error) {
        log.error({ ...mailSummary(message), err: errorSummary(error) }, 'mail not written to the outbox');
        throw error;
      }
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

function toNodemailer(from: string, message: MailMessage): SendMailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    // RFC 3834: out-of-office robots must not answer transactional mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function logged(log: MailLog, message: MailMessage, sent: SentMail): SentMail {
  log.info({ ...mailSummary(message), messageId: sent.messageId, transport: sent.transport }, 'mail sent');
  return sent;
}

/** Never the body or the full address: bodies carry reset links, addresses are personal data. */
function mailSummary(message: MailMessage): { toDomain: string; subject: string } {
  const at = message.to.lastIndexOf('@');
  return { toDomain: at < 0 ? '?' : message.to.slice(at + 1), subject: message.subject };
}

function errorSummary(error: unknown): { message: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
}
