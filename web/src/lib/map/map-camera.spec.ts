import { describe, expect, it } from 'vitest';
import { initialCamera, LOCAL_ZOOM, type Camera } from './map-camera';

const pin = { lat: 54.5, lon: 36.2 };
const position = { lat: 54.6, lon: 36.3 };
const clinicBounds = [36, 54, 37, 55] as const;

describe('initialCamera', () => {
  it('returns to where the user left the map', () => {
    const saved: Camera = { kind: 'center', center: { lat: 1, lon: 2 }, zoom: 9 };
    expect(initialCamera({ saved, pin, position, clinicBounds })).toBe(saved);
  });

  it('otherwise centres on the pin, then the user', () => {
    expect(initialCamera({ saved: null, pin, position, clinicBounds })).toEqual({
      kind: 'center',
      center: pin,
      zoom: LOCAL_ZOOM,
    });
    expect(initialCamera({ saved: null, pin: null, position, clinicBounds })).toEqual({
      kind: 'center',
      center: position,
      zoom: LOCAL_ZOOM,
    });
  });

  it('otherwise shows all the clinics, or the country when there are none', () => {
    expect(initialCamera({ saved: null, pin: null, position: null, clinicBounds })).toEqual({
      kind: 'bounds',
      bounds: clinicBounds,
    });
    expect(initialCamera({ saved: null, pin: null, position: null, clinicBounds: null })).toMatchObject({
      kind: 'center',
      zoom: 4,
    });
  });
});
