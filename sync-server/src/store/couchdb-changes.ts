// The CouchDB changes feed over plain fetch, because nano cannot abort a request through its typed API and the
// long-poll must end on the caller's signal and on its own deadline even when the server ignores `timeout`
// (PouchDB Server and some other CouchDB-compatible servers do).
import type { CouchEndpoint } from './couchdb-http';
import { CouchRequestError } from './couchdb-http';
import type { ChangesOptions, ChangesResult, Seq } from './store.types';
import { isRecord, toChangesResult } from './wire-shapes';

/**
 * Extra time the server gets past the deadline before the client hangs up: a server that honours `timeout` then
 * answers itself, which keeps the keep-alive connection instead of tearing it down on every idle poll.
 */
const CLIENT_GRACE_MS = 500;
/** Node's fetch gives up on a response without headers after 300 s; a long-poll may always answer early. */
const MAX_WAIT_MS = 240_000;

type Query = Record<string, string>;

async function requestChanges(
  endpoint: CouchEndpoint,
  dbName: string,
  query: Query,
  signal?: AbortSignal,
): Promise<ChangesResult> {
  const url = new URL(`${encodeURIComponent(dbName)}/_changes`, endpoint.baseUrl);
  url.search = new URLSearchParams(query).toString();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (endpoint.authorization) headers['authorization'] = endpoint.authorization;
  const response = await fetch(url, { headers, ...(signal ? { signal } : {}) });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = isRecord(body) && typeof body['error'] === 'string' ? body['error'] : 'unknown_error';
    const reason = isRecord(body) && typeof body['reason'] === 'string' ? body['reason'] : response.statusText;
    throw new CouchRequestError(response.status, error, reason);
  }
  return toChangesResult(body);
}

function baseQuery(since: Seq, options: ChangesOptions): Query {
  // Seqs are opaque: sent back exactly as received (a string on CouchDB 2+), never parsed or compared.
  const query: Query = { since: String(since) };
  if (options.limit !== undefined) query['limit'] = String(options.limit);
  if (options.includeDocs) query['include_docs'] = 'true';
  if (options.allLeaves) query['style'] = 'all_docs';
  return query;
}

/**
 * `closing` is the store's own signal (store closed): it ends waits like the caller's signal does. The two are
 * watched separately rather than merged with AbortSignal.any, whose composite signals pile up on a long-lived
 * source signal over days of long-polls.
 */
export async function fetchCouchChanges(
  endpoint: CouchEndpoint,
  dbName: string,
  options: ChangesOptions,
  closing: AbortSignal,
): Promise<ChangesResult> {
  const deadline = Date.now() + Math.min(options.waitMs ?? 0, MAX_WAIT_MS);
  let since: Seq;
  if (options.since === 'now') {
    // Resolve 'now' to a concrete seq first, so an empty answer can still hand back a usable lastSeq.
    since = (await requestChanges(endpoint, dbName, { since: 'now' })).lastSeq;
  } else {
    since = options.since;
  }
  // CouchDB wants an integer timeout.
  const remaining = Math.ceil(deadline - Date.now());
  if (remaining <= 0 || options.signal?.aborted || closing.aborted) {
    return options.since === 'now'
      ? { results: [], lastSeq: since }
      : requestChanges(endpoint, dbName, baseQuery(since, options));
  }
  const controller = new AbortController();
  const hangUp = (): void => controller.abort();
  const timer = setTimeout(hangUp, remaining + CLIENT_GRACE_MS);
  options.signal?.addEventListener('abort', hangUp, { once: true });
  closing.addEventListener('abort', hangUp, { once: true });
  try {
    const query = { ...baseQuery(since, options), feed: 'longpoll', timeout: String(remaining) };
    return await requestChanges(endpoint, dbName, query, controller.signal);
  } catch (error) {
    // We hung up (deadline or caller's abort): nothing arrived after `since`, so `since` is the honest lastSeq and
    // the next poll resumes exactly there without skipping a change.
    if (controller.signal.aborted) return { results: [], lastSeq: since };
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', hangUp);
    closing.removeEventListener('abort', hangUp);
  }
}
