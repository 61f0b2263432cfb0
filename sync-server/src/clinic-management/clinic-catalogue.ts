import type { ClinicRulesTown } from '@poisklinik/shared';
import type { NewDoc, Store, StoreDatabase, StoredDoc, WriteResult } from '../store/store.types';
import { documentPages } from '../tickets/catalogue-pages';
import { TICKETS_DB } from '../tickets/ticket-doc';
import { TicketStore } from '../tickets/ticket.store';

const SEARCH_PAGE = 500;

/** The catalogue databases as clinic management reads and writes them. */
export class ClinicCatalogue {
  private constructor(
    private readonly clinicsDb: StoreDatabase,
    private readonly towns: StoreDatabase,
    private readonly specialties: StoreDatabase,
    private readonly tickets: TicketStore,
  ) {}

  static async open(store: Store): Promise<ClinicCatalogue> {
    const [clinics, towns, specialties, tickets] = await Promise.all(
      ['clinics', 'towns', 'specialties', TICKETS_DB].map((name) => store.database(name)),
    );
    if (!clinics || !towns || !specialties || !tickets) throw new Error('catalogue databases did not open');
    return new ClinicCatalogue(clinics, towns, specialties, new TicketStore(tickets));
  }

  clinic(id: string): Promise<StoredDoc | null> {
    return this.clinicsDb.get(id);
  }

  /** An earlier revision (null once compaction dropped its body, which then counts as changed). */
  clinicAt(id: string, rev: string): Promise<StoredDoc | null> {
    return this.clinicsDb.get(id, { rev }).catch(() => null);
  }

  async clinics(ids: readonly string[]): Promise<StoredDoc[]> {
    if (ids.length === 0) return [];
    const page = await this.clinicsDb.allDocs({ keys: [...ids], includeDocs: true });
    return page.rows.flatMap((row) => ('id' in row && row.doc && !row.value.deleted ? [row.doc] : []));
  }

  /** Clinics whose name contains `q` (any case), in id order: a scan, for the admin's occasional look-up. */
  async search(q: string, skip: number, limit: number): Promise<StoredDoc[]> {
    const needle = q.trim().toLocaleLowerCase('ru');
    const found: StoredDoc[] = [];
    let toSkip = skip;
    for await (const page of documentPages(this.clinicsDb, SEARCH_PAGE)) {
      for (const doc of page) {
        const name = typeof doc['name'] === 'string' ? doc['name'].toLocaleLowerCase('ru') : '';
        if (needle !== '' && !name.includes(needle)) continue;
        if (toSkip > 0) toSkip -= 1;
        else found.push(doc);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  put(doc: NewDoc): Promise<WriteResult> {
    return this.clinicsDb.put(doc);
  }

  async town(id: string): Promise<ClinicRulesTown | undefined> {
    const doc = await this.towns.get(id);
    if (!doc || typeof doc['location'] !== 'object' || !Array.isArray(doc['districts'])) return undefined;
    return { id: doc._id, ...(doc as unknown as Omit<ClinicRulesTown, 'id'>) };
  }

  /** The specialties catalogue is small (Order 1061 has ~100 codes): ids only, no bodies. */
  async specialtyCodes(): Promise<Set<string>> {
    const page = await this.specialties.allDocs({});
    return new Set(page.rows.flatMap((row) => ('id' in row && !row.id.startsWith('_design/') ? [row.id] : [])));
  }

  async futureBookedTickets(clinicId: string, nowMs: number): Promise<number> {
    const tickets = await this.tickets.clinicTickets(clinicId);
    return tickets.filter((t) => t.status === 'booked' && Date.parse(t.startsAt) > nowMs).length;
  }
}
