import type { StoreDatabase } from '../store/store.types';

const PAGE = 500;

export type ClinicRef = { id: string; townId: string; districtId: string; specialtyCodes: string[] };

function refOf(doc: Record<string, unknown> & { _id: string }): ClinicRef {
  const specialties = Array.isArray(doc['specialties']) ? (doc['specialties'] as { code?: unknown }[]) : [];
  return {
    id: doc._id,
    townId: typeof doc['townId'] === 'string' ? doc['townId'] : '',
    districtId: typeof doc['districtId'] === 'string' ? doc['districtId'] : '',
    specialtyCodes: specialties.flatMap((s) => (typeof s.code === 'string' ? [s.code] : [])),
  };
}

/**
 * Clinics that match `uses`, read page by page (memory bounded by the page, not the catalogue). A whole scan:
 * deleting a town or specialty is a rare admin act, so no index is kept for it.
 */
export async function clinicsUsing(
  clinics: Pick<StoreDatabase, 'allDocs'>,
  uses: (clinic: ClinicRef) => boolean,
  limit = 5,
): Promise<{ count: number; examples: string[] }> {
  let count = 0;
  const examples: string[] = [];
  let startkey: string | undefined;
  for (;;) {
    const page = await clinics.allDocs({
      includeDocs: true,
      limit: PAGE,
      ...(startkey === undefined ? {} : { startkey, skip: 1 }),
    });
    for (const row of page.rows) {
      if (!('doc' in row) || !row.doc || row.id.startsWith('_design/')) continue;
      const ref = refOf(row.doc);
      if (!uses(ref)) continue;
      count += 1;
      if (examples.length < limit) examples.push(ref.id);
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < PAGE) return { count, examples };
    startkey = last.key;
  }
}
