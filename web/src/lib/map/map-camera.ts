import type { GeoPoint } from '@poisklinik/shared';
import type { Bounds } from './clinic-points';

export type Camera =
  | { readonly kind: 'center'; readonly center: GeoPoint; readonly zoom: number }
  | { readonly kind: 'bounds'; readonly bounds: Bounds };

/** Close enough to tell nearby clinics apart, far enough to see the neighbourhood. */
export const LOCAL_ZOOM = 12;
/** Central Russia, for a first visit with no position and no clinics yet. */
const COUNTRY: Camera = { kind: 'center', center: { lat: 55.75, lon: 37.62 }, zoom: 4 };

/**
 * Where the map opens: where the user left it in this session (coming back from a clinic page), else around
 * the dropped pin or the user, else over all the clinics shown.
 */
export function initialCamera(known: {
  saved: Camera | null;
  pin: GeoPoint | null;
  position: GeoPoint | null;
  clinicBounds: Bounds | null;
}): Camera {
  if (known.saved) return known.saved;
  const around = known.pin ?? known.position;
  if (around) return { kind: 'center', center: around, zoom: LOCAL_ZOOM };
  if (known.clinicBounds) return { kind: 'bounds', bounds: known.clinicBounds };
  return COUNTRY;
}

let saved: Camera | null = null;

/** The camera is remembered for the app session only, like the dropped pin. */
export const lastCamera = {
  get: (): Camera | null => saved,
  set: (camera: Camera): void => {
    saved = camera;
  },
};
