import type { AdminTicketView, AdminTicketsQuery } from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import { TICKETS_DB, type TicketDoc } from '../bookings/booking.store';
import { forbidden } from '../http/http-error';
import type { Store } from '../store/store.types';

/** One clinic's tickets (optionally one clinic-local day) with their state and holder, never patient data. */
export async function adminTickets(
  store: Store,
  actor: AuthContext,
  query: AdminTicketsQuery,
): Promise<AdminTicketView[]> {
  if (!actor.roles.includes('admin')) throw forbidden('This needs the admin role.');
  const db = await store.database(TICKETS_DB);
  // Ticket ids start with the clinic id, so one key range holds the clinic's tickets.
  const { rows } = await db.allDocs({
    startkey: `${query.clinicId}.`,
    endkey: `${query.clinicId}.\ufff0`,
    includeDocs: true,
  });
  const tickets = rows.flatMap((row) => {
    const doc = 'doc' in row ? (row.doc as TicketDoc | null | undefined) : null;
    // A clinic id may itself contain dots, so the range can reach another clinic's tickets: check the field.
    if (!doc || doc.clinicId !== query.clinicId || (query.date !== undefined && doc.localDate !== query.date))
      return [];
    const view: AdminTicketView = {
      id: doc._id,
      clinicId: doc.clinicId,
      specialtyCode: doc.specialtyCode,
      localDate: doc.localDate,
      localTime: doc.localTime,
      startsAt: doc.startsAt,
      endsAt: doc.endsAt,
      status: doc.status,
      version: doc.version,
      ...(doc.bookingId === undefined ? {} : { bookingId: doc.bookingId }),
    };
    return [view];
  });
  return tickets.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1));
}
