import { afterEach, beforeEach, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ProfilePage, SignUpPage } from '../pages/account.page';

/** The app's audience: Russian locale and Moscow time, so dates and texts read as a patient sees them. */
export const RU_CONTEXT = { locale: 'ru-RU', timezoneId: 'Europe/Moscow' } as const;

export type ContextOptions = { locale: string; timezoneId: string };

export type Pages = {
  /** A page in a fresh context (its own cookies and storage: another device). */
  newPage: () => Promise<Page>;
  /** A fresh context whose every page is watched, for tests that open several tabs of one device. */
  newContext: (options?: ContextOptions) => Promise<BrowserContext>;
  /** Closes every context made so far; call in afterAll before closing the browser. */
  closeAll: () => Promise<void>;
};

/**
 * Pages whose uncaught errors fail the current test: a crash the user would see as a dead button.
 * Installs the beforeEach/afterEach hooks, so call it once at a test file's top level. The browser is a getter
 * because it is launched in beforeAll, after this runs.
 */
export function usePages(browser: () => Browser): Pages {
  const contexts: BrowserContext[] = [];
  // Replaced per test, so an error of a page opened in beforeAll counts against the test running when it happens.
  let pageErrors: string[] = [];

  beforeEach(() => {
    pageErrors = [];
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  function watch(page: Page): void {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    if (process.env.E2E_CONSOLE) page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
  }

  async function newContext(options: ContextOptions = RU_CONTEXT): Promise<BrowserContext> {
    const context = await browser().newContext(options);
    contexts.push(context);
    context.on('page', watch);
    return context;
  }

  async function newPage(): Promise<Page> {
    const context = await browser().newContext(RU_CONTEXT);
    contexts.push(context);
    const page = await context.newPage();
    watch(page);
    return page;
  }

  async function closeAll(): Promise<void> {
    for (const context of contexts) await context.close().catch(() => undefined);
  }

  return { newPage, newContext, closeAll };
}

export type NewAccount = { email: string; password: string; name: string };

/** Signs a new user up through the app's form in a fresh page; resolves on the profile page it lands on. */
export async function signUpInNewPage(pages: Pages, baseUrl: string, account: NewAccount): Promise<Page> {
  const page = await pages.newPage();
  const signUp = new SignUpPage(page);
  await signUp.goto(baseUrl);
  await signUp.signUp(account.email, account.password, account.name);
  await new ProfilePage(page).waitForPage();
  return page;
}
