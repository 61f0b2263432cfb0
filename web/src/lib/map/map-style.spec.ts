import { describe, expect, it } from 'vitest';
import { asStyle, basemapSourceIds, mapLayers, mapSources, plainStyle, withDataLayers } from './map-style';

describe('plainStyle', () => {
  it('is a background only: no sources, tiles, sprite or glyphs, so it works with no network', () => {
    const style = plainStyle();
    expect(style.version).toBe(8);
    expect(style.sources).toEqual({});
    expect(style.layers.map((l) => l.type)).toEqual(['background']);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:/);
  });
});

describe('withDataLayers', () => {
  it('adds a clustered clinic source and the position source, starting empty', () => {
    const style = withDataLayers(plainStyle());
    expect(style.sources[mapSources.clinics]).toMatchObject({
      type: 'geojson',
      cluster: true,
      data: { type: 'FeatureCollection', features: [] },
    });
    expect(style.sources[mapSources.position]).toMatchObject({ type: 'geojson' });
  });

  it('draws clusters, single clinics and the position above the basemap, with circles only (no glyphs)', () => {
    const style = withDataLayers(plainStyle());
    expect(style.layers.map((l) => l.id)).toEqual([
      'poisklinik-background',
      mapLayers.clusters,
      mapLayers.points,
      mapLayers.positionHalo,
      mapLayers.position,
    ]);
    expect(style.layers.slice(1).every((l) => l.type === 'circle')).toBe(true);
  });

  it('keeps the basemap and does not change it', () => {
    const base = asStyle({
      version: 8,
      glyphs: 'https://tiles.example.org/fonts/{fontstack}/{range}.pbf',
      sources: { osm: { type: 'vector', url: 'https://tiles.example.org/osm.json' } },
      layers: [{ id: 'water', type: 'fill', source: 'osm', 'source-layer': 'water' }],
    })!;
    const before = structuredClone(base);
    const style = withDataLayers(base);
    expect(base).toEqual(before);
    expect(style.glyphs).toBe(base.glyphs);
    expect(Object.keys(style.sources)).toEqual(['osm', mapSources.clinics, mapSources.position]);
    expect(style.layers[0]!.id).toBe('water');
    expect(basemapSourceIds(style)).toEqual(new Set(['osm']));
  });

  it('is idempotent: applying it to its own output does not duplicate layers', () => {
    const once = withDataLayers(plainStyle());
    expect(withDataLayers(once)).toEqual(once);
  });
});

describe('asStyle', () => {
  it('accepts a v8 style and rejects anything else', () => {
    expect(asStyle({ version: 8, sources: {}, layers: [] })).not.toBeNull();
    for (const bad of [
      null,
      '<html>',
      { version: 7, sources: {}, layers: [] },
      { version: 8, layers: [] },
      {
        version: 8,
        sources: {},
        layers: {},
      },
    ]) {
      expect(asStyle(bad)).toBeNull();
    }
  });
});
