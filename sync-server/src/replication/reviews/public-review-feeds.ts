// The public review feeds, `/db/clinic/<clinicId>/reviews/`: one clinic's published reviews, read-only and open
// to anonymous users like the ticket feeds. The author's own review (with its moderation state) comes from the
// per-user collection `/db/reviews/` instead; nothing here carries a user id (see ADR 014).
import { PUBLIC_REVIEWS_COLLECTION } from '@poisklinik/shared';
import type { Store, StoreDatabase } from '../../store/store.types';
import { notFound } from '../../http/http-error';
import { PUBLIC_REVIEWS_DB } from '../../reviews/review.store';
import { TicketFeedDatabase } from '../tickets/ticket-feed-database';

/** The catalogue's id rule (`idSchema`): anything else cannot be a clinic, so the store is not even asked. */
const CLINIC_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class PublicReviewFeeds {
  constructor(private readonly store: Store) {}

  static handles(ref: { collection: string; clinicId?: string; owner?: string }): ref is { clinicId: string } & {
    collection: string;
  } {
    return ref.collection === PUBLIC_REVIEWS_COLLECTION && ref.clinicId !== undefined && ref.owner === undefined;
  }

  /**
   * 404 for an unknown clinic. The clinic view of the ticket feeds fits as it is: public copies are keyed
   * "<clinicId>.<key>", carry `clinicId` (their tombstones too) and hold nothing that view would strip.
   */
  async database(clinicId: string): Promise<StoreDatabase> {
    const known = CLINIC_ID.test(clinicId) && (await (await this.store.database('clinics')).get(clinicId));
    if (!known) throw notFound(`Unknown clinic ${JSON.stringify(clinicId.slice(0, 64))}: no such review feed`);
    return new TicketFeedDatabase(await this.store.database(PUBLIC_REVIEWS_DB), { kind: 'clinic', clinicId });
  }
}
