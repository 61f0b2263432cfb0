// Sends claimed outbox entries, and the delivery sweep that retries what an instance could not send: failed
// entries once their backoff passed, `sending` entries whose claimant died (claim expired), and `queued` ones
// never claimed. The periodic sweep runs only on the holder of the background-jobs lease (ADR 018); every entry
// is claimed by a revision-checked write before it is sent, so two sweeps at once still send each mail once.
import { PeriodicJob } from '../cluster/periodic-job';
import type { MailLogStore } from './mail-log.store';
import type { ClaimedMail } from './mail-log.store';
import type { MailLog, Mailer, SentMail } from './mailer.types';

/** Default period between delivery sweeps: SMTP outages are minutes, the first retry is due after one. */
export const DEFAULT_MAIL_SWEEP_MS = 30_000;

/** Sends one claimed entry and records the outcome; rejects with the transport's error as the send did. */
export async function deliverClaimed(
  log: MailLogStore,
  mailer: Mailer,
  claimed: ClaimedMail,
  now: () => number,
  warn: MailLog['warn'],
): Promise<SentMail> {
  const logFailure = (err: unknown): void => warn({ err, mailId: claimed.doc._id }, 'mail log not written');
  try {
    const sent = await mailer.send(claimed.message);
    await log.sent(claimed, now()).catch(logFailure);
    return sent;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    await log.failed(claimed, text, now()).catch(logFailure);
    throw error;
  }
}

export type MailSweepReport = { sent: number; failed: number; gaveUp: number };

export type MailDeliveryOptions = {
  log: MailLogStore;
  /** The plain transport (not `withMailLog`): the entries are already in the log. Its owner closes it. */
  mailer: Mailer;
  instanceId: string;
  now: () => number;
  /** Period of the background sweep; 0 = only on demand. */
  intervalMs: number;
  /** The background-jobs lease: periodic sweeps run only on its holder. Absent = always. */
  holdsLease?: () => boolean;
  warn: MailLog['warn'];
};

export class MailDelivery {
  readonly #options: MailDeliveryOptions;
  readonly #job: PeriodicJob<MailSweepReport>;

  constructor(options: MailDeliveryOptions) {
    this.#options = options;
    this.#job = new PeriodicJob({
      run: () => this.#sweep(),
      intervalMs: options.intervalMs,
      ...(options.holdsLease ? { holdsLease: options.holdsLease } : {}),
      onSettled: (outcome) => {
        if (!outcome.ok) options.warn({ err: outcome.error }, 'mail delivery sweep failed; it runs again later');
      },
    });
  }

  /** One sweep now; a call while one runs shares it. Ungated by the lease (tests, and the claim makes it safe). */
  sweep(): Promise<MailSweepReport> {
    return this.#job.runNow();
  }

  /** Starts the periodic sweep (nothing when the interval is 0); each run is scheduled after the last ends. */
  start(): void {
    this.#job.start();
  }

  /** Stops the periodic sweep and waits for one in flight; the transport stays open for its owner to close. */
  close(): Promise<void> {
    return this.#job.close();
  }

  async #sweep(): Promise<MailSweepReport> {
    const { log, mailer, instanceId, now, warn } = this.#options;
    const report: MailSweepReport = { sent: 0, failed: 0, gaveUp: 0 };
    // One at a time: a sweep follows an outage, and a burst of parallel sends would hit a recovering server.
    for (const { id, giveUp } of await log.due(now())) {
      if (this.#job.closed) break;
      const claimed = await log.claim(id, instanceId, now());
      if (!claimed) continue;
      if (giveUp) {
        await log.failed(claimed, 'not delivered in time', now());
        report.gaveUp += 1;
        continue;
      }
      try {
        await deliverClaimed(log, mailer, claimed, now, warn);
        report.sent += 1;
      } catch {
        report.failed += 1;
      }
    }
    return report;
  }
}
