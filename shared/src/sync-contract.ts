import { clinicSchema } from './clinic.schema';
import { specialtySchema } from './specialty.schema';
import { townSchema } from './town.schema';
import { profileSchema } from './account/profile.schema';
import { bookingSchema } from './booking/booking.schema';
import { reviewSchema } from './review/review.schema';

/**
 * Version of the wire contract between the app and the sync server: URL layout, collection names, document
 * shape on the wire. Bump it on any incompatible change; the server announces it in a response header and on
 * `GET /db/`, so an old app can tell it must update instead of syncing garbage.
 */
export const SYNC_CONTRACT_VERSION = 1;
export const SYNC_CONTRACT_HEADER = 'x-sync-contract';

/** Every replication endpoint lives under this prefix: `/db/<collection>/`. */
export const SYNC_BASE_PATH = '/db';

/** The public, read-only catalogue: everybody may pull it, nobody may push to it through replication. */
export const catalogueCollections = ['clinics', 'specialties', 'towns'] as const;
export type CatalogueCollection = (typeof catalogueCollections)[number];

export const catalogueSchemas = {
  clinics: clinicSchema,
  specialties: specialtySchema,
  towns: townSchema,
} as const satisfies Record<CatalogueCollection, { readonly version: number; readonly primaryKey: string }>;

export function isCatalogueCollection(name: string): name is CatalogueCollection {
  return (catalogueCollections as readonly string[]).includes(name);
}

/**
 * Per-user collections: each holds documents of many users in one store database, but every replication request
 * on them (`_changes`, `_all_docs`, `_bulk_get`, `_revs_diff`, single-doc reads, `_bulk_docs`) is answered for the
 * session's user only — a document a user does not own (see `isOwnedDocId`) is as absent as a missing one.
 * They need a session cookie (401 without); the catalogue needs none. `bookings` (issue 5): the server decides each
 * pushed booking (ADR 011). `reviews` (issue 6): the user's own reviews, one per clinic; the server decides each
 * pushed review and keeps its public copy (ADR 014).
 */
export const userCollections = ['profiles', 'bookings', 'reviews'] as const;
export type UserCollection = (typeof userCollections)[number];

export const userCollectionSchemas = {
  profiles: profileSchema,
  bookings: bookingSchema,
  reviews: reviewSchema,
} as const satisfies Record<UserCollection, { readonly version: number; readonly primaryKey: string }>;

export function isUserCollection(name: string): name is UserCollection {
  return (userCollections as readonly string[]).includes(name);
}

/**
 * Pull batch size. Measured: 10k docs pull in 1.9 s at 500 vs 4.6 s at 60 (RxDB default); larger batches only
 * grow response size without saving round trips that matter.
 */
export const PULL_BATCH_SIZE = 500;

/**
 * Server-side cap on a long-poll `_changes` wait. Kept below common proxy idle timeouts (60 s) and below RxDB's
 * `heartbeat=60000`, so an idle long-poll always ends with a clean empty answer rather than a dropped socket.
 */
export const LONGPOLL_MAX_MS = 25_000;

/**
 * The replication URL RxDB's CouchDB plugin needs. It must end with "/": the plugin appends `_changes` etc.
 * to it verbatim.
 */
export function collectionUrl(origin: string, collection: string): string {
  return `${origin.replace(/\/+$/, '')}${SYNC_BASE_PATH}/${collection}/`;
}

/**
 * On the wire and in the store a document's `_id` is its primary key value and the entity fields sit beside it
 * (CouchDB style); the primary key field itself is not repeated, because RxDB's CouchDB plugin maps `_id` onto
 * the primary key on pull and back on push.
 */
export type WireDoc<T> = Omit<T, 'id'> & { _id: string; _rev?: string; _deleted?: boolean };

export function toWireDoc<T extends { id: string }>(entity: T): WireDoc<T> {
  const { id, ...rest } = entity;
  return { ...rest, _id: id };
}

export function fromWireDoc<T extends { id: string }>(doc: WireDoc<T>): T {
  const { _id, _rev: _r, _deleted: _d, ...rest } = doc;
  return { ...rest, id: _id } as unknown as T;
}

/**
 * Sync scope of a device: the whole country, or one town and its surroundings (every clinic whose town centre
 * lies within SCOPE_RADIUS_KM of the chosen town's centre). Only `clinics` (and later per-clinic data) is
 * scoped; specialties and towns are small and always synced whole, so the scope picker works offline.
 */
export type SyncScope = { readonly kind: 'country' } | { readonly kind: 'town'; readonly townId: string };

export const SCOPE_RADIUS_KM = 60;

/** Collections that honour a town scope; the others ignore it and replicate whole. */
export const scopedCollections = ['clinics'] as const satisfies readonly CatalogueCollection[];

/**
 * Scoped replication URL: `/db/scope/<townId>/clinics/`. A separate URL (not a query parameter) because RxDB's
 * plugin appends `_changes?…` to the URL verbatim and keys its checkpoint by the URL, so each scope keeps its own
 * checkpoint and a scope change starts a clean pull.
 */
export function scopedCollectionUrl(origin: string, collection: CatalogueCollection, scope: SyncScope): string {
  const scoped = scope.kind === 'town' && (scopedCollections as readonly string[]).includes(collection);
  if (!scoped) return collectionUrl(origin, collection);
  return `${origin.replace(/\/+$/, '')}${SYNC_BASE_PATH}/scope/${encodeURIComponent(scope.townId)}/${collection}/`;
}

/**
 * Appointment tickets (issue 5): public and read-only like the catalogue, but only ever served through a scope,
 * never whole (a country's tickets for 14 days are millions of documents):
 * `/db/scope/<townId>/tickets/` — the tickets of every clinic in the town scope (SCOPE_RADIUS_KM), and
 * `/db/clinic/<clinicId>/tickets/` — one clinic's (a clinic the user opened or marked as favourite).
 * Separate URLs for the same reason as town scopes: RxDB keys its checkpoint by URL.
 */
export const TICKETS_COLLECTION = 'tickets';
export type TicketScope =
  { readonly kind: 'town'; readonly townId: string } | { readonly kind: 'clinic'; readonly clinicId: string };

export function ticketsUrl(origin: string, scope: TicketScope): string {
  const base = `${origin.replace(/\/+$/, '')}${SYNC_BASE_PATH}`;
  return scope.kind === 'town'
    ? `${base}/scope/${encodeURIComponent(scope.townId)}/${TICKETS_COLLECTION}/`
    : `${base}/clinic/${encodeURIComponent(scope.clinicId)}/${TICKETS_COLLECTION}/`;
}

/**
 * Published reviews (issue 6): public and read-only, served per clinic only — `/db/clinic/<clinicId>/reviews/` —
 * for the clinics a user opens or marks as favourite. The author's own review (with its moderation state) comes
 * from the per-user collection `reviews` instead; the public copy carries no user id.
 */
export const PUBLIC_REVIEWS_COLLECTION = 'reviews';

export function clinicReviewsUrl(origin: string, clinicId: string): string {
  return `${origin.replace(/\/+$/, '')}${SYNC_BASE_PATH}/clinic/${encodeURIComponent(clinicId)}/${PUBLIC_REVIEWS_COLLECTION}/`;
}
