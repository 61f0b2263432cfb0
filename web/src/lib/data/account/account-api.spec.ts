import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, toResult } from './account-api';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('account API answers', () => {
  it('passes a session through', async () => {
    const info = { user: { id: 'u1' }, expiresAt: '2026-12-30T00:00:00Z' };
    expect(await toResult(json(200, info))).toEqual({ kind: 'ok', value: info });
    expect(await toResult(new Response(null, { status: 204 }))).toEqual({ kind: 'ok', value: undefined });
  });

  it('keeps the server error code and field', async () => {
    const body = { error: 'email_taken', reason: 'An account with this email exists.', field: 'email' };
    expect(await toResult(json(409, body))).toEqual({
      kind: 'refused',
      status: 409,
      error: 'email_taken',
      field: 'email',
    });
  });

  it('does not trust codes it does not know, nor bodies that are not JSON', async () => {
    expect(await toResult(json(400, { error: 'something_new', reason: '?' }))).toMatchObject({ error: 'unknown' });
    expect(await toResult(new Response('<html>', { status: 401 }))).toMatchObject({ error: 'unauthorized' });
  });

  it('reads Retry-After in seconds or as a date', async () => {
    expect(await toResult(json(429, { error: 'too_many_requests' }, { 'retry-after': '42' }))).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 42,
    });
    const now = Date.parse('2026-11-30T09:00:00Z');
    expect(retryAfterSeconds('Mon, 30 Nov 2026 09:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds(null)).toBe(60);
  });
});
