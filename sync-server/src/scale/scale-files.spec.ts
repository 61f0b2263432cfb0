// Loading a generated dataset through the demo importer into the real embedded store on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../store/create-store';
import type { ImportProgress } from '../catalogue/demo-import.service';
import { generateScaleDataset } from './clinic-generator';
import { loadScaleData, writeScaleDataset } from './scale-files';

const tmp = await mkdtemp(join(tmpdir(), 'poisklinik-load-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('loadScaleData', () => {
  it(
    'loads every entity in batches; a second load rewrites nothing and bumps no sequence',
    { timeout: 60_000 },
    async () => {
      const dir = join(tmp, 'set');
      const dataset = generateScaleDataset({ clinics: 2500, seed: 11 });
      await writeScaleDataset(dir, dataset);
      const store = await createStore({ dataDir: join(tmp, 'data') });
      try {
        const progress: ImportProgress[] = [];
        const first = await loadScaleData(store, dir, (p) => progress.push(p));
        expect(first.summary.clinics).toEqual({ created: 2500, updated: 0, unchanged: 0 });
        expect(first.summary.towns?.created).toBe(dataset.towns.length);
        expect(first.docs).toBe(2500 + dataset.towns.length + 97);
        // 1000-document batches: 1000, 2000, 2500.
        expect(progress.filter((p) => p.collection === 'clinics').map((p) => p.done)).toEqual([1000, 2000, 2500]);

        const clinics = await store.database('clinics');
        expect((await clinics.info()).docCount).toBe(2500);
        const stored = await clinics.get('gen-11-000042');
        expect(stored).toMatchObject({ name: dataset.clinics[41]?.name, townId: dataset.clinics[41]?.townId });
        const seq = (await clinics.info()).updateSeq;

        const second = await loadScaleData(store, dir);
        expect(second.summary.clinics).toEqual({ created: 0, updated: 0, unchanged: 2500 });
        expect((await clinics.info()).updateSeq).toEqual(seq);
      } finally {
        await store.close();
      }
    },
  );
});
