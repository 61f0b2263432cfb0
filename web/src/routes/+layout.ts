// A pure client-side app: every page renders from IndexedDB in the browser, so there is nothing to
// server-render or prerender; adapter-static's 200.html fallback serves every route.
export const ssr = false;
export const prerender = false;
