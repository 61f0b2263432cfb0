// Connection details and error handling shared by the CouchDB adapter. Credentials travel only in the
// Authorization header: they are cut out of every URL the adapter keeps, fetches or prints.
import { isRecord } from './wire-shapes';

export type CouchEndpoint = {
  /** Server root without credentials, ending in `/` so database paths resolve below it (also behind a path prefix). */
  readonly baseUrl: URL;
  readonly authorization: string | undefined;
};

export function parseCouchUrl(url: string): CouchEndpoint {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`CouchDB URL must be http(s): ${redactUrl(url)}`);
  }
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const authorization =
    username || password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined;
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return { baseUrl: parsed, authorization };
}

/** The URL with any password replaced, for logs and error messages. Unparseable input is hidden entirely. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid URL>';
  }
}

export type CouchErrorInfo = { status: number | undefined; error: string; reason: string };

/** Reads nano's errors (statusCode + CouchDB's error/reason body fields) and our own alike. */
export function couchErrorInfo(error: unknown): CouchErrorInfo {
  const record = isRecord(error) ? error : {};
  const status = record['statusCode'] ?? record['status'];
  const name = record['error'];
  const reason = record['reason'] ?? record['message'];
  return {
    status: typeof status === 'number' ? status : undefined,
    error: typeof name === 'string' ? name : 'unknown_error',
    reason: typeof reason === 'string' ? reason : String(error),
  };
}

export class CouchRequestError extends Error {
  readonly statusCode: number;
  readonly error: string;
  readonly reason: string;

  constructor(statusCode: number, error: string, reason: string) {
    super(`CouchDB answered ${statusCode} ${error}: ${reason}`);
    this.name = 'CouchRequestError';
    this.statusCode = statusCode;
    this.error = error;
    this.reason = reason;
  }
}
