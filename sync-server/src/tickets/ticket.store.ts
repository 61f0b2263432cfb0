import type { NewDoc, StoreDatabase, WriteResult } from '../store/store.types';
import { asTicketDoc, type TicketDoc } from './ticket-doc';

/** Ticket ids start with "<clinicId>." (see `ticketId`); the sentinel sorts after every id character. */
const ID_RANGE_END = '\ufff0';

/** The scheduler's view of the `tickets` database. */
export class TicketStore {
  constructor(readonly db: StoreDatabase) {}

  /** One clinic's live tickets. Bounded by the window (plus a few days of closed ones), never the whole database. */
  async clinicTickets(clinicId: string): Promise<(TicketDoc & { _rev: string })[]> {
    const page = await this.db.allDocs({
      startkey: `${clinicId}.`,
      endkey: `${clinicId}.${ID_RANGE_END}`,
      includeDocs: true,
    });
    const tickets: (TicketDoc & { _rev: string })[] = [];
    for (const row of page.rows) {
      if ('error' in row) continue;
      const doc = asTicketDoc(row.doc);
      // A clinic id may contain dots, so "a." also ranges over clinic "a.b"'s tickets.
      if (doc && doc.clinicId === clinicId) tickets.push(doc);
    }
    return tickets;
  }

  async get(id: string): Promise<(TicketDoc & { _rev: string }) | null> {
    return asTicketDoc(await this.db.get(id));
  }

  write(docs: NewDoc[]): Promise<WriteResult[]> {
    return this.db.bulkDocs(docs);
  }

  put(doc: NewDoc): Promise<WriteResult> {
    return this.db.put(doc);
  }
}
