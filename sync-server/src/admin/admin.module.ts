import type { FastifyInstance } from 'fastify';
import type { AuthModule } from '../auth/auth.module';
import type { BookingModule } from '../bookings/booking.module';
import { MailLogStore } from '../mail/mail-log.store';
import type { Store } from '../store/store.types';
import { AdminAuditStore } from './admin-audit.store';
import { AdminBookingsService } from './admin-bookings.service';
import { AdminCatalogueService } from './admin-catalogue.service';
import { registerAdminCatalogueRoutes } from './admin-catalogue.routes';
import { registerAdminOperationsRoutes } from './admin-operations.routes';

export type AdminModuleDeps = { store: Store; auth: AuthModule; bookings: BookingModule; now: () => number };

/** The admin API besides users' roles, reviews, clinics, scheduler and sweeps (registered by their modules). */
export async function registerAdminModule(app: FastifyInstance, deps: AdminModuleDeps): Promise<void> {
  const { store, auth, now } = deps;
  registerAdminCatalogueRoutes(app, new AdminCatalogueService(store, now));
  const bookings = new AdminBookingsService({
    store,
    accounts: auth.accountStore,
    bookings: deps.bookings.service,
    audit: await AdminAuditStore.open(store),
    now,
  });
  const mailLog = await MailLogStore.open(store);
  // Before the account is deleted (see onAccountDeleted), so its address is still there to find.
  auth.accounts.onAccountDeleted(async (userId) => {
    const account = await auth.accountStore.getAccount(userId);
    if (account) await mailLog.eraseRecipient(account.email, new Date(now()).toISOString());
  });
  registerAdminOperationsRoutes(app, { store, users: auth.admin, bookings, mailLog });
}
