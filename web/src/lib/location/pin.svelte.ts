import type { GeoPoint } from '@poisklinik/shared';

/**
 * A point the user dropped on the map to measure distances from ("I'll be there tomorrow"). It outranks the
 * device position while set, and is kept only for this app session: a stale pin silently re-ranking results
 * next week would surprise more than it helps.
 */
class DroppedPin {
  point = $state<GeoPoint | null>(null);

  drop(point: GeoPoint): void {
    this.point = { lat: point.lat, lon: point.lon };
  }

  clear(): void {
    this.point = null;
  }
}

export const droppedPin = new DroppedPin();
