// A real SMTP server in the test process: the mailer talks real SMTP to it, and tests read what a recipient would get.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpCapture = {
  /** `smtp://127.0.0.1:<port>`: hand it to the server as its SMTP URL. */
  url: string;
  /** Every mail received so far, oldest first. */
  messages: ParsedMail[];
  /** User names clients authenticated with (any password is accepted). */
  logins: string[];
  /** The first mail (already received or still to come) the predicate accepts. */
  waitForMail(predicate?: (mail: ParsedMail) => boolean, options?: { timeoutMs?: number }): Promise<ParsedMail>;
  close(): Promise<void>;
};

type Waiter = { predicate: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void };

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const logins: string[] = [];
  let waiters: Waiter[] = [];

  const received = (mail: ParsedMail): void => {
    messages.push(mail);
    const matched = waiters.filter((w) => w.predicate(mail));
    waiters = waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve(mail);
  };

  const server = new SMTPServer({
    // Plain text on loopback: no TLS to set up, and clients with credentials in their URL may still AUTH.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received(mail);
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    logins,
    waitForMail(predicate = () => true, { timeoutMs = 5000 } = {}) {
      const already = messages.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ParsedMail>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = messages.map((m) => `"${m.subject ?? ''}" → ${addressesOf(m).join(', ')}`);
          reject(new Error(`no matching mail within ${timeoutMs} ms; received: [${seen.join('; ')}]`));
        }, timeoutMs);
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The recipients' addresses of a parsed mail (`To` only: what the recipient sees). */
export function addressesOf(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((group) => group.value.map((a) => a.address ?? '')).filter((a) => a !== '');
}

/** A predicate for `waitForMail`: mail addressed to this address (case-insensitive). */
export const mailTo =
  (address: string) =>
  (mail: ParsedMail): boolean =>
    addressesOf(mail).some((a) => a.toLowerCase() === address.toLowerCase());

/**
 * The first http(s) URL in the mail (plain text first, then HTML hrefs) whose path starts with `pathPrefix`,
 * e.g. the reset link: `extractLink(mail, '/reset-password')`. Throws when there is none, so a test fails there.
 */
export function extractLink(mail: ParsedMail, pathPrefix: string): string {
  const candidates = [
    // Sentence punctuation right after a link in prose is not part of it.
    ...[...(mail.text ?? '').matchAll(/https?:\/\/[^\s<>"']+/g)].map((m) => m[0].replace(/[.,;:!?)»]+$/, '')),
    ...[...(typeof mail.html === 'string' ? mail.html : '').matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) =>
      decodeHtmlAttribute(m[1] ?? ''),
    ),
  ];
  for (const candidate of candidates) {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.startsWith(pathPrefix)) return url.href;
  }
  throw new Error(`no link to ${pathPrefix} in the mail "${mail.subject ?? ''}"`);
}

function decodeHtmlAttribute(value: string): string {
  return value
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}
