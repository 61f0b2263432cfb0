// Test-side helpers for review specs: reviews as the app writes them on the device, pushes through the real
// `_bulk_docs` route with a session, and reads of what the store and the public feed hold.
import { reviewIdOf, type Review } from '@poisklinik/shared';
import type { SyncServer } from '../server';
import { call, type TestSession } from '../authz/session-client';
import { PUBLIC_REVIEWS_DB, REVIEWS_DB, type ClinicDoc, type ReviewDoc } from './review.store';

export type ReviewPush = Omit<Review, 'id'> & { _id: string; _rev?: string; _deleted?: boolean };

/** A review as the app writes it: pending, on the user's own id for the clinic. */
export function newReview(userId: string, clinicId: string, overrides: Partial<ReviewPush> = {}): ReviewPush {
  const at = '2030-01-01T10:00:00.000Z';
  return {
    _id: reviewIdOf(userId, clinicId),
    clinicId,
    score: 4,
    text: 'Вежливые врачи, без очередей.',
    status: 'pending',
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export type PushRow = { ok?: true; id: string; rev?: string; error?: string; reason?: string; doc?: ReviewDoc };

export async function pushReviews(server: SyncServer, session: TestSession, docs: unknown[]): Promise<PushRow[]> {
  const res = await call(server, session, 'POST', '/db/reviews/_bulk_docs', { docs });
  if (res.status !== 201) throw Object.assign(new Error(`push answered ${res.status}`), { response: res });
  return res.body as PushRow[];
}

export async function pushReview(server: SyncServer, session: TestSession, doc: unknown): Promise<PushRow> {
  const [row] = await pushReviews(server, session, [doc]);
  if (!row) throw new Error('no row');
  return row;
}

/** The device's next edit: the stored review (as the device adopted it) with new fields, pending again. */
export function editOf(stored: ReviewDoc, fields: Partial<ReviewPush>): ReviewPush {
  return { ...stored, status: 'pending', ...fields };
}

export async function storedReview(server: SyncServer, id: string): Promise<ReviewDoc | null> {
  return (await (await server.store.database(REVIEWS_DB)).get(id)) as ReviewDoc | null;
}

export async function storedClinic(server: SyncServer, id: string): Promise<ClinicDoc> {
  const doc = await (await server.store.database('clinics')).get(id);
  if (!doc) throw new Error(`no clinic ${id}`);
  return doc as ClinicDoc;
}

/** Live public copies in the store (all clinics). */
export async function publicCopies(server: SyncServer): Promise<Record<string, unknown>[]> {
  const all = await (await server.store.database(PUBLIC_REVIEWS_DB)).allDocs({ includeDocs: true });
  return all.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc] : []));
}
