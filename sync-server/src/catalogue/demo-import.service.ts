import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogueCollections, toWireDoc, type CatalogueCollection } from '@poisklinik/shared';
import type { NewDoc, Store, StoreDatabase, StoredDoc } from '../store/store.types';
import type { SchemaValidator } from './schema-validator';
import { editedClinicIds } from '../clinic-management/clinic-managers.store';
import { jsonEqual } from './stable-equal';

export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ImportSummary = Partial<Record<CatalogueCollection, ImportCounts>>;
export type ImportProgress = { collection: CatalogueCollection; done: number; total: number; written: number };

/**
 * Documents compared and written per round trip. Large catalogues (the 100k-clinic scale set) must not build one
 * giant `_all_docs`/`_bulk_docs` request; ~1000 keeps each request a few MB while round trips stay few.
 */
export const IMPORT_BATCH_SIZE = 1000;

export type DemoImportDeps = {
  store: Store;
  validator: SchemaValidator;
  /** Folder holding `<collection>.json` for each catalogue collection. */
  dir: string;
  now?: () => Date;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Documents per compare-then-write round (default IMPORT_BATCH_SIZE). */
  batchSize?: number;
  /** Called after each batch (progress output of the scale loader). */
  onProgress?: (progress: ImportProgress) => void;
};

export class DemoDataError extends Error {
  override readonly name = 'DemoDataError';
}

type Entity = { id: string } & Record<string, unknown>;

// Fields the server maintains itself; they never count as a change of the dataset.
const volatileFields = ['_rev', '_revisions', '_conflicts', 'updatedAt', 'rating', 'reviewCount'] as const;
/** Server-owned fields a re-import keeps from the stored document (a clinic's rating comes from its reviews). */
const keptFields = ['rating', 'reviewCount'] as const;

function keptFrom(stored: StoredDoc): Record<string, unknown> {
  return Object.fromEntries(keptFields.flatMap((f) => (stored[f] === undefined ? [] : [[f, stored[f]]])));
}

function withoutVolatile(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const f of volatileFields) delete copy[f];
  return copy;
}

async function readDataset(dir: string, collection: CatalogueCollection): Promise<unknown[] | undefined> {
  const file = join(dir, `${collection}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (err) {
    throw new DemoDataError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new DemoDataError(`${file}: expected a JSON array of ${collection}`);
  return parsed as unknown[];
}

/** Validates a whole file before anything is written, so a bad dataset never leaves a half-imported catalogue. */
function validateDataset(
  collection: CatalogueCollection,
  items: unknown[],
  validator: SchemaValidator,
  updatedAt: string,
): Entity[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const entities = items.map((item, i) => {
    // The dataset has no `updatedAt` (the server owns it); a placeholder lets the full schema be checked.
    const candidate = typeof item === 'object' && item !== null ? { ...item, updatedAt } : item;
    const result = validator.validate(collection, candidate);
    const id = (candidate as Partial<Entity> | null)?.id;
    if (!result.ok) problems.push(`#${i} (${String(id)}): ${result.errors.join('; ')}`);
    else if (typeof id === 'string' && seen.has(id)) problems.push(`#${i}: duplicate id ${id}`);
    if (typeof id === 'string') seen.add(id);
    return candidate as Entity;
  });
  if (problems.length > 0) {
    throw new DemoDataError(`${collection}.json is invalid:\n  ${problems.slice(0, 20).join('\n  ')}`);
  }
  return entities;
}

/**
 * Which of the batch's ids the store may hold, found with one key-range read instead of a lookup per key: a
 * fresh load (the common case for large datasets) then reads no documents at all — per-key lookups were ~40 % of
 * a 100k load. Falls back to every id when the range holds too many other documents to tell.
 */
async function storedIds(db: StoreDatabase, entities: Entity[]): Promise<string[]> {
  const ids = entities.map((e) => e.id);
  // Ids are ASCII (idSchema), so code-unit order is the store's _all_docs (raw) collation.
  const sorted = [...ids].sort();
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (first === undefined || last === undefined) return [];
  const limit = ids.length * 2 + 10;
  const range = await db.allDocs({ startkey: first, endkey: last, limit });
  if (range.rows.length >= limit) return ids;
  const wanted = new Set(ids);
  return range.rows.flatMap((row) => ('id' in row && wanted.has(row.id) ? [row.id] : []));
}

async function importBatch(
  store: Store,
  db: StoreDatabase,
  collection: CatalogueCollection,
  entities: Entity[],
  counts: ImportCounts,
) {
  // Clinics a manager or admin saved or deleted belong to them now: the dataset never overwrites or revives them.
  const edited =
    collection === 'clinics'
      ? await editedClinicIds(
          store,
          entities.map((e) => e.id),
        )
      : new Set();
  const current = await db.allDocs({ keys: await storedIds(db, entities), includeDocs: true });
  const existing = new Map<string, StoredDoc>();
  for (const row of current.rows) {
    if ('id' in row && row.doc && !row.value.deleted) existing.set(row.id, row.doc);
  }

  const writes: NewDoc[] = [];
  for (const entity of entities) {
    const wire: NewDoc = toWireDoc(entity);
    const stored = existing.get(entity.id);
    if (edited.has(entity.id)) {
      counts.unchanged++;
      continue;
    }
    if (stored && jsonEqual(withoutVolatile(stored), withoutVolatile(wire))) {
      counts.unchanged++;
      continue;
    }
    if (stored) counts.updated++;
    else counts.created++;
    writes.push(stored ? { ...wire, ...keptFrom(stored), _rev: stored._rev } : wire);
  }

  if (writes.length > 0) {
    const results = await db.bulkDocs(writes);
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) {
      const first = failed[0];
      throw new DemoDataError(
        `${collection}: ${failed.length} document(s) not written, e.g. ${first ? JSON.stringify(first) : ''}`,
      );
    }
  }
  return writes.length;
}

async function importCollection(
  store: Store,
  collection: CatalogueCollection,
  entities: Entity[],
  options: Pick<DemoImportDeps, 'batchSize' | 'onProgress'>,
): Promise<ImportCounts> {
  const db = await store.database(collection);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const size = Math.max(1, options.batchSize ?? IMPORT_BATCH_SIZE);
  let written = 0;
  for (let start = 0; start < entities.length; start += size) {
    written += await importBatch(store, db, collection, entities.slice(start, start + size), counts);
    const done = Math.min(entities.length, start + size);
    options.onProgress?.({ collection, done, total: entities.length, written });
  }
  return counts;
}

/**
 * Imports the demo catalogue idempotently: a document is written (with `updatedAt` = now) only when it is new or
 * its content differs from the stored one; unchanged documents keep their `_rev` and `updatedAt`, so restarts
 * never bump sequences or make clients re-download anything. A missing file skips its collection; an invalid
 * file aborts the import before any write. Entities removed from the dataset are left alone. Writes go in batches
 * (`batchSize`), so an interrupted import of a large dataset leaves whole batches behind and a rerun finishes it.
 */
export async function importDemoData(deps: DemoImportDeps): Promise<ImportSummary> {
  const updatedAt = (deps.now?.() ?? new Date()).toISOString();
  const datasets = new Map<CatalogueCollection, Entity[]>();
  for (const collection of catalogueCollections) {
    const items = await readDataset(deps.dir, collection);
    if (!items) {
      deps.log?.warn({ collection, dir: deps.dir }, 'demo data file missing, collection not imported');
      continue;
    }
    datasets.set(collection, validateDataset(collection, items, deps.validator, updatedAt));
  }

  const summary: ImportSummary = {};
  for (const [collection, entities] of datasets) {
    summary[collection] = await importCollection(deps.store, collection, entities, deps);
  }
  deps.log?.info({ summary }, 'demo data imported');
  return summary;
}
