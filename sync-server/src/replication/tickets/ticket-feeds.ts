import { TICKETS_COLLECTION } from '@poisklinik/shared';
import type { Store, StoreDatabase } from '../../store/store.types';
import { notFound } from '../../http/http-error';
import { TICKETS_DB } from '../../tickets/ticket-doc';
import type { SyncScopeService } from '../scope/sync-scope.service';
import { TicketFeedDatabase } from './ticket-feed-database';

/** The catalogue's id rule (`idSchema`): anything else cannot be a clinic, so the store is not even asked. */
const CLINIC_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const WHOLE_TICKETS_REASON =
  'Tickets are served per scope only: /db/scope/<townId>/tickets/ or /db/clinic/<clinicId>/tickets/.';

/**
 * The ticket feeds (`/db/scope/<townId>/tickets/`, `/db/clinic/<clinicId>/tickets/`): public and read-only like
 * the catalogue. `/db/tickets/` whole is 404: a country's tickets for the window are millions of documents.
 */
export class TicketFeeds {
  constructor(
    private readonly store: Store,
    private readonly scopes: SyncScopeService,
  ) {}

  static handles(collection: string): boolean {
    return collection === TICKETS_COLLECTION;
  }

  /** 404 for the whole collection, an unknown town or an unknown clinic. */
  async database(ref: { townId?: string; clinicId?: string }): Promise<StoreDatabase> {
    const tickets = await this.store.database(TICKETS_DB);
    if (ref.clinicId !== undefined) {
      const known = CLINIC_ID.test(ref.clinicId) && (await (await this.store.database('clinics')).get(ref.clinicId));
      if (!known) throw notFound(`Unknown clinic ${JSON.stringify(ref.clinicId.slice(0, 64))}: no such ticket feed`);
      return new TicketFeedDatabase(tickets, { kind: 'clinic', clinicId: ref.clinicId });
    }
    if (ref.townId !== undefined) {
      const towns = await this.scopes.townsInScope(ref.townId);
      return new TicketFeedDatabase(tickets, { kind: 'town', towns });
    }
    throw notFound(WHOLE_TICKETS_REASON);
  }
}
