import { describe, expect, it } from 'vitest';
import { resolveBasemap } from './basemap';

const style = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background' }] };
const baseUrl = 'https://app.example.org/map';

function serving(body: unknown, status = 200): { fetchFn: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchFn: typeof fetch = (input) => {
    urls.push(input instanceof Request ? input.url : input.toString());
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
  return { fetchFn, urls };
}

describe('resolveBasemap', () => {
  it('uses the configured style, resolving a server path against the app', async () => {
    const { fetchFn, urls } = serving(style);
    const map = await resolveBasemap({ mapStyleUrl: '/tiles/style.json' }, { fetchFn, online: true, baseUrl });
    expect(map).toMatchObject({ kind: 'basemap', url: 'https://app.example.org/tiles/style.json', style });
    expect(urls).toEqual(['https://app.example.org/tiles/style.json']);
  });

  it('is plain, without asking anything, when no basemap is configured', async () => {
    const { fetchFn, urls } = serving(style);
    const map = await resolveBasemap({ mapStyleUrl: null }, { fetchFn, online: true, baseUrl });
    expect(map).toMatchObject({ kind: 'plain', reason: 'not-configured' });
    expect(map.style.layers.map((l) => l.type)).toEqual(['background']);
    expect(urls).toEqual([]);
  });

  it('is plain because of the network when the configuration could not be read', async () => {
    const { fetchFn, urls } = serving(style);
    const map = await resolveBasemap(null, { fetchFn, online: true, baseUrl });
    expect(map).toMatchObject({ kind: 'plain', reason: 'unreachable' });
    expect(urls).toEqual([]);
  });

  it('is plain when offline, even if the style might be cached (its tiles would not be)', async () => {
    const { fetchFn, urls } = serving(style);
    const map = await resolveBasemap({ mapStyleUrl: '/style.json' }, { fetchFn, online: false, baseUrl });
    expect(map).toMatchObject({ kind: 'plain', reason: 'unreachable' });
    expect(urls).toEqual([]);
  });

  it('is plain when the style cannot be had or is not a style', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const opts = { online: true, baseUrl };
    const cfg = { mapStyleUrl: 'https://tiles.example.org/style.json' };
    expect(await resolveBasemap(cfg, { ...opts, fetchFn: failing })).toMatchObject({ reason: 'unreachable' });
    expect(await resolveBasemap(cfg, { ...opts, ...serving(style, 503) })).toMatchObject({ reason: 'unreachable' });
    expect(await resolveBasemap(cfg, { ...opts, ...serving({ error: 'x' }) })).toMatchObject({
      reason: 'unreachable',
    });
  });
});
