/**
 * The in-app path a sign-in or sign-up should return to (`?next=`), or null. Only a same-origin absolute path is
 * accepted: `//host`, `/\host` or a full URL would make the sign-in page an open redirect.
 */
export function returnPath(search: URLSearchParams): string | null {
  const next = search.get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  try {
    const url = new URL(next, 'http://app.invalid');
    return url.origin === 'http://app.invalid' ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
