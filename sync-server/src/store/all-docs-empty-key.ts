import type { AllDocsOptions, AllDocsResult } from './store.types';

/**
 * CouchDB treats `""` as a key like any other (it matches nothing: no document id is empty), but PouchDB, and
 * CouchDB-compatible servers built on it, read an empty key as "no key" and answer with every document. Both
 * adapters route `allDocs` through this so an empty key can never widen a query — a read filtered by key must
 * not turn into "everything".
 */
export async function allDocsWithEmptyKeys(
  options: AllDocsOptions,
  query: (options: AllDocsOptions) => Promise<AllDocsResult>,
  docCount: () => Promise<number>,
): Promise<AllDocsResult> {
  if (options.endkey === '' && !options.descending) return { totalRows: await docCount(), offset: 0, rows: [] };
  const keys = options.keys;
  if (!keys?.includes('')) return query(options);
  const found = await query({ ...options, keys: keys.filter((k) => k !== '') });
  const byKey = new Map(found.rows.map((row) => [row.key, row]));
  return { ...found, rows: keys.map((key) => byKey.get(key) ?? { key, error: 'not_found' as const }) };
}
