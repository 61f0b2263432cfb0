import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJsonBody, requestJson, stringField } from './json-http';

describe('same-origin JSON requests', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends a JSON body with the session cookie and maps the answer', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('{"ok":1}', { status: 200 })));
    vi.stubGlobal('fetch', fetchMock);
    const result = await requestJson('POST', '/api/x', { a: 1 }, async (r) => ({ kind: 'ok', value: await r.text() }));
    expect(result).toEqual({ kind: 'ok', value: '{"ok":1}' });
    expect(fetchMock).toHaveBeenCalledWith('/api/x', {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
  });

  it('asks for JSON without a body, and says offline when no answer arrived', async () => {
    const fetchMock = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetchMock);
    const toResult = vi.fn();
    expect(await requestJson('GET', '/api/y', undefined, toResult)).toEqual({ kind: 'offline' });
    expect(toResult).not.toHaveBeenCalled();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/y',
      expect.objectContaining({ headers: { accept: 'application/json' } }),
    );
  });

  it('reads bodies that are empty or not JSON as undefined, and string fields only', async () => {
    expect(await readJsonBody(new Response(''))).toBeUndefined();
    expect(await readJsonBody(new Response('<html>502</html>'))).toBeUndefined();
    expect(await readJsonBody(new Response('{"error":"x"}'))).toEqual({ error: 'x' });
    expect(stringField({ error: 'x', field: 3 }, 'error')).toBe('x');
    expect(stringField({ field: 3 }, 'field')).toBeUndefined();
    expect(stringField(null, 'error')).toBeUndefined();
  });
});
