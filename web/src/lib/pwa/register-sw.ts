import { Workbox } from 'workbox-window';

/**
 * Registers the generated service worker (production builds only: the dev server has none). The worker skips
 * waiting and claims clients, so the first visit is controlled as soon as the shell is precached.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  await wb.register();
}
