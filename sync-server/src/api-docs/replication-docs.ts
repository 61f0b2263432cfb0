// Documentation of the CouchDB-style `/db/` endpoints (the subset RxDB's and PouchDB's replication use). These
// schemas never validate: `http/request-validation.ts` skips `/db/` routes, whose own parsers answer exactly as
// CouchDB does. The same routes serve whole collections, town scopes and a clinic's feeds, hence `Feed`.
import { SYNC_CONTRACT_HEADER, SYNC_CONTRACT_VERSION } from '@poisklinik/shared';
import { errorResponses } from './doc-schemas';

/** Which mount of the replication routes a schema describes. */
export type Feed = 'collection' | 'scope' | 'clinic';

const tags = ['replication'];
const feedNote: Record<Feed, string> = {
  collection:
    'Catalogue collections (clinics, specialties, towns) are public and read-only; per-user collections ' +
    '(profiles, bookings, reviews) need a session and show only the signed-in user’s documents.',
  scope: 'A town scope: only the documents of that town (clinics, tickets) and the whole small collections.',
  clinic: 'One clinic’s feed: its appointment tickets or its published reviews (read-only, public).',
};

const contractHeader = {
  [SYNC_CONTRACT_HEADER]: {
    type: 'integer',
    description: `Version of the sync contract (${SYNC_CONTRACT_VERSION}); a client refuses a server it does not know.`,
  },
};

const bool = { type: 'string', enum: ['true', 'false'] } as const;
const count = { type: 'string', pattern: '^[0-9]+$' } as const;
const jsonValue = { type: 'string', description: 'JSON-encoded, as in CouchDB.' } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;

function ok(description: string, schema: object = anyObject) {
  return { 200: { description, headers: contractHeader, ...schema } };
}

function op(feed: Feed, summary: string, extra: Record<string, unknown> = {}) {
  const { response, ...rest } = extra as { response?: object };
  return {
    summary: `${summary}${feed === 'collection' ? '' : feed === 'scope' ? ' (town scope)' : ' (clinic feed)'}`,
    description: feedNote[feed],
    tags,
    ...rest,
    response: { ...(response ?? ok('CouchDB answer.')), ...errorResponses(400, 401, 403, 404) },
  };
}

const changesQuery = {
  type: 'object',
  properties: {
    since: { type: 'string', description: 'Update sequence to start after (opaque; `0` = from the start).' },
    limit: count,
    feed: { type: 'string', enum: ['normal', 'longpoll'], description: 'longpoll waits for the next change.' },
    timeout: { ...count, description: 'Longest wait of a longpoll in ms (capped by LONGPOLL_TIMEOUT_MS).' },
    heartbeat: { type: 'string', description: 'Accepted (`true` or ms); no newlines are sent.' },
    include_docs: bool,
    style: { type: 'string', enum: ['main_only', 'all_docs'] },
    conflicts: bool,
    filter: { type: 'string', enum: ['_doc_ids'] },
    doc_ids: jsonValue,
  },
} as const;

const allDocsQuery = {
  type: 'object',
  properties: {
    include_docs: bool,
    conflicts: bool,
    key: jsonValue,
    keys: jsonValue,
    startkey: jsonValue,
    endkey: jsonValue,
    start_key: jsonValue,
    end_key: jsonValue,
    inclusive_end: bool,
    descending: bool,
    limit: count,
    skip: count,
  },
} as const;

const changesAnswer = ok('`{results: [{seq, id, changes, doc?, deleted?}], last_seq, pending}`');
const allDocsAnswer = ok('`{total_rows, offset, rows: [{id, key, value: {rev}, doc?}]}`');

/** Route schemas for the replication routes of one mount. */
export function replicationDocs(feed: Feed) {
  return {
    welcome: op(feed, 'Server welcome (CouchDB `GET /`)'),
    allDbs: op(feed, 'The public databases', { response: ok('Names.', { type: 'array', items: { type: 'string' } }) }),
    info: op(feed, 'Database info (update_seq, doc_count)'),
    changes: op(feed, 'Changes feed', { querystring: changesQuery, response: changesAnswer }),
    changesPost: op(feed, 'Changes feed of given documents', {
      querystring: changesQuery,
      body: {
        type: 'object',
        properties: { doc_ids: { type: 'array', items: { type: 'string' } } },
        description: '`doc_ids` with `filter=_doc_ids`.',
      },
      response: changesAnswer,
    }),
    allDocs: op(feed, 'All documents (by key range)', { querystring: allDocsQuery, response: allDocsAnswer }),
    allDocsPost: op(feed, 'All documents (by keys)', {
      querystring: allDocsQuery,
      body: { type: 'object', properties: { keys: { type: 'array', items: { type: 'string' } } } },
      response: allDocsAnswer,
    }),
    bulkGet: op(feed, 'Several documents at given revisions', {
      querystring: { type: 'object', properties: { revs: bool } },
      body: {
        type: 'object',
        properties: {
          docs: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'string' }, rev: { type: 'string' } },
              required: ['id'],
            },
          },
        },
        required: ['docs'],
      },
      response: ok('`{results: [{id, docs: [{ok} | {error}]}]}`'),
    }),
    revsDiff: op(feed, 'Which of the given revisions the server lacks', {
      body: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      response: ok('`{<id>: {missing: [rev]}}`'),
    }),
    localDoc: op(feed, 'Replication checkpoint (always missing: clients keep their own)', {
      response: errorResponses(404),
    }),
    getDoc: op(feed, 'One document', {
      querystring: {
        type: 'object',
        properties: { rev: { type: 'string' }, revs: bool, conflicts: bool, latest: bool, open_revs: jsonValue },
      },
      response: ok('The document (`_id`, `_rev`, fields of its collection’s schema), or `open_revs` rows.'),
    }),
  };
}

/** `POST /db/<userCollection>/_bulk_docs`: the only write the replication surface takes. */
export const bulkDocsDocs = {
  summary: 'Push the signed-in user’s own documents (profiles, bookings, reviews)',
  description:
    'Each row is checked by its collection’s rules; a refused row answers `{id, error, reason}` (a booking that ' +
    'lost its ticket is a `conflict` carrying the stored rejected document). `new_edits: false` is refused.',
  tags,
  body: {
    type: 'object',
    properties: { docs: { type: 'array', items: anyObject }, new_edits: { type: 'boolean' } },
    required: ['docs'],
  },
  response: {
    201: {
      description: 'One row per document: `{ok, id, rev}` or `{id, error, reason}`.',
      type: 'array',
      items: anyObject,
      headers: contractHeader,
    },
    ...errorResponses(400, 401, 403, 404, 405),
  },
};
