// Both backends answer in CouchDB's wire shapes (PouchDB mimics them), typed `any` by their libraries. Everything
// crosses into the store interface through these parsers, so a malformed answer fails loudly here instead of
// leaking `any` (or `undefined` where a `_rev` should be) into the sync logic.
import type { AllDocsRow, ChangeRow, ChangesResult, Seq, StoredDoc } from './store.types';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSeq(value: unknown): value is Seq {
  return typeof value === 'string' || typeof value === 'number';
}

export class MalformedResponseError extends Error {
  constructor(what: string) {
    super(`Malformed store response: ${what}`);
    this.name = 'MalformedResponseError';
  }
}

function stringField(record: JsonRecord, field: string, what: string): string {
  const value = record[field];
  if (typeof value !== 'string') throw new MalformedResponseError(`${what} without string ${field}`);
  return value;
}

export function toStoredDoc(value: unknown): StoredDoc {
  if (!isRecord(value)) throw new MalformedResponseError('document is not an object');
  const _id = stringField(value, '_id', 'document');
  const _rev = stringField(value, '_rev', 'document');
  return { ...value, _id, _rev };
}

function toRevList(value: unknown): { rev: string }[] {
  if (!Array.isArray(value)) throw new MalformedResponseError('change without changes list');
  return value.map((entry: unknown) => {
    if (!isRecord(entry)) throw new MalformedResponseError('change entry is not an object');
    return { rev: stringField(entry, 'rev', 'change entry') };
  });
}

export function toChangeRow(value: unknown): ChangeRow {
  if (!isRecord(value)) throw new MalformedResponseError('change row is not an object');
  const seq = value['seq'];
  if (!isSeq(seq)) throw new MalformedResponseError('change row without seq');
  const row: ChangeRow = { seq, id: stringField(value, 'id', 'change row'), changes: toRevList(value['changes']) };
  if (value['deleted'] === true) row.deleted = true;
  if (isRecord(value['doc'])) row.doc = toStoredDoc(value['doc']);
  return row;
}

export function toChangesResult(value: unknown): ChangesResult {
  if (!isRecord(value) || !Array.isArray(value['results'])) throw new MalformedResponseError('changes without results');
  const lastSeq = value['last_seq'];
  if (!isSeq(lastSeq)) throw new MalformedResponseError('changes without last_seq');
  const result: ChangesResult = { results: value['results'].map(toChangeRow), lastSeq };
  if (typeof value['pending'] === 'number') result.pending = value['pending'];
  return result;
}

export function toAllDocsRow(value: unknown): AllDocsRow {
  if (!isRecord(value)) throw new MalformedResponseError('all_docs row is not an object');
  const key = stringField(value, 'key', 'all_docs row');
  if (typeof value['error'] === 'string') return { key, error: 'not_found' };
  const rowValue = value['value'];
  if (!isRecord(rowValue)) throw new MalformedResponseError('all_docs row without value');
  const row: AllDocsRow = {
    id: stringField(value, 'id', 'all_docs row'),
    key,
    value: { rev: stringField(rowValue, 'rev', 'all_docs value') },
  };
  if (rowValue['deleted'] === true) row.value.deleted = true;
  // `doc: null` is meaningful (deleted doc asked by key), so keep null apart from "not asked for".
  if ('doc' in value) row.doc = value['doc'] === null || value['doc'] === undefined ? null : toStoredDoc(value['doc']);
  return row;
}

export function numberField(record: JsonRecord, field: string, what: string): number {
  const value = record[field];
  if (typeof value !== 'number') throw new MalformedResponseError(`${what} without numeric ${field}`);
  return value;
}

/**
 * Drops undefined fields. PouchDB tests options with `'startkey' in opts` and URLSearchParams turns undefined into the
 * string "undefined", so an option the caller left out must be absent, not undefined.
 */
export function withoutUndefined<T extends object>(value: T): T {
  const copy = { ...value };
  for (const [key, field] of Object.entries(copy)) if (field === undefined) Reflect.deleteProperty(copy, key);
  return copy;
}
