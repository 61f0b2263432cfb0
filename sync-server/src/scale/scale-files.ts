// Writing a generated dataset in the demo dataset's format (one JSON array per collection, entities without the
// server-maintained `updatedAt`), and loading such a folder into a store through the demo importer.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueCollections } from '@poisklinik/shared';
import { repoRoot } from '../config';
import { importDemoData, type ImportProgress, type ImportSummary } from '../catalogue/demo-import.service';
import { createSchemaValidator } from '../catalogue/schema-validator';
import type { Store } from '../store/store.types';
import type { ScaleDataset } from './clinic-generator';

export const DEFAULT_SCALE_DIR = join(repoRoot, '.data', 'scale');
/** The generated clinics reuse the demo's specialties: Order 1061 is the same whatever the catalogue's size. */
export const DEMO_SPECIALTIES_FILE = join(repoRoot, 'sync-server', 'demo-data', 'specialties.json');

export class InvalidScaleDataError extends Error {
  override readonly name = 'InvalidScaleDataError';
}

/**
 * Checks every entity against the shared schemas (as the importer would, with its placeholder `updatedAt`), so
 * a generator bug fails at generation, naming the entity, instead of at load time or in a client's RxDB.
 */
export function validateScaleDataset(dataset: ScaleDataset): void {
  const validator = createSchemaValidator();
  const updatedAt = new Date(0).toISOString();
  const problems: string[] = [];
  for (const collection of ['towns', 'clinics'] as const) {
    for (const entity of dataset[collection]) {
      const result = validator.validate(collection, { ...entity, updatedAt });
      if (!result.ok) problems.push(`${collection} ${entity.id}: ${result.errors.join('; ')}`);
      if (problems.length >= 20) break;
    }
  }
  if (problems.length > 0) throw new InvalidScaleDataError(`generated data is invalid:\n  ${problems.join('\n  ')}`);
}

/**
 * Towns pretty-printed like the demo files; clinics one per line, because 100k pretty-printed clinics would
 * triple the file for no reader's benefit, while one per line still diffs and greps well.
 */
export async function writeScaleDataset(dir: string, dataset: ScaleDataset): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = catalogueCollections.map((c) => join(dir, `${c}.json`));
  await writeFile(join(dir, 'towns.json'), `${JSON.stringify(dataset.towns, null, 2)}\n`);
  await writeFile(join(dir, 'clinics.json'), `[\n${dataset.clinics.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
  await copyFile(DEMO_SPECIALTIES_FILE, join(dir, 'specialties.json'));
  return files;
}

export type LoadReport = { summary: ImportSummary; docs: number; seconds: number; docsPerSecond: number };

/** Loads a dataset folder into the store with the demo importer's compare-then-write rules (idempotent). */
export async function loadScaleData(
  store: Store,
  dir: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<LoadReport> {
  const started = performance.now();
  const summary = await importDemoData({
    store,
    validator: createSchemaValidator(),
    dir,
    ...(onProgress ? { onProgress } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const docs = Object.values(summary).reduce((n, c) => n + c.created + c.updated + c.unchanged, 0);
  return { summary, docs, seconds, docsPerSecond: Math.round(docs / Math.max(seconds, 1e-3)) };
}
