import {
  addRxPlugin,
  createRxDatabase,
  removeRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxStorage,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { deleteIndexSnapshot } from './index-snapshot.store';
import {
  clinicSchema,
  specialtySchema,
  ticketSchema,
  townSchema,
  type Clinic,
  type Specialty,
  type Ticket,
  type Town,
} from '@poisklinik/shared';

export type CatalogueCollections = {
  clinics: RxCollection<Clinic>;
  specialties: RxCollection<Specialty>;
  towns: RxCollection<Town>;
  /** Appointment tickets of the town scope and of opened or favourite clinics (pull-only, see tickets/). */
  tickets: RxCollection<Ticket>;
};
export type CatalogueDb = RxDatabase<CatalogueCollections>;

const DB_NAME = 'poisklinik-catalogue';

addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * One strategy per clinic schema version. Version 1 only added the optional `slotMinutes`, version 2 the optional
 * server-maintained `rating` and `reviewCount`, so stored clinics are valid as they are; migrating keeps them (and the saved search index) instead of pulling the catalogue again.
 */
export const clinicMigrations = { 1: (doc: Clinic): Clinic => doc, 2: (doc: Clinic): Clinic => doc };
const clinicsCollection = { schema: clinicSchema, migrationStrategies: clinicMigrations };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- RxStorage's internals/settings generics are storage-specific
async function createStorage(): Promise<RxStorage<any, any>> {
  const dexie = getRxStorageDexie();
  if (!import.meta.env.DEV) return dexie;
  // Dev builds only: schema checks and validation catch mismatches with the shared schemas early; they are
  // loaded lazily so production bundles do not carry Ajv or the dev-mode error texts.
  const [devMode, ajv] = await Promise.all([import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv')]);
  devMode.disableWarnings();
  addRxPlugin(devMode.RxDBDevModePlugin);
  return ajv.wrappedValidateAjvStorage({ storage: dexie });
}

async function create(): Promise<CatalogueDb> {
  const storage = await createStorage();
  const open = async (): Promise<CatalogueDb> => {
    // multiInstance (the default) lets tabs share one IndexedDB: changes written by the leader tab's
    // replication reach every tab's queries, and only the leader replicates.
    const db = await createRxDatabase<CatalogueCollections>({ name: DB_NAME, storage, multiInstance: true });
    try {
      await db.addCollections({
        clinics: clinicsCollection,
        specialties: { schema: specialtySchema },
        towns: { schema: townSchema },
        tickets: { schema: ticketSchema },
      });
    } catch (err) {
      await db.close();
      throw err;
    }
    return db;
  };
  try {
    return await open();
  } catch (err) {
    // DB6: a shared schema changed without a migration. The catalogue is a read-only cache of the server, so
    // dropping it and pulling again is always correct and simpler than writing migrations.
    if (!isRxErrorCode(err, 'DB6')) throw err;
    await removeRxDatabase(DB_NAME, storage);
    // The saved search index described the dropped documents.
    await deleteIndexSnapshot().catch(() => undefined);
    return open();
  }
}

function isRxErrorCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === code;
}

/** Drops the clinics collection (documents and replication checkpoints) and creates it empty again. */
export async function recreateClinics(db: CatalogueDb): Promise<void> {
  await db.clinics.remove();
  await db.addCollections({ clinics: clinicsCollection });
}

let opening: Promise<CatalogueDb> | undefined;

/** The one database of this tab, opened on first use. */
export function openCatalogueDb(): Promise<CatalogueDb> {
  opening ??= create();
  return opening;
}
