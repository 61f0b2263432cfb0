import { describe, expect, it } from 'vitest';
import { distanceMetres, type GeoPoint } from '../geo';
import { coversLocalTime, localTimeIn, type LocalTime } from '../opening-hours';
import { randomInt, randomPick, seededRandom, type Random } from '../random';
import { fixtureSpecialties } from './search-fixtures';
import { buildSearchIndex, type SearchIndex } from './search-index';
import { restoreSearchIndex, serializeSearchIndex } from './search-serialize';
import type { ClinicLike, SearchHit, SearchQuery } from './search-types';
import { generateSyntheticCatalogue } from './synthetic-catalogue';

const { towns, clinics } = generateSyntheticCatalogue(7, 5000, fixtureSpecialties);
const zoneOf = new Map(towns.map((t) => [t.id, t.timezone]));
const WORDS = [
  'поликлиника', 'поликл', 'стом', 'стоматологическая', 'зубной', 'детская', 'детский врач', 'клиника улыбка',
  'городская поликлиника', 'узи', 'анализы', 'лаборатория', 'поликлинника', 'стамотология', 'кардиолог', 'п', 'м',
  'ул', 'медицинский центр', 'травмпункт', 'женская консультация', 'окулист', 'центр', 'здоровье',
]; // prettier-ignore

function randomQuery(rnd: Random): SearchQuery {
  const town = rnd() < 0.3 ? randomPick(rnd, towns) : undefined;
  const origin: GeoPoint | undefined = rnd() < 0.8 ? { lat: 43 + rnd() * 25, lon: 28 + rnd() * 130 } : undefined;
  return {
    ...(rnd() < 0.6 ? { text: randomPick(rnd, WORDS) } : {}),
    ...(town ? { townId: town.id } : {}),
    ...(town && town.districts.length > 0 && rnd() < 0.5 ? { districtId: randomPick(rnd, town.districts).id } : {}),
    ...(rnd() < 0.2 ? { ownership: rnd() < 0.5 ? ('state' as const) : ('commercial' as const) } : {}),
    ...(rnd() < 0.1 ? { roundTheClockOnly: true } : {}),
    ...(rnd() < 0.2 ? { specialtyCode: randomPick(rnd, fixtureSpecialties).id } : {}),
    ...(rnd() < 0.2 ? { minRating: 3 + rnd() * 2 } : {}),
    ...(rnd() < 0.2 ? { openAt: new Date(Date.UTC(2026, 10, 30) + rnd() * 7 * 86_400_000) } : {}),
    ...(origin ? { origin } : {}),
    sort: rnd() < 0.5 ? 'distance' : 'relevance',
    limit: randomInt(rnd, 1, 60),
  };
}

/** Independent reference for text-free queries: plain filtering of the clinic objects and a full sort. */
function bruteForce(all: readonly ClinicLike[], q: SearchQuery): { id: string; distance: number }[] {
  const localTimes = new Map<string, LocalTime>();
  const isOpen = (c: ClinicLike, at: Date): boolean => {
    const zone = zoneOf.get(c.townId) ?? 'Europe/Moscow';
    let t = localTimes.get(zone);
    if (!t) localTimes.set(zone, (t = localTimeIn(zone, at)));
    return c.roundTheClock || coversLocalTime(c.hours, t);
  };
  const rows = all
    .map((c, order) => ({ c, order }))
    .filter(({ c }) => {
      if (q.townId && c.townId !== q.townId) return false;
      if (q.townId && q.districtId && c.districtId !== q.districtId) return false;
      if (q.ownership && c.ownership !== q.ownership) return false;
      if (q.roundTheClockOnly && !c.roundTheClock) return false;
      if (q.minRating !== undefined && !((c.rating ?? NaN) >= q.minRating)) return false;
      if (q.specialtyCode && !c.specialties.some((s) => s.code === q.specialtyCode)) return false;
      if (q.openAt && !isOpen(c, q.openAt)) return false;
      return true;
    })
    .map(({ c, order }) => ({ id: c.id, order, distance: q.origin ? distanceMetres(q.origin, c.location) : NaN }));
  if (q.origin) rows.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return rows.map(({ id, distance }) => ({ id, distance }));
}

const strip = (hits: readonly SearchHit[]) => hits.map((h) => ({ id: h.id, distance: h.distance, score: h.score }));

/** Index of the first pair out of the declared order, or -1 (one assertion per query keeps the test fast). */
function firstDisorder(hits: readonly SearchHit[], sort: SearchQuery['sort']): number {
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1]!;
    const b = hits[i]!;
    const dd = Number.isNaN(a.distance) ? 0 : b.distance - a.distance;
    const ok =
      sort === 'distance'
        ? dd > 1e-6 || (dd > -1e-6 && b.score <= a.score)
        : b.score < a.score || (b.score === a.score && dd > -1e-6);
    if (!ok) return i;
  }
  return -1;
}

function checkAgainstReference(index: SearchIndex, all: readonly ClinicLike[], q: SearchQuery): void {
  const r = index.search(q);
  const full = r.slice(0, r.total);
  expect(full).toHaveLength(r.total);
  // The bounded heap must select exactly the head of the full sort.
  expect(r.hits).toEqual(full.slice(0, q.limit));
  expect(firstDisorder(full, q.sort)).toBe(-1);
  if (q.text === undefined) {
    const ref = bruteForce(all, q);
    expect(r.total).toBe(ref.length);
    if (q.origin) {
      expect(r.hits.map((h) => h.id)).toEqual(ref.slice(0, q.limit).map((x) => x.id));
      const worst = Math.max(0, ...r.hits.map((h, i) => Math.abs(h.distance - ref[i]!.distance)));
      expect(worst).toBeLessThan(1e-3);
    } else {
      expect(new Set(full.map((h) => h.id))).toEqual(new Set(ref.map((x) => x.id)));
    }
  }
}

describe('search index against brute force (5,000 seeded clinics)', () => {
  const index = buildSearchIndex({ clinics, specialties: fixtureSpecialties, towns });
  const queries = Array.from({ length: 300 }, (_, i) => randomQuery(seededRandom(1000 + i)));

  it('selects top-K exactly as a full sort, and matches a plain filter-and-sort reference', () => {
    for (const q of queries) checkAgainstReference(index, clinics, q);
  }, 60_000);

  it('restores from serialised data (through structured clone) with identical results', () => {
    const restored = restoreSearchIndex(structuredClone(serializeSearchIndex(index)));
    expect(restored.size).toBe(index.size);
    for (const q of queries) {
      const a = index.search(q);
      const b = restored.search(q);
      expect(b.total).toBe(a.total);
      expect(b.hits).toEqual(a.hits);
    }
  }, 60_000);

  it('applies upserts and removals without a rebuild, and compacts to the same results', () => {
    const live = buildSearchIndex({ clinics, specialties: fixtureSpecialties, towns });
    const rnd = seededRandom(99);
    const current = new Map(clinics.map((c) => [c.id, c]));
    for (let i = 0; i < 60; i++) {
      const c = randomPick(rnd, clinics);
      if (rnd() < 0.4) {
        live.remove(c.id);
        current.delete(c.id);
      } else {
        const moved: ClinicLike = {
          ...c,
          name: `Клиника Звездочет ${i}`,
          location: { lat: c.location.lat + 0.01, lon: c.location.lon },
          roundTheClock: rnd() < 0.5,
          rating: 4.5,
        };
        live.upsert(moved);
        current.set(c.id, moved);
      }
    }
    live.upsert({ ...clinics[0]!, id: 'brand-new', name: 'Новейшая клиника Звездочет', townId: 'town-new' });
    current.set('brand-new', {
      ...clinics[0]!,
      id: 'brand-new',
      name: 'Новейшая клиника Звездочет',
      townId: 'town-new',
    });
    expect(live.size).toBe(current.size);
    const now = [...current.values()];
    const starry = now.filter((c) => c.name.includes('Звездочет')).map((c) => c.id);
    const found = live.search({ text: 'звездочет', sort: 'relevance', limit: 1000 });
    expect(new Set(found.hits.map((h) => h.id))).toEqual(new Set(starry));
    expect(live.search({ townId: 'town-new', sort: 'distance', limit: 5 }).hits.map((h) => h.id)).toEqual([
      'brand-new',
    ]);
    // Text-free queries over the changed catalogue still agree with the reference (order: base, then overlay).
    const textFree = queries.filter((q) => q.text === undefined && q.origin);
    for (const q of textFree) checkAgainstReference(live, now, q);

    const before = queries.map((q) => strip(live.search(q).hits));
    const restored = restoreSearchIndex(serializeSearchIndex(live));
    live.compact();
    expect(live.pendingChanges).toBe(0);
    queries.forEach((q, i) => {
      expect(strip(live.search(q).hits)).toEqual(before[i]);
      expect(strip(restored.search(q).hits)).toEqual(before[i]);
    });
  }, 60_000);
});
