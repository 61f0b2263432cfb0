import type { MailKind } from '@poisklinik/shared';

/** One outgoing mail. Text is required (many patients read mail in plain-text clients); html is optional. */
export type MailMessage = {
  to: string;
  /** What the mail log files it under; `other` when absent. */
  kind?: MailKind;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
};

export type SentMail = { messageId: string; transport: 'smtp' | 'outbox' };

/**
 * Sends mail through SMTP (`SMTP_URL`) or, with none configured, writes it as an `.eml` file into
 * `<DATA_DIR>/outbox/` so a developer (and the admin dashboard) can read it. Rejects on a transport failure;
 * callers decide whether that matters (a reset request answers the same either way, a booking never rolls back).
 */
export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  send(message: MailMessage): Promise<SentMail>;
  close(): Promise<void>;
}

/** The part of a pino/Fastify logger the mailer uses (structured fields first, message second). */
export type MailLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};
