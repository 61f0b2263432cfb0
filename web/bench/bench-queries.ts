import type { GeoPoint } from '@poisklinik/shared';

/** What a bench query may set; mirrors the engine's SearchQuery minus the parts fixed per run. */
export type BenchQuery = {
  text?: string;
  townId?: string;
  ownership?: 'state' | 'commercial';
  roundTheClockOnly?: boolean;
  specialtyCode?: string;
  openNow?: boolean;
};

/** Moscow, Tverskaya: the densest part of the generated country, so distance sorting has the most to do. */
export const BENCH_ORIGIN: GeoPoint = { lat: 55.7606, lon: 37.6091 };

/** Every prefix of a word or phrase, as the field holds it while someone types. */
function typed(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)).filter((t) => t.trim().length > 0);
}

/**
 * The as-you-type workload: people typing clinic kinds, specialties in everyday words, a typo and an address,
 * each keystroke alone and with the filters people combine with it.
 */
export function asYouTypeQueries(): BenchQuery[] {
  const phrases = ['стоматология', 'детская поликлиника', 'зубной', 'глазной', 'женская консультация', 'кардиолог'];
  const texts = [...phrases.flatMap(typed), 'поликлинника', 'ул ленина', 'травмпункт'];
  const filters: BenchQuery[] = [
    {},
    { townId: 'moskva' },
    { ownership: 'commercial' },
    { openNow: true },
    { roundTheClockOnly: true },
  ];
  const queries: BenchQuery[] = [];
  texts.forEach((text, i) => queries.push({ text, ...filters[i % filters.length] }));
  // No text at all: the list on opening the app, and with each filter alone.
  for (const f of filters) queries.push({ ...f });
  return queries;
}

/** A smaller set for the RxDB comparison: each RxDB query scans IndexedDB, so hundreds would take minutes. */
export function comparisonQueries(): BenchQuery[] {
  return [
    { text: 'стом' },
    { text: 'поликлиника' },
    { text: 'детская', townId: 'moskva' },
    { text: 'центр', ownership: 'commercial' },
    {},
    { townId: 'moskva' },
    { roundTheClockOnly: true },
    { text: 'клиника', openNow: true },
  ];
}
