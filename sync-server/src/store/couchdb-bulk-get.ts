// `_bulk_get` answers paired back to requests by (id, rev) rather than by position. CouchDB answers one result per
// request in order, but PouchDB-based servers merge requests per id and drop rev-less ones sitting next to revved
// ones; pairing by identity gives the same one-to-one answer on both.
import type { BulkGetRequest, BulkGetResult, StoredDoc } from './store.types';
import { isRecord, MalformedResponseError, toStoredDoc } from './wire-shapes';

type BulkGetEntry = BulkGetResult['docs'][number];

const revKey = (id: string, rev: string): string => `${id}\u0000${rev}`;

/** Requests as sent: revved ones and winner ones go in separate calls, each deduplicated, so neither can shadow the other. */
export function splitBulkGetRequests(requests: BulkGetRequest[]): {
  revved: BulkGetRequest[];
  winners: BulkGetRequest[];
} {
  const revved = new Map<string, BulkGetRequest>();
  const winners = new Map<string, BulkGetRequest>();
  for (const { id, rev } of requests) {
    if (rev === undefined) winners.set(id, { id });
    else revved.set(revKey(id, rev), { id, rev });
  }
  return { revved: [...revved.values()], winners: [...winners.values()] };
}

type IndexedEntries = { byRev: Map<string, BulkGetEntry>; byId: Map<string, BulkGetEntry> };

function toEntry(resultId: string, raw: unknown): { entry: BulkGetEntry; rev: string | undefined } | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw['ok'] !== undefined) {
    const doc: StoredDoc = toStoredDoc(raw['ok']);
    return { entry: { ok: doc }, rev: doc._rev };
  }
  const error = raw['error'];
  if (isRecord(error)) {
    const rev = typeof error['rev'] === 'string' ? error['rev'] : undefined;
    const entry: BulkGetEntry = {
      error: {
        id: typeof error['id'] === 'string' ? error['id'] : resultId,
        rev: rev ?? 'undefined',
        error: typeof error['error'] === 'string' ? error['error'] : 'unknown_error',
        reason: typeof error['reason'] === 'string' ? error['reason'] : 'unknown',
      },
    };
    return { entry, rev };
  }
  // Anything else (PouchDB's `{missing: rev}`, or an error stripped of its details) counts as not found below.
  return undefined;
}

/** Indexes one `_bulk_get` response body by (id, rev) and by id. */
export function indexBulkGetResponse(body: unknown): IndexedEntries {
  if (!isRecord(body) || !Array.isArray(body['results'])) throw new MalformedResponseError('_bulk_get without results');
  const byRev = new Map<string, BulkGetEntry>();
  const byId = new Map<string, BulkGetEntry>();
  for (const result of body['results']) {
    if (!isRecord(result) || typeof result['id'] !== 'string' || !Array.isArray(result['docs'])) continue;
    const id = result['id'];
    for (const raw of result['docs']) {
      const parsed = toEntry(id, raw);
      if (!parsed) continue;
      if (parsed.rev !== undefined) byRev.set(revKey(id, parsed.rev), parsed.entry);
      if (!byId.has(id)) byId.set(id, parsed.entry);
    }
  }
  return { byRev, byId };
}

export function pairBulkGetResults(
  requests: BulkGetRequest[],
  revved: IndexedEntries,
  winners: IndexedEntries,
): BulkGetResult[] {
  return requests.map(({ id, rev }): BulkGetResult => {
    const entry = rev === undefined ? winners.byId.get(id) : revved.byRev.get(revKey(id, rev));
    return {
      id,
      docs: [entry ?? { error: { id, rev: rev ?? 'undefined', error: 'not_found', reason: 'missing' } }],
    };
  });
}
