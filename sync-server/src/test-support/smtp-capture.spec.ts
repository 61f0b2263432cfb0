import type { ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractLink, mailTo, startSmtpCapture, type SmtpCapture } from './smtp-capture';

let capture: SmtpCapture;
beforeEach(async () => {
  capture = await startSmtpCapture();
});
afterEach(async () => {
  await capture.close();
});

async function send(to: string, subject: string, text: string, html?: string): Promise<void> {
  const transport = createTransport(capture.url);
  await transport.sendMail({ from: 'app@poisklinik.test', to, subject, text, ...(html ? { html } : {}) });
  transport.close();
}

describe('startSmtpCapture', () => {
  it('waits for a mail that has not arrived yet and finds one that already has', async () => {
    const later = capture.waitForMail(mailTo('boris@example.org'));
    await send('anna@example.org', 'Для Анны', 'а');
    await send('Boris@Example.org', 'Для Бориса', 'б');
    expect((await later).subject).toBe('Для Бориса');
    expect((await capture.waitForMail(mailTo('anna@example.org'))).subject).toBe('Для Анны');
    expect(capture.messages.map((m) => m.subject)).toEqual(['Для Анны', 'Для Бориса']);
  });

  it('fails a wait with what it did receive, so a test failure says why', async () => {
    await send('anna@example.org', 'Для Анны', 'а');
    await expect(capture.waitForMail(mailTo('nobody@example.org'), { timeoutMs: 100 })).rejects.toThrow(
      /no matching mail within 100 ms; received: \["Для Анны" → anna@example.org\]/,
    );
  });
});

describe('extractLink', () => {
  const mail = (text: string, html?: string): ParsedMail =>
    ({ text, html: html ?? false, attachments: [], headers: new Map(), headerLines: [] }) satisfies ParsedMail;

  it('finds the link with the path in text, without the punctuation that ends the sentence', () => {
    const found = extractLink(
      mail('Главная: https://app.test/ . Сброс: https://app.test/reset-password#token=a-b_c.'),
      '/reset-password',
    );
    expect(found).toBe('https://app.test/reset-password#token=a-b_c');
  });

  it('falls back to HTML links, decoding entities', () => {
    const found = extractLink(mail('', '<a href="https://app.test/verify?u=1&amp;t=2">ok</a>'), '/verify');
    expect(found).toBe('https://app.test/verify?u=1&t=2');
  });

  it('throws when the mail has no such link', () => {
    expect(() => extractLink(mail('https://app.test/other'), '/reset-password')).toThrow(/no link to \/reset-password/);
  });
});
