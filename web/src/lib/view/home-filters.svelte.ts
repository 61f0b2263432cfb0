import type { GeoPoint, Ownership } from '@poisklinik/shared';
import type { ClinicSearchParams, SearchSort } from '$lib/data/clinic-search.types';

/**
 * Filter choices of the home list. Module-level so they survive a visit to a clinic page and back; '' means
 * "any" because that is what an HTML select's empty option yields.
 */
export class HomeFilters {
  text = $state('');
  specialtyCode = $state('');
  townId = $state('');
  districtId = $state('');
  ownership = $state<Ownership | ''>('');
  roundTheClockOnly = $state(false);
  openNow = $state(false);
  /** 0 = any rating. */
  minRating = $state(0);
  sort = $state<SearchSort>('distance');

  /** Districts belong to a town, so a district choice makes no sense once the town changes. */
  setTown(townId: string): void {
    if (townId === this.townId) return;
    this.townId = townId;
    this.districtId = '';
  }

  get active(): boolean {
    return Boolean(
      this.text.trim() ||
      this.specialtyCode ||
      this.townId ||
      this.districtId ||
      this.ownership ||
      this.roundTheClockOnly ||
      this.openNow ||
      this.minRating > 0,
    );
  }

  reset(): void {
    this.text = '';
    this.specialtyCode = '';
    this.townId = '';
    this.districtId = '';
    this.ownership = '';
    this.roundTheClockOnly = false;
    this.openNow = false;
    this.minRating = 0;
  }

  /**
   * The index query for these choices. `now` is asked only for "open now", so without it a ticking clock does
   * not re-run the search.
   */
  toSearch(now: () => Date, origin: GeoPoint | undefined): ClinicSearchParams {
    return {
      text: this.text.trim() || undefined,
      specialtyCode: this.specialtyCode || undefined,
      townId: this.townId || undefined,
      districtId: (this.townId && this.districtId) || undefined,
      ownership: this.ownership || undefined,
      roundTheClockOnly: this.roundTheClockOnly,
      openAt: this.openNow ? now() : undefined,
      minRating: this.minRating > 0 ? this.minRating : undefined,
      origin,
      // Relevance only means something for a text query; without one, nearest first is the useful order.
      sort: this.sort === 'relevance' && this.text.trim() ? 'relevance' : 'distance',
    };
  }
}

export const homeFilters = new HomeFilters();
