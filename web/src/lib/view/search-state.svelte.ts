import { getCatalogue } from '$lib/data/catalogue.svelte';
import { emptySearchResult, type ClinicSearchResult } from '$lib/data/clinic-search.types';
import { droppedPin } from '$lib/location/pin.svelte';
import { userPosition } from '$lib/location/position.svelte';
import { effectiveOrigin, type SearchOrigin } from './clinic-list.view';
import { clock } from './clock.svelte';
import { homeFilters, type HomeFilters } from './home-filters.svelte';

export type { SearchOrigin } from './clinic-list.view';
export type { ClinicSearchHit, ClinicSearchResult, SearchSort } from '$lib/data/clinic-search.types';

/**
 * The app's one search: the query the user is editing, the origin it is measured from and its result. The home
 * list and the map both read this, so they always show exactly the same clinics. Stable API for the map:
 * `query` (mutable filter state), `origin`, `result` ({ total, slice(start, end) } of `{ id, location, distance,
 * score }`).
 */
class SearchState {
  readonly query: HomeFilters = homeFilters;
  readonly #catalogue = getCatalogue();

  readonly origin: SearchOrigin = $derived(
    effectiveOrigin(userPosition.state, droppedPin.point, this.#catalogue.fallbackTown(this.query.townId)),
  );

  readonly result: ClinicSearchResult = $derived.by(() => {
    const origin = this.origin;
    // Without an origin there is nothing to rank by distance, and an empty catalogue has nothing to find.
    if (origin.kind === 'none' && this.query.sort === 'distance') return emptySearchResult;
    return this.#catalogue.search(this.query.toSearch(() => clock.now, origin.point ?? undefined));
  });
}

export const searchState = new SearchState();
