// A realistic, deterministic catalogue of N clinics across real Russian towns, for load tests and benchmarks.
// Same (seed, count) → identical entities in identical order, so files generated from them are byte-identical.
import { distanceMetres, type Clinic, type GeoPoint } from '@poisklinik/shared';
import { brands, clinicKinds, crhName, SMALL_TOWN_K, streets, type ClinicKind } from './clinic-kinds.data';
import { openingHours, specialtySchedule } from './clinic-hours';
import { createRandom, type Random } from './seeded-random';
import { buildTowns, offsetKm, type ScaleTown, type TownEntity } from './town-builder';

export type ClinicEntity = Omit<Clinic, 'updatedAt'>;
export type ScaleDataset = { towns: TownEntity[]; clinics: ClinicEntity[] };
export type GenerateOptions = { clinics: number; seed: number };

/** Clinics lie within this distance of their town centre (suburbs included, the next town not). */
export const MAX_SPREAD_KM = 15;
/** A clinic belongs to the nearest district within this distance, else to none (`districtId: ''`). */
const DISTRICT_REACH_KM = 10;

export function clinicId(seed: number, n: number): string {
  return `gen-${seed}-${String(n).padStart(6, '0')}`;
}

/**
 * Clinics per town in proportion to population (largest remainders, so the total is exact). Bigger towns
 * have more clinics per district, not denser rules: the weight is all that differs.
 */
function allocate(towns: readonly ScaleTown[], total: number): number[] {
  const weight = towns.reduce((sum, t) => sum + t.populationK, 0);
  const exact = towns.map((t) => (total * t.populationK) / weight);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

function location(town: ScaleTown, random: Random): GeoPoint {
  const { districts, location: centre } = town.entity;
  const sdKm = 0.8 + Math.sqrt(town.populationK) * 0.06;
  for (let attempt = 0; attempt < 8; attempt++) {
    const nearDistrict = districts.length > 0 && random.chance(0.75);
    const base = nearDistrict ? random.pick(districts).location : centre;
    const sd = nearDistrict ? 1.5 : sdKm;
    const point = offsetKm(base, random.gauss() * sd, random.gauss() * sd);
    if (distanceMetres(point, centre) <= MAX_SPREAD_KM * 1000) return point;
  }
  return offsetKm(centre, random.gauss() * 0.5, random.gauss() * 0.5);
}

function nearestDistrictId(town: ScaleTown, point: GeoPoint): string {
  let best = '';
  let bestM = DISTRICT_REACH_KM * 1000;
  for (const d of town.entity.districts) {
    const m = distanceMetres(point, d.location);
    if (m <= bestM) [best, bestM] = [d.id, m];
  }
  return best;
}

function digits(random: Random, count: number): string {
  let s = String(random.int(2, 7)); // local numbers do not start with 0, 1 or 8 (trunk and service prefixes)
  while (s.length < count) s += String(random.int(0, 9));
  return s;
}

function phone(town: ScaleTown, kind: ClinicKind, random: Random): string {
  if (kind.ownership === 'commercial' && random.chance(0.05)) return `+7800${digits(random, 7)}`;
  if (!town.areaCode || (kind.ownership === 'commercial' && random.chance(0.25))) {
    return `+79${random.int(0, 9)}${random.int(0, 9)}${digits(random, 7)}`;
  }
  return `+7${town.areaCode}${digits(random, 10 - town.areaCode.length)}`;
}

function address(town: ScaleTown, random: Random): string {
  const house = 1 + Math.floor(random.next() ** 2 * 150);
  const suffix = random.chance(0.1) ? `, корп. ${random.int(1, 4)}` : random.chance(0.05) ? 'А' : '';
  return `${random.pick(streets)}, д. ${house}${suffix}, г. ${town.entity.name}`;
}

type Counters = Map<string, number>;

function nextNumber(counters: Counters, key: string): number {
  const n = (counters.get(key) ?? 0) + 1;
  counters.set(key, n);
  return n;
}

function clinic(id: string, town: ScaleTown, counters: Counters, random: Random): ClinicEntity {
  const kind = random.weighted(clinicKinds, (k) => k.share);
  const n = nextNumber(counters, `${town.entity.id}/${kind.id}`);
  const brand = kind.brands ? random.pick(brands[kind.brands]) : undefined;
  // A small town has one central district hospital, not numbered city hospitals.
  const crh = kind.id === 'gb' && town.populationK < SMALL_TOWN_K && n === 1;
  const name = (crh ? crhName : random.pick(kind.names))
    .replace('{n}', String(n))
    .replace('{brand}', brand?.[0] ?? '')
    .replace('{town}', town.entity.name);
  const roundTheClock = random.chance(kind.roundTheClock);
  const hours = roundTheClock ? [] : openingHours(random.pick(kind.hours), random);
  const codes = [
    ...kind.coreSpecialties,
    ...random.sample(kind.extraSpecialties, random.int(kind.extraCount[0], kind.extraCount[1])),
  ].sort();
  // A trauma unit receives injuries at any hour; other round-the-clock clinics see planned patients by day.
  const allDay = kind.id === 'tp';
  const specialties = codes.map((code) => ({ code, schedule: specialtySchedule(hours, random, allDay) }));
  const point = location(town, random);
  let site = '';
  if (random.chance(kind.site)) {
    site = brand ? `https://${brand[1]}-${town.entity.id}.ru/` : `https://${kind.id}${n}-${town.entity.id}.ru/`;
  }
  return {
    id,
    name,
    address: address(town, random),
    location: point,
    townId: town.entity.id,
    districtId: nearestDistrictId(town, point),
    phone: phone(town, kind, random),
    site,
    ownership: kind.ownership,
    roundTheClock,
    hours,
    specialties,
  } satisfies ClinicEntity;
}

export function generateScaleDataset(options: GenerateOptions): ScaleDataset {
  if (!Number.isSafeInteger(options.clinics) || options.clinics < 0) throw new RangeError('clinics must be ≥ 0');
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) throw new RangeError('seed must be an integer ≥ 0');
  const towns = buildTowns();
  const random = createRandom(options.seed);
  // The file order (and with it the store's change feed) interleaves towns, as a real catalogue's edits do, so
  // scoped feeds are exercised over mixed sequences rather than one contiguous block per town.
  const order = allocate(towns, options.clinics).flatMap((count, i) => Array.from({ length: count }, () => i));
  const shuffled = random.sample(order, order.length);
  const counters: Counters = new Map();
  const clinics = shuffled.map((townIndex, n) => {
    const town = towns[townIndex];
    if (!town) throw new Error(`no town #${townIndex}`);
    return clinic(clinicId(options.seed, n + 1), town, counters, random);
  });
  return { towns: towns.map((t) => t.entity), clinics };
}
