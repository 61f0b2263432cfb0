// `_bulk_docs` answers are normalised to one result per request document, in request order, on every backend:
// callers (replication endpoints, import) zip results with their input, and a misaligned zip would report the wrong
// document as written. CouchDB keeps request order, PouchDB-based servers may not, and with `new_edits: false`
// both only report failures.
import type { NewDoc, WriteError, WriteResult } from './store.types';

/** One backend row, already reduced to plain fields (`error` is CouchDB's error name, e.g. `conflict`). */
export type RawWriteRow = { id?: string; rev?: string; ok?: boolean; error?: string; reason?: string };

function writeError(id: string, error: string, reason: string): WriteError {
  return { ok: false, id, error, reason };
}

function toResult(doc: NewDoc, row: RawWriteRow | undefined): WriteResult {
  if (!row) return writeError(doc._id, 'unknown_error', 'The backend returned no result for this document');
  if (row.error !== undefined) return writeError(doc._id, row.error, row.reason ?? row.error);
  if (typeof row.rev !== 'string') return writeError(doc._id, 'unknown_error', 'The backend returned no revision');
  return { ok: true, id: doc._id, rev: row.rev };
}

/** Groups rows per id, keeping their relative order, so duplicate ids in one request still pair up in order. */
function rowsById(rows: RawWriteRow[]): Map<string, RawWriteRow[]> {
  const byId = new Map<string, RawWriteRow[]>();
  for (const row of rows) {
    if (row.id === undefined) continue;
    const list = byId.get(row.id);
    if (list) list.push(row);
    else byId.set(row.id, [row]);
  }
  return byId;
}

function takeReplicatedError(byId: Map<string, RawWriteRow[]>, doc: NewDoc): RawWriteRow | undefined {
  const rows = byId.get(doc._id);
  if (!rows) return undefined;
  // An error row may carry the rev it refused; prefer that pairing when a batch holds several revs of one id.
  const index = rows.findIndex((row) => row.rev === undefined || row.rev === doc._rev);
  return index === -1 ? undefined : rows.splice(index, 1)[0];
}

/**
 * Writes `docs` through `send` and returns results in request order.
 * With `newEdits: false` (replication) a document is stored under its given `_rev`, so a document without `_rev` is
 * refused up front instead of letting the backend reject the whole batch; silence from the backend means success.
 */
export async function bulkDocsInOrder(
  docs: NewDoc[],
  newEdits: boolean,
  send: (docs: NewDoc[]) => Promise<RawWriteRow[]>,
): Promise<WriteResult[]> {
  if (docs.length === 0) return [];
  if (newEdits) {
    const byId = rowsById(await send(docs));
    return docs.map((doc) => toResult(doc, byId.get(doc._id)?.shift()));
  }
  const sendable = docs.filter((doc) => typeof doc._rev === 'string');
  const byId = rowsById(sendable.length > 0 ? await send(sendable) : []);
  return docs.map((doc): WriteResult => {
    if (typeof doc._rev !== 'string') return writeError(doc._id, 'bad_request', 'new_edits: false needs a _rev');
    const failure = takeReplicatedError(byId, doc);
    return failure ? toResult(doc, failure) : { ok: true, id: doc._id, rev: doc._rev };
  });
}
