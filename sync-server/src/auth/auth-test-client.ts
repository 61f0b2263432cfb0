// A test stand-in for the browser: keeps the session cookie like a browser does and sends the headers a
// same-origin fetch would (Origin, Sec-Fetch-Site). Real HTTP to the real server; nothing of ours is mocked.
import type { JsonResponse } from '../test-support/test-server';

export const GOOD_PASSWORD = 'Тёплый апрель 2026';

export type CallOptions = { headers?: Record<string, string>; sameOrigin?: boolean };

export class TestBrowser {
  cookie: string | undefined;
  /** Raw `Set-Cookie` headers of the last answer. */
  lastSetCookie: string[] = [];

  constructor(readonly base: string) {}

  async call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (options.sameOrigin !== false && method !== 'GET') {
      headers.origin = this.base;
      headers['sec-fetch-site'] = 'same-origin';
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `pk_session=${this.cookie}`;
    Object.assign(headers, options.headers);
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const match = /^pk_session=([^;]*)/.exec(line);
      if (!match) continue;
      const cleared = /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line) || match[1] === '';
      this.cookie = cleared ? undefined : match[1];
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  signUp(email: string, password = GOOD_PASSWORD, name?: string): Promise<JsonResponse> {
    return this.call('POST', '/api/auth/sign-up', { email, password, ...(name === undefined ? {} : { name }) });
  }

  signIn(email: string, password = GOOD_PASSWORD): Promise<JsonResponse> {
    return this.call('POST', '/api/auth/sign-in', { email, password });
  }

  session(): Promise<JsonResponse> {
    return this.call('GET', '/api/auth/session');
  }
}
