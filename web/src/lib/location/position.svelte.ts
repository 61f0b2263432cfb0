import { browser } from '$app/environment';
import type { GeoPoint } from '@poisklinik/shared';

export type PositionState =
  | { readonly kind: 'locating' }
  | { readonly kind: 'known'; readonly point: GeoPoint }
  | { readonly kind: 'denied' }
  | { readonly kind: 'unavailable' };

/** The browser's position, asked for once per app start (and again on the user's request). */
class UserPosition {
  state = $state<PositionState>({ kind: 'locating' });

  locate(): void {
    if (!browser) return;
    if (!('geolocation' in navigator)) {
      this.state = { kind: 'unavailable' };
      return;
    }
    this.state = { kind: 'locating' };
    navigator.geolocation.getCurrentPosition(
      (pos) => (this.state = { kind: 'known', point: { lat: pos.coords.latitude, lon: pos.coords.longitude } }),
      (err) => (this.state = { kind: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      // A coarse, recent fix is enough to rank clinics and works offline (no network location lookup needed).
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  }
}

export const userPosition = new UserPosition();
