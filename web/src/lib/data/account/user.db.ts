import { createRxDatabase, removeRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  bookingSchema,
  profileSchema,
  reviewSchema,
  type Booking,
  type Profile,
  type Review,
} from '@poisklinik/shared';

export type UserCollections = {
  profiles: RxCollection<Profile>;
  bookings: RxCollection<Booking>;
  /** The user's own reviews (one per clinic), with the server's moderation state. */
  reviews: RxCollection<Review>;
};
export type UserDb = RxDatabase<UserCollections>;

/**
 * One IndexedDB database per user, never shared: a second person signing in on the device gets their own, and
 * signing out can drop exactly one user's data without touching the catalogue or anyone else's queued writes.
 */
export function userDbName(userId: string): string {
  return `poisklinik-user-${userId}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxStorage's internals/settings generics are storage-specific
async function createStorage(): Promise<RxStorage<any, any>> {
  const dexie = getRxStorageDexie();
  if (!import.meta.env.DEV) return dexie;
  // Dev builds validate local writes against the shared schema, as the catalogue does (see catalogue.db.ts).
  const ajv = await import('rxdb/plugins/validate-ajv');
  return ajv.wrappedValidateAjvStorage({ storage: dexie });
}

const open = new Map<string, Promise<UserDb>>();

async function create(userId: string): Promise<UserDb> {
  // multiInstance: tabs share the database; only the leader tab replicates, all see its writes.
  const db = await createRxDatabase<UserCollections>({
    name: userDbName(userId),
    storage: await createStorage(),
    multiInstance: true,
  });
  try {
    // User data is not a cache: a future schema version must come with a migration strategy, never a wipe.
    await db.addCollections({
      profiles: { schema: profileSchema },
      bookings: { schema: bookingSchema },
      reviews: { schema: reviewSchema },
    });
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** This tab's handle on a user's database, opened on first use. */
export function openUserDb(userId: string): Promise<UserDb> {
  let db = open.get(userId);
  if (!db) {
    db = create(userId);
    open.set(userId, db);
    // A failed open must not poison later attempts.
    db.catch(() => open.delete(userId));
  }
  return db;
}

/** Closes this tab's handle on the user's database, if open; the data stays. */
export async function closeUserDb(userId: string): Promise<void> {
  const opening = open.get(userId);
  open.delete(userId);
  const db = await opening?.catch(() => undefined);
  await db?.close();
}

/** Closes the user's database (if open here) and deletes it with everything in it, including queued writes. */
export async function removeUserDb(userId: string): Promise<void> {
  const opening = open.get(userId);
  open.delete(userId);
  if (opening) {
    const db = await opening.catch(() => undefined);
    if (db) {
      await db.remove();
      return;
    }
  }
  await removeRxDatabase(userDbName(userId), await createStorage(), true);
}
