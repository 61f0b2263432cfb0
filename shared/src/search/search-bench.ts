/**
 * Node timing of the search engine at country scale: `npx tsx src/search/search-bench.ts [clinics]`.
 * Prints build, serialise, restore and per-query timings on a seeded synthetic catalogue; asserts nothing
 * (wall-clock numbers depend on the machine). The product budget is measured in Chromium by the web benchmark.
 */
import { fixtureSpecialties } from './search-fixtures';
import { buildSearchIndex } from './search-index';
import { restoreSearchIndex, serializeSearchIndex } from './search-serialize';
import type { SearchQuery } from './search-types';
import { generateSyntheticCatalogue } from './synthetic-catalogue';

const count = Number(process.argv[2] ?? 100_000);

/** Machine-speed reference printed beside the timings (sorting 1M doubles takes ~70 ms on an idle laptop). */
function calibrate(): number {
  const a = new Float64Array(1_000_000);
  let x = 1;
  for (let i = 0; i < a.length; i++) a[i] = x = (x * 16807) % 2147483647;
  const start = performance.now();
  a.sort();
  return performance.now() - start;
}
console.log(`calibration (sort 1M doubles): ${calibrate().toFixed(1)} ms`);
const { towns, clinics } = generateSyntheticCatalogue(42, count, fixtureSpecialties);

/** Wall time and process CPU time (the latter is less distorted on a shared, overloaded machine). */
function time<T>(label: string, fn: () => T): T {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const out = fn();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms cpu`);
  return out;
}

const index = time(`build ${count}`, () => buildSearchIndex({ clinics, specialties: fixtureSpecialties, towns }));
const data = time('serialise', () => serializeSearchIndex(index));
const cloned = time('structuredClone (≈ IndexedDB write/read)', () => structuredClone(data));
const restored = time('restore', () => restoreSearchIndex(cloned));

const texts = [
  '', 'с', 'ст', 'стом', 'стоматологическая', 'зубной', 'поликлиника', 'поликлинника', 'стамотология',
  'детский врач', 'кардиолог', 'городская поликлиника', 'клиника улыбка', 'узи', 'анализы', 'окулист',
  'женская консультация', 'медицинский центр здоровье', 'п', 'м',
]; // prettier-ignore
const origin = { lat: 55.75, lon: 37.6 };
const variants: Partial<SearchQuery>[] = [
  {},
  { townId: 'town-3' },
  { specialtyCode: '31.08.36' },
  { ownership: 'commercial', openAt: new Date('2026-11-30T09:00:00Z') },
  { roundTheClockOnly: true, minRating: 4 },
];
const percentiles = (times: number[]): string => {
  times.sort((a, b) => a - b);
  const at = (p: number): string => (times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0).toFixed(3);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
};
for (const sort of ['distance', 'relevance'] as const) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let rep = 0; rep < 6; rep++) {
    for (const v of variants) {
      for (const text of texts) {
        const start = performance.now();
        const startCpu = process.cpuUsage();
        restored.search({ text, sort, limit: 50, origin, ...v });
        const used = process.cpuUsage(startCpu);
        if (rep === 0) continue; // the first round warms the JIT and the word cache
        wall.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
      }
    }
  }
  console.log(
    `search sort=${sort}, top-50, ${wall.length} queries: wall ${percentiles(wall)}; cpu ${percentiles(cpu)}`,
  );
}
console.log(`calibration (sort 1M doubles): ${calibrate().toFixed(1)} ms`);
for (const text of texts) {
  const start = performance.now();
  const r = restored.search({ text, sort: 'relevance', limit: 50, origin });
  console.log(`  "${text}": ${r.total} hits, ${(performance.now() - start).toFixed(3)} ms`);
}
