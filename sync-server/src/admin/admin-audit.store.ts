import type { Store, StoreDatabase } from '../store/store.types';

export const ADMIN_AUDIT_DB = 'admin-audit';

/** What an admin did to someone else's data, kept beside it: the patient's booking has no field for a free note. */
export type BookingCancelRecord = { actor: string; at: string; note?: string };

const cancelKey = (bookingId: string): string => `booking-cancel.${bookingId}`;

export class AdminAuditStore {
  private constructor(private readonly db: StoreDatabase) {}

  static async open(store: Store): Promise<AdminAuditStore> {
    return new AdminAuditStore(await store.database(ADMIN_AUDIT_DB));
  }

  /** One record per booking: a booking is cancelled once, so a second write (a retry) keeps the first. */
  async recordCancel(bookingId: string, record: BookingCancelRecord): Promise<void> {
    await this.db.put({ _id: cancelKey(bookingId), ...record });
  }

  async cancelsOf(bookingIds: readonly string[]): Promise<Map<string, BookingCancelRecord>> {
    if (bookingIds.length === 0) return new Map();
    const { rows } = await this.db.allDocs({ keys: bookingIds.map(cancelKey), includeDocs: true });
    const found = new Map<string, BookingCancelRecord>();
    bookingIds.forEach((id, i) => {
      const row = rows[i];
      const doc = row && 'doc' in row ? row.doc : null;
      if (!doc) return;
      const note = typeof doc['note'] === 'string' ? doc['note'] : undefined;
      found.set(id, { actor: String(doc['actor']), at: String(doc['at']), ...(note === undefined ? {} : { note }) });
    });
    return found;
  }
}
