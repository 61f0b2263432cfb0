// The home shell is prerendered (empty, ssr is off) so `/` exists as a real file for servers and for the
// service worker's precache; every other route falls back to 200.html.
export const prerender = true;
