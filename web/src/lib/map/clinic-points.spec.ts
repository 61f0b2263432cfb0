import { describe, expect, it } from 'vitest';
import {
  clinicPoints,
  clinicSet,
  pointsBounds,
  positionPoint,
  sameClinicSet,
  type MappableClinic,
} from './clinic-points';

const a: MappableClinic = { id: 'a', location: { lat: 54.5, lon: 36.2 } };
const b: MappableClinic = { id: 'b', location: { lat: 57.6, lon: 39.9 } };

describe('clinicPoints', () => {
  it('is a GeoJSON point per clinic, [lon, lat], with the id only', () => {
    expect(clinicPoints([a, b])).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [36.2, 54.5] }, properties: { id: 'a' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [39.9, 57.6] }, properties: { id: 'b' } },
      ],
    });
  });

  it('keeps no reference to the clinic objects (the worker copy must not drag them along)', () => {
    const clinic = { ...a, name: 'Поликлиника', extra: new Array(100).fill(0) };
    const [feature] = clinicPoints([clinic]).features;
    expect(Object.keys(feature!.properties)).toEqual(['id']);
  });

  it('builds 100,000 points quickly', () => {
    const many: MappableClinic[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `c${i}`,
      location: { lat: 41 + (i % 1000) / 50, lon: 30 + Math.floor(i / 1000) / 2 },
    }));
    const started = performance.now();
    const fc = clinicPoints(many);
    const took = performance.now() - started;
    expect(fc.features).toHaveLength(100_000);
    expect(fc.features[99_999]!.properties.id).toBe('c99999');
    // Generous for slow CI; it is ~10 ms on a laptop.
    expect(took).toBeLessThan(1_500);
  });

  it('is empty for no clinics', () => {
    expect(clinicPoints([])).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('positionPoint', () => {
  it('is one point when known, none otherwise', () => {
    expect(positionPoint({ lat: 1, lon: 2 }).features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [2, 1] }, properties: {} },
    ]);
    expect(positionPoint(null).features).toEqual([]);
  });
});

describe('pointsBounds', () => {
  it('spans all points', () => {
    expect(pointsBounds([a.location, b.location, { lat: 55, lon: 37 }])).toEqual([36.2, 54.5, 39.9, 57.6]);
  });

  it('is a zero-size box around one point and null for none', () => {
    expect(pointsBounds([a.location])).toEqual([36.2, 54.5, 36.2, 54.5]);
    expect(pointsBounds([])).toBeNull();
  });
});

describe('sameClinicSet', () => {
  it('ignores order: a re-ranked result is the same set of points', () => {
    expect(sameClinicSet(clinicSet([a, b]), [b, a])).toBe(true);
    expect(sameClinicSet(clinicSet([]), [])).toBe(true);
  });

  it('sees clinics added, removed, swapped or moved', () => {
    const set = clinicSet([a, b]);
    expect(sameClinicSet(set, [a])).toBe(false);
    expect(sameClinicSet(set, [a, b, { id: 'c', location: a.location }])).toBe(false);
    expect(sameClinicSet(set, [a, { id: 'c', location: b.location }])).toBe(false);
    expect(sameClinicSet(set, [a, { id: 'b', location: { lat: 57.6, lon: 39.91 } }])).toBe(false);
  });
});
