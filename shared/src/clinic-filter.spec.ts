import { describe, expect, it } from 'vitest';
import type { Clinic } from './clinic.schema';
import { filterByDistance, matchesFilter, normaliseText } from './clinic-filter';

function clinic(over: Partial<Clinic> & Pick<Clinic, 'id' | 'name'>): Clinic {
  return {
    address: 'ул. Ленина, 1',
    location: { lat: 54.5, lon: 36.25 },
    townId: 'kaluga',
    districtId: 'leninsky',
    phone: '',
    site: '',
    ownership: 'state',
    roundTheClock: false,
    hours: [],
    specialties: [],
    updatedAt: '2026-11-30T00:00:00Z',
    ...over,
  };
}

const near = clinic({ id: 'a', name: 'Семёновская поликлиника', location: { lat: 54.514, lon: 36.262 } });
const mid = clinic({
  id: 'b',
  name: 'Клиника Здоровья',
  ownership: 'commercial',
  districtId: 'moskovsky',
  location: { lat: 54.53, lon: 36.27 },
  specialties: [{ code: '31.08.26', schedule: [] }],
});
const far = clinic({ id: 'c', name: 'Дежурная больница', roundTheClock: true, location: { lat: 54.6, lon: 36.4 } });
const otherTown = clinic({
  id: 'd',
  name: 'Ярославская',
  townId: 'yaroslavl',
  districtId: 'leninsky',
  location: { lat: 57.62655, lon: 39.89381 },
});
const all = [far, otherTown, mid, near];
const origin = { lat: 54.51367, lon: 36.26134 };

describe('filterByDistance', () => {
  it('sorts nearest first', () => {
    expect(filterByDistance(all, {}, origin).map((h) => h.clinic.id)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('combines town, ownership, specialty and round-the-clock filters', () => {
    expect(
      filterByDistance(all, { townId: 'kaluga', ownership: 'commercial' }, origin).map((h) => h.clinic.id),
    ).toEqual(['b']);
    expect(filterByDistance(all, { specialtyCode: '31.08.26' }, origin).map((h) => h.clinic.id)).toEqual(['b']);
    expect(filterByDistance(all, { roundTheClockOnly: true }, origin).map((h) => h.clinic.id)).toEqual(['c']);
  });
  it('scopes the district to the town', () => {
    // "leninsky" exists in both towns; with Kaluga chosen the Yaroslavl clinic must not appear.
    expect(filterByDistance(all, { townId: 'kaluga', districtId: 'leninsky' }, origin).map((h) => h.clinic.id)).toEqual(
      ['a', 'c'],
    );
  });
});

describe('text search', () => {
  it('is case-insensitive and folds ё', () => {
    expect(normaliseText('  СемЁновская   ПОЛИКЛИНИКА ')).toBe('семеновская поликлиника');
    expect(matchesFilter(near, { text: 'семеновская' })).toBe(true);
    expect(matchesFilter(near, { text: 'поликл сем' })).toBe(true);
    expect(matchesFilter(near, { text: 'здоровья' })).toBe(false);
  });
  it('searches the address too', () => {
    expect(matchesFilter(mid, { text: 'ленина' })).toBe(true);
  });
});
