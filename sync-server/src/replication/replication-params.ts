// Parsing of CouchDB query parameters and JSON bodies. Everything a client sends is untrusted: each parser either
// returns a well-typed value or throws a 400 naming the parameter, so no malformed input reaches the store.
import type { Seq } from '../store/store.types';
import { badRequest } from '../http/http-error';

export type Query = Readonly<Record<string, unknown>>;

/** Bounds that keep one request from asking the store for unbounded work. */
export const MAX_KEYS = 10_000;
const MAX_LIMIT = 1_000_000;
const MAX_ID_LENGTH = 512;
const MAX_SEQ_LENGTH = 1_000;

/** Fastify's query parser turns a repeated parameter into an array; like CouchDB we take the last value. */
function raw(query: Query, name: string): unknown {
  const v = query[name];
  return Array.isArray(v) ? (v as unknown[]).at(-1) : v;
}

export function optionalString(query: Query, name: string, maxLength = MAX_ID_LENGTH): string | undefined {
  const v = raw(query, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > maxLength) throw badRequest(`Invalid ${name}: expected a short string`);
  return v;
}

/** `true`/`false` in a query string, or a real boolean in a JSON body. */
export function optionalBool(query: Query, name: string): boolean | undefined {
  const v = raw(query, name);
  if (v === undefined) return undefined;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw badRequest(`Invalid ${name}: expected true or false`);
}

export function optionalCount(query: Query, name: string, max = MAX_LIMIT): number | undefined {
  const v = raw(query, name);
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > max) throw badRequest(`Invalid ${name}: expected an integer 0…${max}`);
  return n;
}

/** A JSON-encoded query value (CouchDB encodes keys that way), or the value itself when it came in a JSON body. */
function optionalJson(query: Query, name: string, fromBody: boolean): unknown {
  if (fromBody) return query[name];
  const v = raw(query, name);
  if (v === undefined) return v;
  if (typeof v !== 'string') throw badRequest(`Invalid ${name}: expected JSON`);
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw badRequest(`Invalid ${name}: not valid JSON`);
  }
}

export function optionalJsonString(query: Query, name: string, fromBody = false): string | undefined {
  const v = optionalJson(query, name, fromBody);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > MAX_ID_LENGTH) throw badRequest(`Invalid ${name}: expected a JSON string`);
  return v;
}

export function stringList(value: unknown, name: string, max = MAX_KEYS): string[] {
  if (!Array.isArray(value) || value.length > max) throw badRequest(`Invalid ${name}: expected an array of strings`);
  return value.map((k) => {
    if (typeof k !== 'string' || k.length > MAX_ID_LENGTH) throw badRequest(`Invalid ${name}: expected strings`);
    return k;
  });
}

export function optionalJsonStringList(query: Query, name: string, fromBody = false): string[] | undefined {
  const v = optionalJson(query, name, fromBody);
  return v === undefined ? undefined : stringList(v, name);
}

/**
 * `since`: `now`, a number, or an opaque string seq (CouchDB 2+). Digits become a number, because that is what
 * the embedded store hands out and what it compares against.
 */
export function parseSince(query: Query): Seq /* incl. 'now' */ {
  const v = raw(query, 'since');
  if (v === undefined || v === '') return 0;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v !== 'string' || v.length > MAX_SEQ_LENGTH) throw badRequest('Invalid since');
  if (v === 'now') return 'now';
  if (/^\d{1,15}$/.test(v)) return Number(v);
  if (!/^[\x21-\x7e]+$/.test(v)) throw badRequest('Invalid since: unexpected characters');
  return v;
}

/** A request body that must be a JSON object (arrays, strings and nothing at all are rejected). */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`Request body of ${what} must be a JSON object`);
  }
  return body as Record<string, unknown>;
}
