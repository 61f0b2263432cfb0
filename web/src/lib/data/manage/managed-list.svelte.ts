import type { ManagedClinic } from '@poisklinik/shared';
import { manageApi } from './manage-api';
import { manageCache } from './manage-cache.storage';

/**
 * loaded: fresh from the server. cached: the server could not be asked (offline), `clinics` is what was loaded at
 * `loadedAt`. empty-offline: offline and nothing was ever loaded here.
 */
export type ListStatus = 'loading' | 'loaded' | 'cached' | 'empty-offline' | 'failed';

/** The clinics a manager may edit (an admin: every clinic), for the `/manage` page. */
export class ManagedList {
  status = $state<ListStatus>('loading');
  clinics = $state.raw<readonly ManagedClinic[]>([]);
  loadedAt = $state<Date | null>(null);

  async load(userId: string, all: boolean, q = ''): Promise<void> {
    this.status = 'loading';
    const result = await manageApi.list({ all, q });
    if (result.kind === 'ok') {
      const sorted = [...result.value].sort((a, b) => a.clinic.name.localeCompare(b.clinic.name, 'ru'));
      this.clinics = sorted;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never mutated
      this.loadedAt = new Date();
      this.status = 'loaded';
      // Only the unfiltered list is worth showing offline later.
      if (!q.trim()) manageCache.writeList(localStorage, userId, sorted, this.loadedAt);
      return;
    }
    if (result.kind !== 'offline') {
      this.status = 'failed';
      return;
    }
    const cached = manageCache.readList(localStorage, userId);
    this.clinics = cached?.value ?? [];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced, never mutated
    this.loadedAt = cached ? new Date(cached.at) : null;
    this.status = cached ? 'cached' : 'empty-offline';
  }
}
