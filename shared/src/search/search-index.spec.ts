import { describe, expect, it } from 'vitest';
import { fixtureClinic, fixtureClinics, fixtureSpecialties, fixtureTowns } from './search-fixtures';
import { AUTO_COMPACT_MIN, buildSearchIndex } from './search-index';
import { restoreSearchIndex, serializeSearchIndex } from './search-serialize';
import type { SearchQuery } from './search-types';

const index = buildSearchIndex({ clinics: fixtureClinics, specialties: fixtureSpecialties, towns: fixtureTowns });
const origin = { lat: 54.51367, lon: 36.26134 }; // Kaluga centre
const ids = (q: Partial<SearchQuery>): string[] =>
  index.search({ sort: 'relevance', limit: 100, origin, ...q }).hits.map((h) => h.id);
const withCodes = (...codes: string[]): string[] =>
  fixtureClinics.filter((c) => c.specialties.some((s) => codes.includes(s.code))).map((c) => c.id);
const sorted = (a: readonly string[]): string[] => [...a].sort();
const STOMATOLOGY = ['31.08.72', '31.08.73', '31.08.74', '31.08.75', '31.08.76', '31.08.77'];

describe('text search', () => {
  it('finds stomatology clinics for "стоматологическая" (adjective meets the specialty noun)', () => {
    const found = ids({ text: 'стоматологическая' });
    expect(sorted(found)).toEqual(sorted(withCodes(...STOMATOLOGY)));
    expect(found[0]).toBe('dent1'); // the name says it
  });
  it('finds "стоматология" and "стоматологии" alike', () => {
    expect(sorted(ids({ text: 'стоматологии' }))).toEqual(sorted(ids({ text: 'стоматология' })));
  });
  it.each([
    ['зубной', STOMATOLOGY],
    ['дантист', STOMATOLOGY],
    ['глазной', ['31.08.59']],
    ['окулист', ['31.08.59']],
    ['детский врач', ['31.08.19']],
    ['педиатр', ['31.08.19']],
    ['гинеколог', ['31.08.01']],
    ['ухо горло нос', ['31.08.58']],
    ['лор', ['31.08.58']],
    ['кардиолог', ['31.08.36']],
    ['сердце', ['31.08.36', '31.08.13']],
    ['невропатолог', ['31.08.42']],
    ['уролог', ['31.08.68']],
    ['кожный', ['31.08.32']],
    ['психиатр', ['31.08.20', '31.08.21']],
    ['узи', ['31.08.11']],
    ['рентген', ['31.08.09']],
  ])('everyday "%s" finds the clinics of %j', (text, codes) => {
    expect(sorted(ids({ text }))).toEqual(sorted(withCodes(...codes)));
  });
  it('reads a phrase both as its specialty and literally', () => {
    const found = ids({ text: 'женская консультация' });
    expect(sorted(found)).toEqual(sorted([...withCodes('31.08.01'), 'women-named']));
    // A phrase with a noise word has no literal reading: "детский врач" is not every children's clinic.
    expect(ids({ text: 'детский врач' })).not.toContain('women-named');
  });
  it('makes specialty names and doctor titles searchable', () => {
    expect(sorted(ids({ text: 'врач-оториноларинголог' }))).toEqual(['poly5']);
    expect(sorted(ids({ text: 'Ультразвуковая диагностика' }))).toEqual(['lab']);
  });
  it('tolerates typos', () => {
    const poly = fixtureClinics.filter((c) => /поликлиник/i.test(c.name)).map((c) => c.id);
    expect(sorted(ids({ text: 'поликлинника' }))).toEqual(sorted(poly));
    expect(sorted(ids({ text: 'стамотология' }))).toEqual(sorted(withCodes(...STOMATOLOGY)));
  });
  it('completes the word being typed', () => {
    const found = ids({ text: 'стом' });
    expect(found[0]).toBe('dent1');
    expect(found).toEqual(expect.arrayContaining(withCodes(...STOMATOLOGY)));
    expect(ids({ text: 'детская полик' })).toContain('kids');
    // A finished word (trailing space) is not a prefix any more.
    expect(ids({ text: 'стом ' })).toEqual([]);
  });
  it('ranks a name match above an address match, and an exact word above a typo', () => {
    expect(ids({ text: 'гагарина' })).toEqual(['gagarin-name', 'gagarin-addr']);
    expect(ids({ text: 'мирная' })).toEqual(['gagarin-addr', 'mernaya']); // "мерная" is nearer but a typo
  });
  it('requires every word (AND), and ignores noise words like "врач"', () => {
    expect(ids({ text: 'детская стоматология' })).toEqual(['kids']);
    expect(sorted(ids({ text: 'врач кардиолог' }))).toEqual(sorted(ids({ text: 'кардиолог' })));
    expect(ids({ text: 'кардиолог улыбка' })).toEqual([]);
  });
});

describe('filters', () => {
  const all = fixtureClinics.map((c) => c.id);
  it('returns every clinic without text or filters, nearest first', () => {
    const hits = index.search({ sort: 'distance', limit: 100, origin }).hits;
    expect(sorted(hits.map((h) => h.id))).toEqual(sorted(all));
    expect(hits.map((h) => h.distance)).toEqual([...hits.map((h) => h.distance)].sort((a, b) => a - b));
  });
  it('applies each filter alone', () => {
    expect(sorted(ids({ specialtyCode: '31.08.72' }))).toEqual(['dent1', 'vlad']);
    expect(sorted(ids({ townId: 'vladivostok' }))).toEqual(['vlad']);
    expect(sorted(ids({ ownership: 'commercial' }))).toEqual(['dent2']);
    expect(sorted(ids({ ownership: 'state' }))).toEqual(sorted(all.filter((id) => id !== 'dent2')));
    expect(ids({ roundTheClockOnly: true })).toEqual(['always']);
    expect(sorted(ids({ minRating: 4.5 }))).toEqual(['dent2']);
    expect(sorted(ids({ minRating: 4.1 }))).toEqual(['dent2', 'eye']);
  });
  it('scopes the district to the town and ignores a district without a town', () => {
    expect(ids({ townId: 'vladivostok', districtId: 'leninsky' })).toEqual(['vlad']);
    expect(ids({ townId: 'kaluga', districtId: 'moskovsky' })).toEqual(['dent2']);
    expect(ids({ townId: 'kaluga', districtId: 'leninsky' })).not.toContain('vlad');
    expect(ids({ districtId: 'moskovsky' })).toHaveLength(all.length);
  });
  it('returns nothing for unknown towns, districts and specialty codes', () => {
    expect(ids({ townId: 'atlantis' })).toEqual([]);
    expect(ids({ townId: 'kaluga', districtId: 'nowhere' })).toEqual([]);
    expect(ids({ specialtyCode: '99.99.99' })).toEqual([]);
  });
  it('combines filters with text', () => {
    expect(ids({ text: 'стоматология', townId: 'kaluga', ownership: 'commercial', minRating: 4 })).toEqual(['dent2']);
    expect(ids({ text: 'поликлиника', specialtyCode: '31.08.72' })).toEqual(['dent1', 'vlad']);
  });
});

describe('open now', () => {
  const openIds = (at: string): string[] => sorted(ids({ openAt: new Date(at) }));
  it('follows each town time zone at the same instant', () => {
    // Mon 21:30 UTC: Tue 00:30 in Moscow (Monday night shift open), Tue 07:30 in Vladivostok (not yet open).
    expect(openIds('2026-11-30T21:30:00Z')).toEqual(['always', 'night']);
    // Mon 23:30 UTC: Tue 02:30 in Moscow, Tue 09:30 in Vladivostok (open).
    expect(openIds('2026-11-30T23:30:00Z')).toEqual(['always', 'night', 'vlad']);
  });
  it('counts hours across midnight and the week end', () => {
    // Mon 04:59 Moscow: the Monday-night shift has not started, the Sunday-night one still runs.
    expect(openIds('2026-11-30T01:59:00Z')).toContain('sunday-night');
    expect(openIds('2026-11-30T01:59:00Z')).not.toContain('night');
    // Mon 13:00 Moscow: day clinics open, night shifts closed; Vladivostok is at 20:00, closed.
    const noon = openIds('2026-11-30T10:00:00Z');
    expect(noon).toContain('dent1');
    expect(noon).not.toContain('night');
    expect(noon).not.toContain('sunday-night');
    expect(noon).not.toContain('vlad');
  });
});

describe('results', () => {
  it('reports distances in metres and NaN without an origin', () => {
    const [near] = index.search({ sort: 'distance', limit: 1, origin: { lat: 54.514, lon: 36.262 } }).hits;
    expect(near?.id).toBe('mernaya');
    expect(near?.distance).toBeLessThan(1);
    const [any] = index.search({ sort: 'distance', limit: 1 }).hits;
    expect(any?.distance).toBeNaN();
  });
  it('limits hits but counts all, and slices the full order consistently', () => {
    const r = index.search({ sort: 'distance', limit: 3, origin });
    expect(r.total).toBe(fixtureClinics.length);
    expect(r.hits).toHaveLength(3);
    expect(r.slice(0, 3)).toEqual(r.hits);
    const full = r.slice(0, r.total);
    expect(full.slice(0, 3)).toEqual(r.hits);
    expect(r.slice(2, 6)).toEqual(full.slice(2, 6));
  });
  it('resolves ids by slot', () => {
    const [hit] = index.search({ text: 'улыбка', sort: 'relevance', limit: 1 }).hits;
    expect(hit && index.idAt(hit.index)).toBe('dent2');
  });
});

describe('limits', () => {
  it('treats Infinity as all and NaN or negative limits as none', () => {
    expect(index.search({ sort: 'distance', limit: Infinity, origin }).hits).toHaveLength(fixtureClinics.length);
    expect(index.search({ sort: 'distance', limit: NaN, origin }).hits).toHaveLength(0);
    expect(index.search({ sort: 'distance', limit: -5, origin }).hits).toHaveLength(0);
    expect(index.search({ sort: 'distance', limit: -5, origin }).total).toBe(fixtureClinics.length);
  });
});

describe('persistence', () => {
  it('refuses data of another format version (the caller rebuilds instead)', () => {
    const data = serializeSearchIndex(index);
    expect(() => restoreSearchIndex({ ...data, version: data.version + 1 })).toThrow(RangeError);
  });
  it('keeps the column data in typed arrays, ready for IndexedDB', () => {
    const data = serializeSearchIndex(index);
    for (const column of Object.values(data.arrays)) expect(ArrayBuffer.isView(column)).toBe(true);
    expect(restoreSearchIndex(data).search({ text: 'улыбка', sort: 'relevance', limit: 5 }).hits[0]?.id).toBe('dent2');
  });
});

describe('live updates', () => {
  it('compacts on its own once the overlay grows large, keeping every clinic findable', () => {
    const live = buildSearchIndex({ clinics: fixtureClinics, specialties: fixtureSpecialties, towns: fixtureTowns });
    const extra = AUTO_COMPACT_MIN + 50;
    for (let i = 0; i < extra; i++) live.upsert(fixtureClinic({ id: `new-${i}`, name: `Амбулатория ${i}` }));
    live.remove('dent1');
    expect(live.pendingChanges).toBeLessThan(extra);
    expect(live.size).toBe(fixtureClinics.length + extra - 1);
    expect(live.search({ text: 'амбулатория', sort: 'relevance', limit: 1 }).total).toBe(extra);
    expect(live.search({ text: `амбулатория ${extra - 1}`, sort: 'relevance', limit: 5 }).hits[0]?.id).toBe(
      `new-${extra - 1}`,
    );
    expect(
      live.search({ text: 'стоматологическая', sort: 'relevance', limit: 10 }).hits.map((h) => h.id),
    ).not.toContain('dent1');
  });
});
