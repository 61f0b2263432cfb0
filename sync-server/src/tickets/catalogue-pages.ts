import type { StoreDatabase, StoredDoc } from '../store/store.types';

/**
 * Every live document of a database, a page at a time: memory stays bounded by the page size however many
 * clinics there are. Design documents are skipped.
 */
export async function* documentPages(db: StoreDatabase, pageSize: number): AsyncGenerator<StoredDoc[]> {
  let startkey: string | undefined;
  for (;;) {
    // Resume at the last key seen and skip it: ids are unique, so this neither repeats nor misses a row.
    const page = await db.allDocs({
      includeDocs: true,
      limit: pageSize,
      ...(startkey === undefined ? {} : { startkey, skip: 1 }),
    });
    const docs: StoredDoc[] = [];
    for (const row of page.rows) {
      if ('error' in row || !row.doc || row.id.startsWith('_design/')) continue;
      docs.push(row.doc);
    }
    if (docs.length > 0) yield docs;
    const last = page.rows.at(-1);
    if (!last || page.rows.length < pageSize) return;
    startkey = last.key;
  }
}

/** Town id → IANA time zone. Towns are a few thousand at most, so one map per run is fine. */
export async function townTimeZones(db: StoreDatabase): Promise<Map<string, string>> {
  const zones = new Map<string, string>();
  for await (const page of documentPages(db, 1000)) {
    for (const town of page) {
      if (typeof town.timezone === 'string') zones.set(town._id, town.timezone);
    }
  }
  return zones;
}
