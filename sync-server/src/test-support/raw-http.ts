// HTTP without fetch's guard rails: any method, raw body bytes (invalid UTF-8 too), any header the wire allows, and
// an answer even when the server replies early to an oversized body and drops the rest of the upload.
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export type RawRequest = { method: string; path: string; headers: Record<string, string>; body?: Buffer | undefined };
export type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string };
/** `error` = no HTTP answer at all (connection refused, reset before a status line, or no answer within the time). */
export type RawResult = RawResponse | { error: string };

export function rawAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: false, maxSockets });
}

export function sendRaw(baseUrl: string, req: RawRequest, agent: Agent, timeoutMs = 20_000): Promise<RawResult> {
  const base = new URL(baseUrl);
  return new Promise<RawResult>((resolve) => {
    let settled = false;
    const settle = (result: RawResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
    const outgoing = request(
      { host: base.hostname, port: base.port, method: req.method, path: wirePath(req.path), headers, agent },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => settle({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', (error) => settle({ error: `response: ${error.message}` }));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    // An early answer to an oversized upload ends in EPIPE/ECONNRESET on our side: the answer still counts.
    outgoing.on('error', (error) => setTimeout(() => settle({ error: error.message }), 50));
    outgoing.end(req.body);
  });
}

/**
 * Node refuses to write a path with spaces, controls or characters above U+00FF; a client percent-encodes those.
 * Latin-1 characters go out as single raw bytes (not UTF-8), which is one of the things the fuzz wants to send.
 */
function wirePath(path: string): string {
  return path.replace(/[^\u0021-\u00ff]/gu, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      return '%ED%A0%80'; // a lone surrogate, as a broken client would encode it
    }
  });
}
