import { describe, expect, it } from 'vitest';
import type { Clinic, Specialty, Town } from '@poisklinik/shared';
import { createClinicIndex } from './clinic-search.adapter';

const town: Town = {
  id: 'kaluga',
  name: 'Калуга',
  location: { lat: 54.51367, lon: 36.26134 },
  timezone: 'Europe/Moscow',
  districts: [],
  updatedAt: '2026-11-30T00:00:00.000Z',
};
const specialties: Specialty[] = [];

function clinic(id: string, rated?: { rating: number; reviewCount: number }): Clinic {
  return {
    id,
    name: `Клиника ${id}`,
    address: 'Калуга, ул. Ленина, 1',
    location: { lat: 54.51, lon: 36.26 },
    townId: 'kaluga',
    districtId: '',
    phone: '',
    site: '',
    ownership: 'state',
    roundTheClock: true,
    hours: [],
    specialties: [],
    updatedAt: '2026-11-30T08:00:00.000Z',
    ...rated,
  };
}

function idsWithRatingAtLeast(index: ReturnType<typeof createClinicIndex>, minRating: number): string[] {
  const result = index.search({ minRating, sort: 'distance' });
  return result
    .slice(0, result.total)
    .map((h) => h.id)
    .sort();
}

describe('rating filter on the synced clinic rating', () => {
  it('keeps only clinics whose server-maintained rating reaches the minimum; unrated clinics drop out', () => {
    const index = createClinicIndex([town], specialties);
    index.upsert(clinic('a', { rating: 4.6, reviewCount: 12 }));
    index.upsert(clinic('b', { rating: 3.9, reviewCount: 3 }));
    index.upsert(clinic('c'));

    expect(idsWithRatingAtLeast(index, 4)).toEqual(['a']);
    expect(idsWithRatingAtLeast(index, 3)).toEqual(['a', 'b']);
    expect(index.search({ sort: 'distance' }).total).toBe(3);
    expect(index.facets().rated).toBe(true);
  });

  it('follows a rating the server changed after new reviews (the catalogue pull upserts the clinic again)', () => {
    const index = createClinicIndex([town], specialties);
    index.upsert(clinic('c'));
    expect(idsWithRatingAtLeast(index, 4)).toEqual([]);

    index.upsert(clinic('c', { rating: 5, reviewCount: 1 }));
    expect(idsWithRatingAtLeast(index, 4)).toEqual(['c']);

    index.upsert(clinic('c', { rating: 3, reviewCount: 2 }));
    expect(idsWithRatingAtLeast(index, 4)).toEqual([]);
  });

  it('offers the rating filter only once some clinic on the device is rated', () => {
    const index = createClinicIndex([town], specialties);
    index.upsert(clinic('c'));
    index.tidy();
    expect(index.facets().rated).toBe(false);
  });
});
