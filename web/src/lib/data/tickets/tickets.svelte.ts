import { untrack } from 'svelte';
import { browser } from '$app/environment';
import { ticketsUrl, type Ticket, type TicketScope } from '@poisklinik/shared';
import { openCatalogueDb } from '../catalogue.db';
import { getCatalogue } from '../catalogue.svelte';
import { pullFeedOnce } from '../feed-pull';
import { PullRuns } from '../pull-runs';
import { readScope } from '../sync-scope.storage';
import { watchQuery } from '../watch-query';
import {
  FAVOURITES_KEY,
  isPulledAtKey,
  keptClinics,
  readIdList,
  readPulledAt,
  RECENT_KEY,
  ticketScopeKey,
  toggledFavourites,
  withRecent,
  writeIdList,
  writePulledAt,
} from './ticket-places.storage';

/** Background refresh of everything the device keeps tickets of, while a tab is visible. */
const REFRESH_ALL_MS = 5 * 60_000;

/**
 * Tickets on the device: which scopes are kept (the town scope, favourite and recently opened clinics), pulling
 * them once on start, on reconnect, when a clinic is opened and every few minutes, and when each was last pulled
 * (the age shown next to free times offline). Reading them is `watchClinic`.
 */
export class Tickets {
  favourites = $state.raw<readonly string[]>([]);
  /** Bumped when a pull time changes (here or in another tab), so ages re-read localStorage. */
  #pulls = $state(0);
  #origin = '';
  #started = false;
  readonly #runs = new PullRuns('tickets');

  start(origin: string): void {
    if (!browser || this.#started) return;
    this.#started = true;
    this.#origin = origin;
    this.favourites = readIdList(localStorage, FAVOURITES_KEY);
    window.addEventListener('online', () => void this.refreshAll());
    window.addEventListener('storage', (event) => {
      if (event.key === FAVOURITES_KEY) this.favourites = readIdList(localStorage, FAVOURITES_KEY);
      else if (isPulledAtKey(event.key)) this.#pulls++;
    });
    // A town chosen (first run, or the scope picker in this tab): its tickets come at once.
    $effect.root(() => {
      $effect(() => {
        const scope = getCatalogue().scope;
        if (scope?.kind === 'town') untrack(() => void this.#pull({ kind: 'town', townId: scope.townId }));
      });
    });
    setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine) void this.refreshAll();
    }, REFRESH_ALL_MS);
    void this.refreshAll();
  }

  isFavourite(clinicId: string): boolean {
    return this.favourites.includes(clinicId);
  }

  toggleFavourite(clinicId: string): void {
    this.favourites = toggledFavourites(this.favourites, clinicId);
    writeIdList(localStorage, FAVOURITES_KEY, this.favourites);
    if (this.isFavourite(clinicId)) void this.refreshClinic(clinicId);
  }

  /** The user opened a clinic (its page or its booking flow): keep its tickets and pull them now. */
  opened(clinicId: string): Promise<boolean> {
    writeIdList(localStorage, RECENT_KEY, withRecent(readIdList(localStorage, RECENT_KEY), clinicId));
    return this.refreshClinic(clinicId);
  }

  refreshClinic(clinicId: string): Promise<boolean> {
    return this.#pull({ kind: 'clinic', clinicId });
  }

  /** Town scope first (it covers most clinics), then favourites and recent clinics one at a time. */
  async refreshAll(): Promise<void> {
    if (!navigator.onLine) return;
    const scope = readScope(localStorage);
    if (scope?.kind === 'town') await this.#pull({ kind: 'town', townId: scope.townId });
    const clinics = keptClinics(this.favourites, readIdList(localStorage, RECENT_KEY));
    // One at a time: these share the browser's few connections with the live catalogue and account feeds.
    for (const clinicId of clinics) await this.refreshClinic(clinicId);
  }

  /**
   * When the device last received this clinic's tickets: its own pull, or the town scope's, whichever is newer
   * (under a town scope every clinic on the device lies in it). Null when never.
   */
  pulledAt(clinicId: string): Date | null {
    void this.#pulls;
    const own = readPulledAt(localStorage, { kind: 'clinic', clinicId });
    const scope = readScope(localStorage);
    const town = scope?.kind === 'town' ? readPulledAt(localStorage, { kind: 'town', townId: scope.townId }) : null;
    if (!own) return town;
    return town && town > own ? town : own;
  }

  /** Calls `set` with every ticket of the clinic on the device now and after each change; returns the stop. */
  watchClinic(clinicId: string, set: (tickets: Ticket[]) => void): () => void {
    return watchQuery(
      () => openCatalogueDb().then((db) => db.tickets.find({ selector: { clinicId } })),
      set,
      'tickets',
    );
  }

  #pull(scope: TicketScope): Promise<boolean> {
    return this.#runs.run(
      ticketScopeKey(scope),
      () => openCatalogueDb().then((db) => pullFeedOnce(db.tickets, ticketsUrl(this.#origin, scope), 'tickets-pull')),
      (startedAt) => {
        writePulledAt(localStorage, scope, startedAt);
        this.#pulls++;
      },
    );
  }
}

let instance: Tickets | undefined;

/** The app's tickets; the first call in the browser starts keeping them current. */
export function getTickets(): Tickets {
  if (!instance) {
    instance = new Tickets();
    if (browser) instance.start(location.origin);
  }
  return instance;
}
