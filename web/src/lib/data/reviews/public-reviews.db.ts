import { createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { publicReviewSchema, type PublicReview } from '@poisklinik/shared';

export type PublicReviewsDb = RxDatabase<{ reviews: RxCollection<PublicReview> }>;

/**
 * Published reviews of the clinics the user opened or marked, for everybody on the device (signed in or not).
 * A database of its own rather than a collection of the catalogue's: it is a pull-only cache with its own
 * lifetime, and a schema change here must not drop the catalogue (or the other way round).
 */
const DB_NAME = 'poisklinik-public-reviews';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxStorage's internals/settings generics are storage-specific
async function createStorage(): Promise<RxStorage<any, any>> {
  const dexie = getRxStorageDexie();
  if (!import.meta.env.DEV) return dexie;
  const ajv = await import('rxdb/plugins/validate-ajv');
  return ajv.wrappedValidateAjvStorage({ storage: dexie });
}

async function create(): Promise<PublicReviewsDb> {
  const db = await createRxDatabase<{ reviews: RxCollection<PublicReview> }>({
    name: DB_NAME,
    storage: await createStorage(),
    multiInstance: true,
  });
  try {
    await db.addCollections({ reviews: { schema: publicReviewSchema } });
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

let opening: Promise<PublicReviewsDb> | undefined;

export function openPublicReviewsDb(): Promise<PublicReviewsDb> {
  opening ??= create();
  opening.catch(() => (opening = undefined));
  return opening;
}
