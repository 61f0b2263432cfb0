import { describe, expect, it } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { clinicSchema, type Clinic } from '@poisklinik/shared';
import { clinicMigrations } from './catalogue.db';

addRxPlugin(RxDBMigrationSchemaPlugin);

/** The clinic schema as version 0 had it: no `slotMinutes`, no `rating` / `reviewCount`. */
function versionZero(): RxJsonSchema<Omit<Clinic, 'rating' | 'reviewCount'>> {
  const { slotMinutes: _s, ...specialtyProps } = clinicSchema.properties.specialties.items.properties;
  const { rating: _r, reviewCount: _c, ...clinicProps } = clinicSchema.properties;
  return {
    ...clinicSchema,
    version: 0,
    properties: {
      ...clinicProps,
      specialties: {
        ...clinicSchema.properties.specialties,
        items: { ...clinicSchema.properties.specialties.items, properties: specialtyProps },
      },
    },
  };
}

const clinic: Clinic = {
  id: 'c1',
  name: 'Поликлиника №1',
  address: 'Калуга, ул. Ленина, 1',
  location: { lat: 54.51, lon: 36.26 },
  townId: 'kaluga',
  districtId: '',
  phone: '',
  site: '',
  ownership: 'state',
  roundTheClock: false,
  hours: [{ day: 1, from: '08:00', to: '20:00' }],
  specialties: [{ code: '31.08.49', schedule: [{ day: 1, from: '08:00', to: '12:00' }] }],
  updatedAt: '2026-11-30T08:00:00.000Z',
};

describe('clinic schema migration on the device', () => {
  it('keeps the clinics stored under version 0 (through 1 and 2) when the app opens with the current schema', async () => {
    const storage = getRxStorageMemory();
    const name = `migration-${Date.now()}`;
    const old = await createRxDatabase({ name, storage });
    await old.addCollections({ clinics: { schema: versionZero() } });
    await old.collections.clinics?.insert(clinic);
    await old.close();

    const db = await createRxDatabase<{ clinics: RxCollection<Clinic> }>({ name, storage });
    await db.addCollections({ clinics: { schema: clinicSchema, migrationStrategies: clinicMigrations } });
    const found = await db.clinics.findOne('c1').exec();
    expect(found?.toJSON()).toMatchObject({ id: 'c1', name: 'Поликлиника №1' });
    expect(clinicSchema.version).toBe(2);
    await db.remove();
  });
});
