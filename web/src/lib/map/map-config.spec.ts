import { describe, expect, it } from 'vitest';
import { fetchMapConfig, parseMapConfig } from './map-config';

function respond(body: string, init: ResponseInit = {}): typeof fetch {
  return () => Promise.resolve(new Response(body, init));
}

describe('parseMapConfig', () => {
  it('takes a configured style URL', () => {
    expect(parseMapConfig({ mapStyleUrl: 'https://tiles.example.org/style.json', syncContract: 1 })).toEqual({
      mapStyleUrl: 'https://tiles.example.org/style.json',
    });
    expect(parseMapConfig({ mapStyleUrl: ' /map/style.json ' })).toEqual({ mapStyleUrl: '/map/style.json' });
  });

  it.each([null, undefined, 'text', 42, [], {}, { mapStyleUrl: null }, { mapStyleUrl: '' }, { mapStyleUrl: 7 }])(
    'reads %j as no basemap',
    (body) => {
      expect(parseMapConfig(body)).toEqual({ mapStyleUrl: null });
    },
  );
});

describe('fetchMapConfig', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' };

  it('asks /api/config', async () => {
    const seen: string[] = [];
    const fetchFn: typeof fetch = (input) => {
      seen.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response('{"mapStyleUrl":"/style.json"}', { headers: json }));
    };
    expect(await fetchMapConfig(fetchFn)).toEqual({ mapStyleUrl: '/style.json' });
    expect(seen).toEqual(['/api/config']);
  });

  it('is null when the server cannot be asked', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await fetchMapConfig(offline)).toBeNull();
    expect(await fetchMapConfig(respond('', { status: 503 }))).toBeNull();
  });

  it('treats a non-JSON or broken answer as no basemap configured', async () => {
    expect(await fetchMapConfig(respond('nope', { status: 404, headers: json }))).toEqual({ mapStyleUrl: null });
    expect(await fetchMapConfig(respond('<!doctype html>', { headers: { 'content-type': 'text/html' } }))).toEqual({
      mapStyleUrl: null,
    });
    expect(await fetchMapConfig(respond('{broken', { headers: json }))).toEqual({ mapStyleUrl: null });
  });

  it('gives up on a hanging request', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted', { cause: init.signal?.reason }))),
      );
    expect(await fetchMapConfig(hanging, 10)).toBeNull();
  });
});
