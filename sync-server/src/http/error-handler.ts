import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { HttpError, type ErrorBody } from './http-error';
import { validationReason } from './request-validation';

/** Fastify's own 4xx codes (parsers, limits, routing) mapped to CouchDB error names. */
const fastifyCodes: Record<string, { status: number; error: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 400, error: 'bad_request' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, error: 'bad_content_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, error: 'bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'bad_request' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'bad_request' },
};

function toResponse(err: unknown): { status: number; body: ErrorBody } | undefined {
  if (err instanceof HttpError) return { status: err.statusCode, body: err.body };
  const e = err as Partial<FastifyError> & { status?: number; validation?: ErrorObject[] };
  if (e.code === 'FST_ERR_VALIDATION' && Array.isArray(e.validation)) {
    return { status: 400, body: { error: 'bad_request', reason: validationReason(e.validation, e.validationContext) } };
  }
  const mapped = e.code ? fastifyCodes[e.code] : undefined;
  if (mapped) return { status: mapped.status, body: { error: mapped.error, reason: e.message ?? mapped.error } };
  // Other client errors from Fastify or a backend (bad JSON, CouchDB's own 4xx) keep their status; a 5xx is ours.
  const status = e.statusCode ?? e.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      body: { error: status === 404 ? 'not_found' : 'bad_request', reason: e.message ?? 'bad request' },
    };
  }
  return undefined;
}

/**
 * Every error leaves as JSON `{error, reason}`. Client mistakes keep their 4xx and are not logged as errors;
 * anything unexpected is logged with its stack and answered with an opaque 500 so internals never leak.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const known = toResponse(err);
    if (known) {
      request.log.debug({ status: known.status, reason: known.body.reason }, 'request rejected');
      const retryAfter = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.code(known.status).type('application/json').send(known.body);
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .type('application/json')
      .send({ error: 'internal_server_error', reason: 'Internal server error' } satisfies ErrorBody);
  });
}

/**
 * Router-level refusals (an undecodable URL, a path parameter past `maxParamLength`) bypass `setErrorHandler`;
 * Fastify's default body names the internal code and echoes the path. This answers them like every other error.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  const reason = status === 414 ? 'The URL is too long.' : 'The URL is malformed.';
  void reply
    .code(status)
    .type('application/json')
    .send({ error: 'bad_request', reason } satisfies ErrorBody);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, bytes that are not HTTP) are
 * answered on the raw socket; the body is still `{error, reason}` so no client meets a second error shape.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, text, reason] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'The request took too long to arrive.']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
        : [400, 'Bad Request', 'The request is not valid HTTP.'];
  const error = status === 408 ? 'request_timeout' : 'bad_request';
  const body = JSON.stringify({ error, reason } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
