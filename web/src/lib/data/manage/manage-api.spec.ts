import { describe, expect, it } from 'vitest';
import { toManageResult } from './manage-api';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('toManageResult', () => {
  it('a refused field keeps its pointer and reason', async () => {
    const result = await toManageResult(
      json(400, { error: 'invalid_clinic', reason: 'district leninsky is not in town x', field: '/districtId' }),
    );
    expect(result).toEqual({ kind: 'invalid', field: '/districtId', reason: 'district leninsky is not in town x' });
  });

  it('a stale revision is a conflict, a foreign or missing clinic is not found, other refusals keep the status', async () => {
    expect(await toManageResult(json(409, { error: 'conflict', reason: 'stale' }))).toEqual({ kind: 'conflict' });
    expect(await toManageResult(json(404, { error: 'not_found', reason: 'x' }))).toEqual({ kind: 'not-found' });
    expect(await toManageResult(json(403, { error: 'forbidden', reason: 'x' }))).toEqual({
      kind: 'refused',
      status: 403,
      error: 'forbidden',
    });
    expect(await toManageResult(new Response('<html>', { status: 502 }))).toEqual({
      kind: 'refused',
      status: 502,
      error: 'unknown',
    });
  });

  it('a deletion refused for future bookings is not mistaken for a stale revision', async () => {
    expect(await toManageResult(json(409, { error: 'has_bookings', reason: '3 future bookings' }))).toEqual({
      kind: 'refused',
      status: 409,
      error: 'has_bookings',
    });
  });

  it('a 400 without a field is a plain refusal (nothing to point at)', async () => {
    expect(await toManageResult(json(400, { error: 'bad_request', reason: 'x' }))).toEqual({
      kind: 'refused',
      status: 400,
      error: 'bad_request',
    });
  });

  it('an answer is passed through', async () => {
    expect(await toManageResult(json(200, { clinic: { id: 'a' }, rev: '1-x' }))).toEqual({
      kind: 'ok',
      value: { clinic: { id: 'a' }, rev: '1-x' },
    });
  });
});
