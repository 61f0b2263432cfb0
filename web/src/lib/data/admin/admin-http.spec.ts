import { describe, expect, it } from 'vitest';
import { toAdminResult, withQuery } from './admin-http';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('admin API answers', () => {
  it('passes a value through', async () => {
    expect(await toAdminResult(json(202, { id: 'run-1' }))).toEqual({ kind: 'ok', value: { id: 'run-1' } });
  });

  it('keeps the server error and reason so the dashboard can show why', async () => {
    expect(await toAdminResult(json(409, { error: 'in_use', reason: '3 clinics use this town.' }))).toEqual({
      kind: 'refused',
      status: 409,
      error: 'in_use',
      reason: '3 clinics use this town.',
    });
  });

  it('a body that is not JSON still yields the status', async () => {
    expect(await toAdminResult(new Response('<html>', { status: 401, statusText: 'Unauthorized' }))).toEqual({
      kind: 'refused',
      status: 401,
      error: 'unauthorized',
      reason: 'Unauthorized',
    });
  });
});

describe('query strings', () => {
  it('leaves out empty parameters and encodes the rest', () => {
    expect(withQuery('/api/admin/users', { email: '', limit: 50 })).toBe('/api/admin/users?limit=50');
    expect(withQuery('/api/admin/bookings', { q: 'Иван +7', status: undefined })).toBe(
      '/api/admin/bookings?q=%D0%98%D0%B2%D0%B0%D0%BD+%2B7',
    );
    expect(withQuery('/api/admin/mail', {})).toBe('/api/admin/mail');
  });
});
