import { describe, expect, it } from 'vitest';
import { geoUri, yandexRouteUrl } from './directions.view';

describe('directions links', () => {
  it('builds a Yandex route to the clinic and a geo: fallback', () => {
    const to = { lat: 54.54744, lon: 36.29322 };
    expect(yandexRouteUrl(to)).toBe('https://yandex.ru/maps/?rtext=~54.54744,36.29322&rtt=auto');
    expect(geoUri(to)).toBe('geo:54.54744,36.29322');
    expect(geoUri({ lat: 54.1234567891, lon: -0.5 })).toBe('geo:54.123457,-0.5');
  });
});
