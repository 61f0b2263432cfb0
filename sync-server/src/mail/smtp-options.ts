// SMTP_URL → nodemailer SMTP options. Parsed here (WHATWG URL) rather than by nodemailer so the timeouts and the
// "no pool" choice cannot be overridden by a query string, and a typo in the scheme fails at start, not at first mail.
import type { SMTPTransportOptions } from 'nodemailer';

export type SmtpTimeouts = { connectionMs: number; greetingMs: number; socketMs: number; dnsMs: number };

/**
 * A dead or silent SMTP server must not pile up pending sends (each holds a request's promise): nodemailer's own
 * defaults are 2 min to connect and 10 min of socket idleness.
 */
export const defaultSmtpTimeouts: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 30_000,
  dnsMs: 10_000,
};

export function smtpOptionsFromUrl(smtpUrl: string, timeouts: Partial<SmtpTimeouts> = {}): SMTPTransportOptions {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error('SMTP_URL is not a URL (expected smtp://user:pass@host:port or smtps://…)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  if (!url.hostname) throw new Error('SMTP_URL has no host');
  const secure = url.protocol === 'smtps:';
  const t = { ...defaultSmtpTimeouts, ...timeouts };
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // Credentials in a URL are percent-encoded (a '@' or ':' in a password would otherwise break it).
    ...(url.username || url.password
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    pool: false,
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
    dnsTimeout: t.dnsMs,
  };
}
