import { describe, expect, it } from 'vitest';
import { distanceMetres, distanceParts } from './geo';

describe('distanceMetres', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 54.51367, lon: 36.26134 };
    const b = { lat: 54.54744, lon: 36.29322 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 6);
  });

  it('matches known distances within 0.5 %', () => {
    // Moscow (Kremlin) → Saint Petersburg (Palace Square): ~634 km along the great circle.
    const d = distanceMetres({ lat: 55.752, lon: 37.6175 }, { lat: 59.939, lon: 30.3158 });
    expect(d / 1000).toBeGreaterThan(631);
    expect(d / 1000).toBeLessThan(637);
    // One degree of latitude is ~111.2 km anywhere.
    expect(distanceMetres({ lat: 10, lon: 20 }, { lat: 11, lon: 20 }) / 1000).toBeCloseTo(111.2, 0);
  });
});

describe('distanceParts', () => {
  it('uses metres below 1 km, rounded to 10 m', () => {
    expect(distanceParts(0)).toEqual({ value: 0, unit: 'm' });
    expect(distanceParts(854)).toEqual({ value: 850, unit: 'm' });
    expect(distanceParts(996)).toEqual({ value: 1000, unit: 'm' });
  });
  it('uses km with one decimal below 10 km and whole km above', () => {
    expect(distanceParts(2345)).toEqual({ value: 2.3, unit: 'km' });
    expect(distanceParts(12_600)).toEqual({ value: 13, unit: 'km' });
  });
});
