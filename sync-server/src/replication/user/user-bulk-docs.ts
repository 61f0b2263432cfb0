// RxDB's push to a per-user collection: `POST /db/<c>/_bulk_docs` with `{docs}`. Each document the user owns goes
// to the collection's write handler, which alone knows the collection's rules; the answer is CouchDB's.
import { isOwnedDocId, type UserCollection } from '@poisklinik/shared';
import { badRequest } from '../../http/http-error';
import type { NewDoc, StoredDoc, WriteResult } from '../../store/store.types';
import { objectBody } from '../replication-params';

/**
 * Applies one pushed document the user owns (`ProfileWritePort` for `profiles`). A refusal may carry the server's
 * document (`doc`): it goes into the answer row, where RxDB ignores it and other clients can read the outcome.
 */
export type UserWriteHandler = {
  applyClientWrite(userId: string, doc: NewDoc): Promise<WriteResult | (WriteResult & { doc?: StoredDoc })>;
};
export type UserWriteHandlers = { readonly [C in UserCollection]: UserWriteHandler };

/** CouchDB's `_bulk_docs` answer rows: errors carry no `ok`. */
export type BulkDocsRow =
  { ok: true; id: string; rev: string } | { id: string; error: string; reason: string; doc?: StoredDoc };

/** A push is one user's handful of edits; RxDB sends at most its push batch size at once. */
const MAX_PUSH_DOCS = 1000;

const FOREIGN_REASON = 'This document belongs to another user (or has no id): you can only write your own.';

/**
 * The pushed documents. `new_edits: false` (replicating revisions as they are, what PouchDB/CouchDB replicators
 * send) is refused: only RxDB-style pushes are accepted, because the server — not the client — decides revisions,
 * so a device cannot plant a revision tree that makes its copy win.
 */
export function bulkDocsRequest(body: unknown): Record<string, unknown>[] {
  const request = objectBody(body, '_bulk_docs');
  const newEdits = request['new_edits'];
  if (newEdits === false) {
    throw badRequest('new_edits=false is not accepted: push edits (RxDB style) and let the server assign revisions.');
  }
  if (newEdits !== undefined && newEdits !== true) throw badRequest('new_edits must be true or false');
  const docs = request['docs'];
  if (!Array.isArray(docs)) throw badRequest('_bulk_docs needs {"docs": [...]}');
  if (docs.length > MAX_PUSH_DOCS) throw badRequest(`_bulk_docs takes at most ${MAX_PUSH_DOCS} documents at once`);
  // Every row checked before any is applied, so a malformed push is refused whole rather than half stored.
  return docs.map((doc) => objectBody(doc, 'a _bulk_docs document'));
}

function toRow(result: WriteResult & { doc?: StoredDoc }): BulkDocsRow {
  if (result.ok) return { ok: true, id: result.id, rev: result.rev };
  const row: BulkDocsRow = { id: result.id, error: result.error, reason: result.reason };
  if (result.doc) row.doc = result.doc;
  return row;
}

/**
 * Results in request order. Documents are applied one after another, so two edits of the same document in one
 * push meet as an ordinary revision conflict rather than racing.
 */
export async function pushOwnedDocs(
  handler: UserWriteHandler,
  userId: string,
  docs: Record<string, unknown>[],
): Promise<BulkDocsRow[]> {
  const rows: BulkDocsRow[] = [];
  for (const doc of docs) {
    const id = doc['_id'];
    if (typeof id !== 'string' || !isOwnedDocId(userId, id)) {
      rows.push({ id: typeof id === 'string' ? id : '', error: 'forbidden', reason: FOREIGN_REASON });
      continue;
    }
    rows.push(toRow(await handler.applyClientWrite(userId, { ...doc, _id: id })));
  }
  return rows;
}
