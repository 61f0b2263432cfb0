import type { Page } from 'playwright-core';

/**
 * Clinics in the search-index snapshot the app saved to IndexedDB (0 when none yet), from the summary saved in
 * the same transaction. Read straight from the browser's IndexedDB, so the test checks what a cold start will
 * find, not what the app says about it.
 */
export function savedIndexSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('poisklinik-search-index');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('snapshots')) return resolve(0);
          const get = db.transaction('snapshots').objectStore('snapshots').get('clinics-meta');
          get.onsuccess = () => {
            const value: unknown = get.result;
            resolve(typeof value === 'object' && value && 'size' in value ? Number(value.size) : 0);
          };
          get.onerror = () => resolve(0);
        };
      }),
  );
}

export async function waitForSavedIndex(page: Page, size: number, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await savedIndexSize(page)) === size) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`the saved search index never reached ${size} clinics (has ${await savedIndexSize(page)})`);
}
