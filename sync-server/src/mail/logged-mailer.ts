import type { MailLog, Mailer } from './mailer.types';
import type { MailLogStore } from './mail-log.store';

export type LoggedMailerOptions = {
  log: MailLogStore;
  instanceId: string;
  now: () => number;
  /** Where a failure to write the log itself is reported. */
  warn: MailLog['warn'];
};

/**
 * Every mail through `mailer` is recorded in the shared mail log: `queued` before sending, then `sent` or
 * `failed` with the error. The log serves operators; a log write that fails never stops or fails the mail itself.
 */
export function withMailLog(mailer: Mailer, options: LoggedMailerOptions): Mailer {
  const iso = (): string => new Date(options.now()).toISOString();
  const logFailure = (err: unknown): void => options.warn({ err }, 'mail log not written');
  return {
    transport: mailer.transport,
    async send(message) {
      const entry = { to: message.to, subject: message.subject, kind: message.kind ?? 'other' };
      const id = await options.log.queued(entry, mailer.transport, options.instanceId, iso()).catch((err: unknown) => {
        logFailure(err);
        return undefined;
      });
      try {
        const sent = await mailer.send(message);
        if (id) await options.log.settle(id, 'sent', iso()).catch(logFailure);
        return sent;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (id) await options.log.settle(id, 'failed', iso(), text).catch(logFailure);
        throw error;
      }
    },
    close: () => mailer.close(),
  };
}
