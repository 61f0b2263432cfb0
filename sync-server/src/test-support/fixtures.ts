// A tiny catalogue for tests: small enough to reason about row by row, shaped exactly like the real demo data.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type DatasetEntity = { id: string } & Record<string, unknown>;
export type Dataset = { towns: DatasetEntity[]; specialties: DatasetEntity[]; clinics: DatasetEntity[] };

const week = [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' }));

export function clinicFixture(id: string, name: string, overrides: Record<string, unknown> = {}): DatasetEntity {
  return {
    id,
    name,
    address: `ул. Тестовая, д. ${id.length}, г. Калуга`,
    location: { lat: 54.51, lon: 36.26 },
    townId: 'kaluga',
    districtId: 'leninsky',
    phone: '+74842000000',
    site: '',
    ownership: 'state',
    roundTheClock: false,
    hours: week,
    specialties: [{ code: '31.08.26', schedule: week }],
    ...overrides,
  };
}

export function datasetFixture(): Dataset {
  return {
    towns: [
      {
        id: 'kaluga',
        name: 'Калуга',
        region: 'Калужская область',
        location: { lat: 54.51367, lon: 36.26134 },
        timezone: 'Europe/Moscow',
        districts: [{ id: 'leninsky', name: 'Ленинский', location: { lat: 54.5, lon: 36.23 } }],
      },
    ],
    specialties: [
      { id: '31.08.26', name: 'Аллергология и иммунология', doctorTitle: 'Врач-аллерголог-иммунолог' },
      { id: '31.08.49', name: 'Терапия', doctorTitle: 'Врач-терапевт' },
    ],
    clinics: [
      clinicFixture('clinic-a', 'Поликлиника № 1'),
      clinicFixture('clinic-b', 'Клиника «Здоровье»', { ownership: 'commercial', roundTheClock: true }),
      clinicFixture('clinic-c', 'Детская больница'),
    ],
  };
}

export async function writeDataset(dir: string, dataset: Partial<Dataset>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, entities] of Object.entries(dataset)) {
    await writeFile(join(dir, `${name}.json`), JSON.stringify(entities, null, 2));
  }
}
