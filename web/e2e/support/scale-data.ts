import { toWireDoc, type Clinic, type Town } from '@poisklinik/shared';
import type { SyncServer } from '@poisklinik/sync-server';
// The generator is not part of the server's public API; the e2e imports it directly, as its README suggests.
import { generateScaleDataset } from '../../../sync-server/src/scale/clinic-generator';

const BATCH = 1_000;

/**
 * Adds `count` generated clinics (real Russian towns, deterministic for a seed) to the server's store, beside
 * the demo catalogue, plus the towns they need that the store does not have yet. Returns what was written.
 */
export async function preloadScaleClinics(
  server: SyncServer,
  count: number,
  seed = 7,
): Promise<{ clinics: Clinic[]; towns: Town[] }> {
  const dataset = generateScaleDataset({ clinics: count, seed });
  const updatedAt = new Date().toISOString();
  const townsDb = await server.store.database('towns');
  const existing = new Set((await townsDb.allDocs()).rows.flatMap((r) => ('id' in r ? [r.id] : [])));
  const towns: Town[] = dataset.towns.filter((t) => !existing.has(t.id)).map((t) => ({ ...t, updatedAt }));
  await townsDb.bulkDocs(towns.map((t) => toWireDoc(t)));
  const clinics: Clinic[] = dataset.clinics.map((c) => ({ ...c, updatedAt }));
  const clinicsDb = await server.store.database('clinics');
  for (let i = 0; i < clinics.length; i += BATCH) {
    await clinicsDb.bulkDocs(clinics.slice(i, i + BATCH).map((c) => toWireDoc(c)));
  }
  return { clinics, towns };
}
