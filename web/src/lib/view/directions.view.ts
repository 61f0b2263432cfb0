import type { GeoPoint } from '@poisklinik/shared';

/** Six decimals is ~10 cm: more is noise in a URL. */
function coord(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * A Yandex Maps route from wherever the user is (empty start: the app asks for their position) to the clinic,
 * by car. Works in the browser and opens the Yandex Maps app where installed.
 */
export function yandexRouteUrl(to: GeoPoint): string {
  return `https://yandex.ru/maps/?rtext=~${coord(to.lat)},${coord(to.lon)}&rtt=auto`;
}

/** RFC 5870 geo URI: any installed maps app offers to open it (Android), so it works without Yandex too. */
export function geoUri(to: GeoPoint): string {
  return `geo:${coord(to.lat)},${coord(to.lon)}`;
}
