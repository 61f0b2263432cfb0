import { browser } from '$app/environment';

/** navigator.onLine with its events; "online" only means a network exists, replication errors tell the rest. */
class NetworkStatus {
  online = $state(browser ? navigator.onLine : true);

  constructor() {
    if (!browser) return;
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
  }
}

export const network = new NetworkStatus();
