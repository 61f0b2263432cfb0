import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueCollections } from '@poisklinik/shared';
import type { Store } from '../store/store.types';
import { repoRoot } from '../config';
import { clinicFixture, datasetFixture, writeDataset } from '../test-support/fixtures';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { DemoDataError, importDemoData } from './demo-import.service';
import { createSchemaValidator } from './schema-validator';

/** Every document's id → rev and updatedAt, plus each database's update seq: what a restart must not change. */
async function snapshot(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const c of catalogueCollections) {
    const db = await store.database(c);
    const all = await db.allDocs({ includeDocs: true });
    const info = await db.info();
    out[c] = {
      updateSeq: info.updateSeq,
      docCount: info.docCount,
      docs: all.rows.map((r) => ('id' in r ? [r.id, r.value.rev, r.doc?.['updatedAt']] : r)),
    };
  }
  return out;
}

describe('demo data import', { timeout: 30_000 }, () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('imports every entity as a wire doc with updatedAt, and a restart rewrites nothing', async () => {
    env = await createTestEnv();
    const first = await env.start();
    expect(first.importSummary).toEqual({
      towns: { created: 1, updated: 0, unchanged: 0 },
      specialties: { created: 2, updated: 0, unchanged: 0 },
      clinics: { created: 3, updated: 0, unchanged: 0 },
    });
    const clinic = await (await first.store.database('clinics')).get('clinic-a');
    expect(clinic).toMatchObject({ _id: 'clinic-a', name: 'Поликлиника № 1', townId: 'kaluga' });
    expect(clinic).not.toHaveProperty('id');
    expect(Date.parse(String(clinic?.['updatedAt']))).not.toBeNaN();
    const before = await snapshot(first.store);
    await first.close();

    const second = await env.start();
    expect(second.importSummary?.clinics).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot(second.store)).toEqual(before);
  });

  it('updates exactly the entry that changed in the dataset', async () => {
    env = await createTestEnv();
    const first = await env.start();
    const before = await snapshot(first.store);
    await first.close();

    const changed = datasetFixture();
    changed.clinics[1] = clinicFixture('clinic-b', 'Клиника «Здоровье плюс»', {
      ownership: 'commercial',
      roundTheClock: true,
    });
    await writeDataset(env.demoDataDir, changed);
    const second = await env.start();
    expect(second.importSummary?.clinics).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const after = await snapshot(second.store);

    expect(after['towns']).toEqual(before['towns']);
    expect(after['specialties']).toEqual(before['specialties']);
    const docsBefore = (before['clinics'] as { docs: [string, string, string][] }).docs;
    const docsAfter = (after['clinics'] as { docs: [string, string, string][] }).docs;
    expect(docsAfter.filter(([id]) => id !== 'clinic-b')).toEqual(docsBefore.filter(([id]) => id !== 'clinic-b'));
    const b = docsAfter.find(([id]) => id === 'clinic-b');
    expect(b?.[1]).toMatch(/^2-/);
    const stored = await (await second.store.database('clinics')).get('clinic-b');
    expect(stored?.['name']).toBe('Клиника «Здоровье плюс»');
  });

  it('validates the whole dataset first: one bad entity aborts the import and writes nothing', async () => {
    const bad = datasetFixture();
    bad.clinics.push(clinicFixture('clinic-d', '', { phone: '8-800' }));
    env = await createTestEnv(bad);
    await expect(env.start()).rejects.toThrow(DemoDataError);
    await expect(env.start()).rejects.toThrow(/clinics\.json is invalid[\s\S]*clinic-d/);

    // The failed starts left no documents behind.
    const ok = await env.start({ importDemoData: false });
    for (const c of catalogueCollections) expect((await (await ok.store.database(c)).info()).docCount).toBe(0);
  });

  it('rejects duplicate ids and non-array files', async () => {
    const dup = datasetFixture();
    dup.towns.push({ ...dup.towns[0]!, name: 'Другая' });
    env = await createTestEnv(dup);
    await expect(env.start()).rejects.toThrow(/duplicate id kaluga/);
    await writeDataset(env.demoDataDir, { towns: { id: 'x' } as never });
    await expect(env.start()).rejects.toThrow(/expected a JSON array/);
  });

  it('skips a collection whose file is missing and imports the others', async () => {
    const { clinics: _c, ...partial } = datasetFixture();
    env = await createTestEnv(partial);
    const server = await env.start();
    expect(Object.keys(server.importSummary ?? {}).sort()).toEqual(['specialties', 'towns']);
  });

  it('accepts the project demo dataset as shipped', async () => {
    env = await createTestEnv({});
    const server = await env.start({ importDemoData: false });
    const dir = join(repoRoot, 'sync-server/demo-data');
    const summary = await importDemoData({ store: server.store, validator: createSchemaValidator(), dir });
    for (const c of catalogueCollections) {
      const expected = (JSON.parse(await readFile(join(dir, `${c}.json`), 'utf8')) as unknown[]).length;
      expect(summary[c]?.created).toBe(expected);
      expect((await (await server.store.database(c)).info()).docCount).toBe(expected);
    }
  });
});
