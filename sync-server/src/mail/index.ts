export { createMailer, type MailerOptions } from './create-mailer';
export { readOutbox, type OutboxMail } from './outbox';
export { defaultSmtpTimeouts, type SmtpTimeouts } from './smtp-options';
export type { MailLog, MailMessage, Mailer, SentMail } from './mailer.types';
export { MailLogStore, MAIL_LOG_DB } from './mail-log.store';
export { withMailLog, type LoggedMailerOptions } from './logged-mailer';
export { MailDelivery, DEFAULT_MAIL_SWEEP_MS, type MailDeliveryOptions, type MailSweepReport } from './mail-delivery';
