/** The CouchDB error body every failing `/db` (and API) request answers with. */
export type ErrorBody = { error: string; reason: string };

/**
 * An expected failure with its HTTP status and CouchDB-style body. Services throw it; the error handler sends it
 * as is. Anything else reaching the handler is a bug and becomes a logged 500.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`${statusCode} ${error}: ${reason}`);
    this.name = 'HttpError';
  }

  get body(): ErrorBody {
    return { error: this.error, reason: this.reason };
  }
}

export const badRequest = (reason: string): HttpError => new HttpError(400, 'bad_request', reason);
export const notFound = (reason = 'missing'): HttpError => new HttpError(404, 'not_found', reason);
export const forbidden = (reason: string): HttpError => new HttpError(403, 'forbidden', reason);
