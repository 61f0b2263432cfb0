// Bookings seen and cancelled by an admin. Listing reads the whole `bookings` database (every user's): fine for
// an admin's occasional search at demo scale; at country scale it wants an index (ADR 016).
import {
  ADMIN_PAGE_DEFAULT,
  ADMIN_PAGE_MAX,
  type AdminBookingsAnswer,
  type AdminBookingsQuery,
  type AdminBookingView,
  type AdminCancelBody,
} from '@poisklinik/shared';
import type { AuthContext } from '../auth/auth-context';
import type { AccountStore } from '../accounts/account.store';
import type { BookingService } from '../bookings/booking.service';
import { BOOKINGS_DB, type BookingDoc } from '../bookings/booking.store';
import { forbidden, HttpError, notFound } from '../http/http-error';
import type { Store } from '../store/store.types';
import type { AdminAuditStore } from './admin-audit.store';

const PAGE = 1000;

export type AdminBookingsDeps = {
  store: Store;
  accounts: AccountStore;
  bookings: BookingService;
  audit: AdminAuditStore;
  now: () => number;
};

function requireAdmin(actor: AuthContext): void {
  if (!actor.roles.includes('admin')) throw forbidden('This needs the admin role.');
}

const userOf = (bookingId: string): string => bookingId.slice(0, bookingId.indexOf('.'));
/** A bare day as `to` includes that whole day. */
const upperBound = (to: string): string => (to.length === 10 ? `${to}T23:59:59.999Z` : new Date(to).toISOString());
const lowerBound = (from: string): string =>
  from.length === 10 ? `${from}T00:00:00.000Z` : new Date(from).toISOString();
const digitsOnly = (s: string): string => s.replace(/\D/g, '');

export class AdminBookingsService {
  constructor(private readonly deps: AdminBookingsDeps) {}

  async list(actor: AuthContext, query: AdminBookingsQuery): Promise<AdminBookingsAnswer> {
    requireAdmin(actor);
    const limit = Math.min(ADMIN_PAGE_MAX, Math.max(1, Number(query.limit ?? ADMIN_PAGE_DEFAULT)));
    const skip = Number(query.skip ?? 0);
    const from = query.from === undefined ? undefined : lowerBound(query.from);
    const to = query.to === undefined ? undefined : upperBound(query.to);
    const candidates = (await this.#all()).filter(
      (b) =>
        (query.clinicId === undefined || b.clinicId === query.clinicId) &&
        (query.status === undefined || b.status === query.status) &&
        (from === undefined || b.startsAt >= from) &&
        (to === undefined || b.startsAt <= to),
    );
    const emails = await this.deps.accounts.emailsOf([...new Set(candidates.map((b) => userOf(b._id)))]);
    const q = (query.q ?? '').trim().toLowerCase();
    const matched = q === '' ? candidates : candidates.filter((b) => this.#matches(b, q, emails.get(userOf(b._id))));
    // Newest appointment first: what an admin looks for is usually upcoming or recent.
    matched.sort((a, b) => (a.startsAt < b.startsAt ? 1 : a.startsAt > b.startsAt ? -1 : 0));
    const page = matched.slice(skip, skip + limit);
    const cancels = await this.deps.audit.cancelsOf(page.map((b) => b._id));
    return {
      bookings: page.map((b) => this.#view(b, emails.get(userOf(b._id)), cancels.get(b._id))),
      total: matched.length,
    };
  }

  /** Through the booking module's own cancel: the ticket is freed and the patient's devices pull `cancelled`. */
  async cancel(actor: AuthContext, bookingId: string, body: AdminCancelBody): Promise<AdminBookingView> {
    requireAdmin(actor);
    const booking = bookingId.includes('.')
      ? await this.deps.store.database(BOOKINGS_DB).then((db) => db.get(bookingId))
      : null;
    if (!booking) throw notFound('No such booking.');
    const current = booking as BookingDoc;
    if (current.status !== 'confirmed') {
      throw new HttpError(
        409,
        'not_cancellable',
        `The booking is ${current.status}; only a confirmed one can be cancelled.`,
      );
    }
    if (Date.parse(current.startsAt) <= this.deps.now()) {
      throw new HttpError(409, 'not_cancellable', 'The appointment has already started.');
    }
    const result = await this.deps.bookings.cancel(current);
    if (!result.ok) throw new HttpError(409, 'conflict', 'The booking changed meanwhile; read it again.');
    const record = {
      actor: actor.userId,
      at: new Date(this.deps.now()).toISOString(),
      ...(body.note ? { note: body.note } : {}),
    };
    await this.deps.audit.recordCancel(bookingId, record);
    const emails = await this.deps.accounts.emailsOf([userOf(bookingId)]);
    const cancelled: BookingDoc = { ...current, status: 'cancelled', _rev: result.rev };
    return this.#view(cancelled, emails.get(userOf(bookingId)), record);
  }

  #matches(b: BookingDoc, q: string, email: string | undefined): boolean {
    if (b.patientName.toLowerCase().includes(q) || (email ?? '').includes(q)) return true;
    const digits = digitsOnly(q);
    return digits.length >= 3 && digitsOnly(b.patientPhone).includes(digits);
  }

  async #all(): Promise<BookingDoc[]> {
    const db = await this.deps.store.database(BOOKINGS_DB);
    const found: BookingDoc[] = [];
    let startkey: string | undefined;
    for (;;) {
      const page = await db.allDocs({
        includeDocs: true,
        limit: PAGE,
        ...(startkey === undefined ? {} : { startkey, skip: 1 }),
      });
      for (const row of page.rows) {
        if ('doc' in row && row.doc && row.id.includes('.')) found.push(row.doc as BookingDoc);
      }
      const last = page.rows.at(-1);
      if (!last || page.rows.length < PAGE) return found;
      startkey = last.key;
    }
  }

  #view(b: BookingDoc, email: string | undefined, cancel: { at: string; note?: string } | undefined): AdminBookingView {
    const { _id, _rev: _r, ...fields } = b;
    return {
      ...fields,
      id: _id,
      userId: userOf(_id),
      ...(email === undefined ? {} : { email }),
      ...(cancel ? { cancelledByAdmin: { at: cancel.at, ...(cancel.note ? { note: cancel.note } : {}) } } : {}),
    };
  }
}
