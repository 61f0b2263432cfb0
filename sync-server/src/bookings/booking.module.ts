// Builds the booking module from the store and config, and runs the recovery sweep at start and periodically.
import type { Mailer } from '../mail/mailer.types';
import type { Store } from '../store/store.types';
import { BookingErasure } from './booking-erasure';
import { BookingMail } from './booking-mail';
import { BookingLedger } from './booking-ledger';
import { BookingRecovery } from './booking-recovery';
import { BookingService } from './booking.service';
import { BookingStore } from './booking.store';

/** Often enough that a crashed booking is settled within about two minutes; each run reads only what changed. */
export const RECOVERY_INTERVAL_MS = 30_000;

export type BookingModuleOptions = {
  store: Store;
  maxActiveBookings: number;
  now: () => number;
  /** Confirmation mails go through it (after the commit, not awaited). */
  mailer: Mailer;
  /** The app's origin, for the link in the mail (known only once the server listens). */
  publicOrigin: () => string;
  log: { warn(fields: Record<string, unknown>, message: string): void };
};

export type BookingModule = {
  service: BookingService;
  recovery: BookingRecovery;
  store: BookingStore;
  ledger: BookingLedger;
  mail: BookingMail;
  /** Account deletion's part in bookings (hooked to `AccountService.onAccountDeleted`). */
  erasure: BookingErasure;
  /** Starts the periodic sweep; the first one begins at once, in the background. */
  start(): void;
  close(): Promise<void>;
};

export function createBookingModule(options: BookingModuleOptions): BookingModule {
  const store = new BookingStore(options.store);
  const ledger = new BookingLedger(store, options.maxActiveBookings);
  const mail = new BookingMail({
    store: options.store,
    mailer: options.mailer,
    publicOrigin: options.publicOrigin,
    now: options.now,
    log: options.log,
  });
  const service = new BookingService({ store, ledger, now: options.now, onConfirmed: (booking) => mail.send(booking) });
  const recovery = new BookingRecovery({ store, ledger, decision: service.decision, now: options.now });
  let timer: NodeJS.Timeout | undefined;
  const sweep = (): Promise<void> =>
    recovery.run().then(
      () => undefined,
      (err: unknown) => options.log.warn({ err }, 'booking recovery sweep failed; it runs again later'),
    );
  return {
    service,
    recovery,
    store,
    ledger,
    mail,
    erasure: new BookingErasure({ store, ledger, now: options.now }),
    start() {
      // Not awaited: the first sweep reads both change feeds from the start, which at country scale (millions of
      // tickets) takes a while, and the server must answer meanwhile. `recovery.settled()` waits for it.
      void sweep();
      timer = setInterval(() => void sweep(), RECOVERY_INTERVAL_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      // A sweep in flight finishes before the store closes under it.
      await recovery.settled();
      await mail.settled();
    },
  };
}
