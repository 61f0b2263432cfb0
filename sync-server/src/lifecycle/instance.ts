import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Start-up retries an unreachable store this long (5 min: a CouchDB cluster's nodes may come up slowly). */
export const DEFAULT_STORE_WAIT_MS = 300_000;
/** A little under Docker's default 10 s between SIGTERM and SIGKILL would be too tight for draining long-polls. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Host name and pid tell an operator which container and process it was; the random suffix keeps two processes
 * apart when a restarted container reuses both.
 */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Printable, short, no spaces: it lands in logs, lease documents and scheduler runs. */
export function parseInstanceId(raw: string, errors: string[]): string | undefined {
  if (/^[A-Za-z0-9._:-]{1,100}$/.test(raw)) return raw;
  errors.push(`INSTANCE_ID must be 1–100 letters, digits, '.', '_', ':' or '-', got "${raw.slice(0, 120)}"`);
  return undefined;
}
