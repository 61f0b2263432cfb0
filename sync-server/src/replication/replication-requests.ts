// Turns CouchDB query strings and bodies into the service's typed requests (HTTP concerns only, no rules).
import { badRequest } from '../http/http-error';
import type { BulkGetRequest } from '../store/store.types';
import type { AllDocsRequest, ChangesRequest, GetDocRequest } from './replication.service';
import {
  MAX_KEYS,
  objectBody,
  optionalBool,
  optionalCount,
  optionalJsonString,
  optionalJsonStringList,
  optionalString,
  parseSince,
  stringList,
  type Query,
} from './replication-params';

const feeds = ['normal', 'longpoll'] as const;
const styles = ['main_only', 'all_docs'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (!found) throw badRequest(`Unsupported ${name}=${value.slice(0, 40)}; supported: ${allowed.join(', ')}`);
  return found;
}

export function changesRequest(query: Query, body: unknown, signal: AbortSignal): ChangesRequest {
  const feed = oneOf(optionalString(query, 'feed'), feeds, 'feed') ?? 'normal';
  const style = oneOf(optionalString(query, 'style'), styles, 'style') ?? 'main_only';
  // Validated so garbage is refused, but not used: answers are short JSON documents ended within the cap,
  // so there is no idle stream to keep alive (RxDB asks for 60 s heartbeats, the cap is 25 s).
  if (optionalString(query, 'heartbeat') !== 'true') optionalCount(query, 'heartbeat');
  if (optionalBool(query, 'descending')) throw badRequest('descending changes are not supported');
  const filter = optionalString(query, 'filter');
  let docIds: string[] | undefined;
  if (filter === '_doc_ids') {
    docIds =
      body !== undefined && body !== null && body !== ''
        ? stringList(objectBody(body, '_changes')['doc_ids'], 'doc_ids')
        : optionalJsonStringList(query, 'doc_ids');
    if (!docIds) throw badRequest('filter=_doc_ids needs doc_ids');
  } else if (filter !== undefined) {
    throw badRequest('Only filter=_doc_ids is supported');
  }
  const limit = optionalCount(query, 'limit');
  const timeoutMs = optionalCount(query, 'timeout', Number.MAX_SAFE_INTEGER);
  return {
    since: parseSince(query),
    feed,
    includeDocs: optionalBool(query, 'include_docs') ?? false,
    allLeaves: style === 'all_docs',
    conflicts: optionalBool(query, 'conflicts') ?? false,
    signal,
    ...(limit !== undefined ? { limit } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(docIds ? { docIds } : {}),
  };
}

/** GET takes JSON-encoded keys in the query; POST may put any option in its body, keys as a plain array. */
export function allDocsRequest(query: Query, postBody?: unknown): AllDocsRequest {
  const body = postBody === undefined ? undefined : objectBody(postBody, '_all_docs');
  const merged: Query = body ? { ...query, ...body } : query;
  const fromBody = (name: string): boolean => body !== undefined && Object.hasOwn(body, name);
  const json = (...names: string[]): string | undefined => {
    for (const name of names) {
      const v = optionalJsonString(merged, name, fromBody(name));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const key = json('key');
  const keys = optionalJsonStringList(merged, 'keys', fromBody('keys'));
  const startkey = json('startkey', 'start_key') ?? key;
  const endkey = json('endkey', 'end_key') ?? key;
  const req: AllDocsRequest = {
    includeDocs: optionalBool(merged, 'include_docs') ?? false,
    conflicts: optionalBool(merged, 'conflicts') ?? false,
  };
  if (keys) req.keys = keys;
  if (startkey !== undefined) req.startkey = startkey;
  if (endkey !== undefined) req.endkey = endkey;
  const inclusiveEnd = optionalBool(merged, 'inclusive_end');
  if (inclusiveEnd !== undefined) req.inclusiveEnd = inclusiveEnd;
  const descending = optionalBool(merged, 'descending');
  if (descending !== undefined) req.descending = descending;
  const limit = optionalCount(merged, 'limit');
  if (limit !== undefined) req.limit = limit;
  const skip = optionalCount(merged, 'skip');
  if (skip !== undefined) req.skip = skip;
  return req;
}

export function getDocRequest(query: Query): GetDocRequest {
  const rev = optionalString(query, 'rev');
  optionalBool(query, 'latest'); // accepted; leaf revisions are what the server returns anyway
  const rawOpenRevs = optionalString(query, 'open_revs', 200_000);
  const req: GetDocRequest = {
    revs: optionalBool(query, 'revs') ?? false,
    conflicts: optionalBool(query, 'conflicts') ?? false,
  };
  if (rev !== undefined) req.rev = rev;
  if (rawOpenRevs === 'all') req.openRevs = 'all';
  else if (rawOpenRevs !== undefined) req.openRevs = optionalJsonStringList(query, 'open_revs') ?? [];
  return req;
}

export function bulkGetRequests(body: unknown): BulkGetRequest[] {
  const docs = objectBody(body, '_bulk_get')['docs'];
  if (!Array.isArray(docs) || docs.length > MAX_KEYS) throw badRequest('_bulk_get needs {"docs": [{"id": …}]}');
  return docs.map((entry: unknown) => {
    const e = objectBody(entry, 'a _bulk_get entry');
    const id = e['id'];
    const rev = e['rev'];
    if (typeof id !== 'string' || id.length === 0 || id.length > 512) throw badRequest('_bulk_get entry without id');
    if (rev !== undefined && typeof rev !== 'string') throw badRequest('_bulk_get entry rev must be a string');
    return rev === undefined ? { id } : { id, rev };
  });
}

export function revsDiffRequest(body: unknown): Record<string, string[]> {
  const entries = Object.entries(objectBody(body, '_revs_diff'));
  let total = 0;
  const parsed = entries.map(([id, revs]): [string, string[]] => {
    const list = stringList(revs, `revisions of ${id.slice(0, 40)}`);
    total += list.length;
    if (total > MAX_KEYS) throw badRequest(`_revs_diff asks for more than ${MAX_KEYS} revisions`);
    return [id, list];
  });
  // fromEntries defines own properties, so ids like "__proto__" or "constructor" stay plain keys.
  return Object.fromEntries(parsed);
}
