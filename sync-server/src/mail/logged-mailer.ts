import type { MailLog, Mailer } from './mailer.types';
import type { MailLogStore } from './mail-log.store';
import { deliverClaimed } from './mail-delivery';

export type LoggedMailerOptions = {
  log: MailLogStore;
  instanceId: string;
  now: () => number;
  /** Where a failure to write the log itself is reported. */
  warn: MailLog['warn'];
};

/**
 * Every mail through `mailer` goes through the shared outbox (`mail-log.store.ts`): `queued` with its body, then
 * claimed by this instance and sent at once, then `sent` (body dropped) or `failed` with a retry time for the
 * delivery sweep (`mail-delivery.ts`). Callers see what they saw before: the send resolves or rejects with the
 * transport's answer. A log write that fails never stops the mail itself — it is then sent without an entry.
 */
export function withMailLog(mailer: Mailer, options: LoggedMailerOptions): Mailer {
  const iso = (): string => new Date(options.now()).toISOString();
  const logFailure = (err: unknown): void => options.warn({ err }, 'mail log not written');
  return {
    transport: mailer.transport,
    async send(message) {
      const id = await options.log
        .queued(message, mailer.transport, options.instanceId, iso())
        .catch((err: unknown) => {
          logFailure(err);
          return undefined;
        });
      const claimed = id
        ? await options.log.claim(id, options.instanceId, options.now()).catch((err: unknown) => {
            logFailure(err);
            return undefined;
          })
        : undefined;
      if (claimed) return deliverClaimed(options.log, mailer, claimed, options.now, options.warn);
      // No entry (its write failed): send anyway, as before the outbox — a mail without an entry beats no mail.
      if (!id) return mailer.send(message);
      // An entry but no claim: sending now could duplicate the sweep's send of the same entry, so it is left to
      // the sweep (after one claim period).
      throw new Error('mail left to the delivery sweep: its entry could not be claimed');
    },
    close: () => mailer.close(),
  };
}
