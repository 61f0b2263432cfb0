import type { Page } from 'playwright-core';

/**
 * Records, inside the page, when the first clinic name is painted: a MutationObserver installed before any app
 * script runs, so the time is the page's own (ms since navigation start), not the test's polling.
 */
export async function installFirstResultProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="clinic-row"] [data-testid="clinic-name"]')) {
        observer.disconnect();
        // Next frame: the row is laid out and painted, not only in the DOM.
        requestAnimationFrame(() => performance.mark('poisklinik:first-results'));
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** "first-results 612 ms; milestones: start 240, …" from the page's performance timeline. */
export async function coldStartReport(page: Page): Promise<string> {
  await page.waitForFunction(() => performance.getEntriesByName('poisklinik:first-results').length > 0);
  return page.evaluate(() => {
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('poisklinik:'))
      .map((m) => `${m.name.slice('poisklinik:'.length)} ${Math.round(m.startTime)}`);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const dcl = nav ? `, domContentLoaded ${Math.round(nav.domContentLoadedEventEnd)}` : '';
    return `${marks.join(', ')}${dcl} (ms since navigation)`;
  });
}
