import specialtiesJson from '../../../sync-server/demo-data/specialties.json';
import type { Specialty } from '../specialty.schema';
import type { Town } from '../town.schema';
import type { ClinicLike } from './search-types';

/** Test fixtures: the real Order 1061 list and two towns seven time zones apart with a same-named district. */
export const fixtureSpecialties: Specialty[] = specialtiesJson.map((s) => ({
  ...s,
  updatedAt: '2026-11-30T00:00:00Z',
}));

const district = (id: string, name: string) => ({ id, name, location: { lat: 0, lon: 0 } });

export const fixtureTowns: Town[] = [
  {
    id: 'kaluga',
    name: 'Калуга',
    location: { lat: 54.51367, lon: 36.26134 },
    timezone: 'Europe/Moscow',
    districts: [district('leninsky', 'Ленинский'), district('moskovsky', 'Московский')],
    updatedAt: '2026-11-30T00:00:00Z',
  },
  {
    id: 'vladivostok',
    name: 'Владивосток',
    location: { lat: 43.1155, lon: 131.8855 },
    timezone: 'Asia/Vladivostok',
    districts: [district('leninsky', 'Ленинский')],
    updatedAt: '2026-11-30T00:00:00Z',
  },
];

const weekdays = (from: string, to: string) => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));

export function fixtureClinic(over: Partial<ClinicLike> & Pick<ClinicLike, 'id' | 'name'>): ClinicLike {
  return {
    address: 'ул. Кирова, д. 1, г. Калуга',
    location: { lat: 54.52, lon: 36.27 },
    townId: 'kaluga',
    districtId: 'leninsky',
    phone: '',
    site: '',
    ownership: 'state',
    roundTheClock: false,
    hours: weekdays('08:00', '20:00'),
    specialties: [],
    ...over,
  };
}

const specs = (...codes: string[]) => codes.map((code) => ({ code, schedule: [] }));

export const fixtureClinics: ClinicLike[] = [
  fixtureClinic({ id: 'dent1', name: 'Стоматологическая поликлиника № 1', specialties: specs('31.08.72', '31.08.73') }),
  fixtureClinic({
    id: 'dent2',
    name: 'Клиника «Улыбка»',
    ownership: 'commercial',
    districtId: 'moskovsky',
    location: { lat: 54.56, lon: 36.25 },
    specialties: specs('31.08.75'),
    rating: 4.8,
  }),
  fixtureClinic({ id: 'eye', name: 'Медицинский центр «Оптика»', specialties: specs('31.08.59'), rating: 4.1 }),
  fixtureClinic({ id: 'kids', name: 'Детская поликлиника № 3', specialties: specs('31.08.19', '31.08.76') }),
  fixtureClinic({ id: 'women', name: 'Центр «Мать и дитя»', specialties: specs('31.08.01') }),
  // Named for the phrase but without the code in its list: found by the literal reading of the phrase.
  fixtureClinic({ id: 'women-named', name: 'Женская консультация № 2' }),
  fixtureClinic({
    id: 'poly5',
    name: 'Поликлиника № 5',
    specialties: specs('31.08.58', '31.08.36', '31.08.49', '31.08.42', '31.08.67', '31.08.68', '31.08.32', '31.08.20'),
  }),
  fixtureClinic({ id: 'lab', name: 'Лаборатория «Анализ»', specialties: specs('31.08.05', '31.08.11', '31.08.09') }),
  fixtureClinic({ id: 'gagarin-name', name: 'Больница имени Гагарина', location: { lat: 54.6, lon: 36.4 } }),
  fixtureClinic({ id: 'gagarin-addr', name: 'Клиника «Мирная»', address: 'ул. Гагарина, д. 10, г. Калуга' }),
  fixtureClinic({ id: 'mernaya', name: 'Клиника «Мерная»', location: { lat: 54.514, lon: 36.262 } }),
  fixtureClinic({
    id: 'night',
    name: 'Ночной травмпункт',
    hours: [{ day: 1, from: '20:00', to: '08:00' }],
    specialties: specs('31.08.66'),
  }),
  fixtureClinic({ id: 'sunday-night', name: 'Дежурный кабинет', hours: [{ day: 7, from: '22:00', to: '06:00' }] }),
  fixtureClinic({ id: 'always', name: 'Станция скорой помощи', roundTheClock: true, hours: [] }),
  fixtureClinic({
    id: 'vlad',
    name: 'Поликлиника Владивостока',
    townId: 'vladivostok',
    districtId: 'leninsky',
    address: 'ул. Светланская, д. 1, г. Владивосток',
    location: { lat: 43.12, lon: 131.89 },
    hours: weekdays('09:00', '18:00'),
    specialties: specs('31.08.72'),
  }),
];
