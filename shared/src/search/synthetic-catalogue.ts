import type { WeeklyInterval } from '../clinic.schema';
import { randomInt, randomPick, seededRandom, type Random } from '../random';
import type { Specialty } from '../specialty.schema';
import type { Town } from '../town.schema';
import type { ClinicLike } from './search-types';

/**
 * A reproducible country-sized catalogue for tests and benchmarks: towns across the Russian time zones, clinics
 * with realistic name patterns, thousands of distinct street names (a real vocabulary is mostly streets), hours
 * including night shifts, specialties and ratings. Same seed, same catalogue, in Node and in browsers.
 */
const ZONES = [
  'Europe/Moscow', 'Europe/Moscow', 'Europe/Moscow', 'Europe/Moscow', 'Europe/Kaliningrad', 'Europe/Samara',
  'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Yakutsk',
  'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka',
]; // prettier-ignore
const SYLLABLES = [
  'ка',
  'ло',
  'ми',
  'ре',
  'ва',
  'ту',
  'зо',
  'ни',
  'бе',
  'ро',
  'са',
  'ле',
  'да',
  'мо',
  'вер',
  'гор',
  'лин',
  'сав',
  'пет',
  'мар',
];
const BRANDS = [
  'Здоровье', 'Улыбка', 'Медлайн', 'Доктор Плюс', 'Семейный доктор', 'Альфа', 'Гармония', 'Витамед', 'Панацея',
  'Асклепий', 'Дента', 'Эксперт', 'Норма', 'Вита', 'Сфера', 'Премьер', 'Надежда', 'Лидер', 'Авиценна', 'Смайл',
]; // prettier-ignore
const STOMATOLOGY = ['31.08.72', '31.08.73', '31.08.74', '31.08.75', '31.08.76', '31.08.77'];
type Kind = { readonly name: string; readonly specs: readonly string[]; readonly extra: number };
const KINDS: readonly Kind[] = [
  { name: 'Городская поликлиника № {n}', specs: ['31.08.49', '31.08.67', '31.08.42', '31.08.59'], extra: 15 },
  { name: 'Стоматологическая поликлиника № {n}', specs: STOMATOLOGY, extra: 0 },
  { name: 'Стоматологическая клиника «{b}»', specs: STOMATOLOGY.slice(0, 4), extra: 0 },
  { name: 'Детская городская поликлиника № {n}', specs: ['31.08.19', '31.08.76', '31.08.16'], extra: 6 },
  { name: 'Центральная районная больница', specs: ['31.08.49', '31.08.67', '31.08.48'], extra: 20 },
  { name: 'Медицинский центр «{b}»', specs: [], extra: 8 },
  { name: 'Клиника «{b}»', specs: [], extra: 5 },
  { name: 'Женская консультация № {n}', specs: ['31.08.01'], extra: 1 },
  { name: 'Диагностический центр «{b}»', specs: ['31.08.11', '31.08.09', '31.08.05'], extra: 2 },
  { name: 'Офтальмологическая клиника «{b}»', specs: ['31.08.59'], extra: 0 },
  { name: 'Травматологический пункт', specs: ['31.08.66'], extra: 0 },
  { name: 'Лаборатория «{b}»', specs: ['31.08.05'], extra: 0 },
];

function word(rnd: Random, min: number, max: number): string {
  let w = '';
  for (let i = randomInt(rnd, min, max); i > 0; i--) w += randomPick(rnd, SYLLABLES);
  return w;
}
const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

function hoursOf(rnd: Random): WeeklyInterval[] {
  const r = rnd();
  const days = [1, 2, 3, 4, 5];
  if (r < 0.15) return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '20:00', to: '08:00' })); // night shifts
  const weekday = days.map((day) => ({ day, from: r < 0.6 ? '08:00' : '09:00', to: r < 0.6 ? '20:00' : '18:00' }));
  return r < 0.8 ? [...weekday, { day: 6, from: '09:00', to: '15:00' }] : weekday;
}

export function generateSyntheticCatalogue(
  seed: number,
  clinicCount: number,
  specialties: readonly Pick<Specialty, 'id'>[],
): { readonly towns: Town[]; readonly clinics: ClinicLike[] } {
  const rnd = seededRandom(seed);
  const townCount = Math.max(1, Math.min(400, Math.round(clinicCount / 250)));
  const towns: Town[] = Array.from({ length: townCount }, (_, t) => ({
    id: `town-${t}`,
    name: capital(word(rnd, 2, 4)) + randomPick(rnd, ['ск', 'во', 'ов', 'ино', 'град']),
    region: '',
    location: { lat: 43 + rnd() * 25, lon: 28 + rnd() * 130 },
    timezone: randomPick(rnd, ZONES),
    districts: Array.from({ length: randomInt(rnd, 0, 5) }, (_, d) => ({
      id: `d${d}`,
      name: capital(word(rnd, 2, 3)) + 'ский',
      location: { lat: 0, lon: 0 },
    })),
    updatedAt: '2026-11-30T00:00:00Z',
  }));
  const streets = Array.from({ length: Math.max(50, Math.round(clinicCount / 20)) }, () => capital(word(rnd, 2, 4)));
  const codes = specialties.map((s) => s.id);
  const clinics: ClinicLike[] = [];
  for (let i = 0; i < clinicCount; i++) {
    const town = randomPick(rnd, towns);
    const kind = randomPick(rnd, KINDS);
    const district = town.districts.length > 0 && rnd() < 0.8 ? randomPick(rnd, town.districts).id : '';
    const specs = new Set(kind.specs.filter((c) => codes.includes(c)));
    for (let k = randomInt(rnd, 0, kind.extra); k > 0 && codes.length > 0; k--) specs.add(randomPick(rnd, codes));
    const roundTheClock = rnd() < 0.08;
    const rating = rnd() < 0.7 ? Math.round(30 + rnd() * 20) / 10 : undefined;
    clinics.push({
      id: `c${i}`,
      name: kind.name.replace('{n}', String(randomInt(rnd, 1, 40))).replace('{b}', randomPick(rnd, BRANDS)),
      address: `${randomPick(rnd, ['ул.', 'пр-т', 'пер.'])} ${randomPick(rnd, streets)}, д. ${randomInt(rnd, 1, 150)}, г. ${town.name}`,
      location: { lat: town.location.lat + (rnd() - 0.5) * 0.2, lon: town.location.lon + (rnd() - 0.5) * 0.3 },
      townId: town.id,
      districtId: district,
      phone: '',
      site: '',
      ownership: rnd() < 0.6 ? 'state' : 'commercial',
      roundTheClock,
      hours: roundTheClock ? [] : hoursOf(rnd),
      specialties: [...specs].map((code) => ({ code, schedule: [] })),
      ...(rating === undefined ? {} : { rating }),
    });
  }
  return { towns, clinics };
}
