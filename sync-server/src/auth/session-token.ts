import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase, decodeHex } from '@oslojs/encoding';

/** Random lowercase base32 text from `bytes` random bytes (5 bits per character, no padding). */
export function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** 20 bytes = 160 bits: well above the 120 bits of entropy a secret needs not to be guessable. */
export const SECRET_BYTES = 20;
const SECRET = /^[a-z2-7]{32}$/;

export type TokenParts = { id: string; secret: string };

/**
 * `<id>.<secret>`, split at the LAST dot (ids may hold dots, e.g. `<userId>.<random>`). Null when the shape is
 * wrong, so garbage is refused before any store read.
 */
export function parseToken(token: string, idPattern: RegExp): TokenParts | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return idPattern.test(id) && SECRET.test(secret) ? { id, secret } : null;
}

/** The stored form of a secret: a fast hash is enough for 160 random bits (no dictionary to try). */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Constant-time, so response timing does not reveal how much of a forged secret matched. */
export function secretMatches(secret: string, storedHash: string): boolean {
  let stored: Uint8Array;
  try {
    stored = decodeHex(storedHash);
  } catch {
    return false;
  }
  const given = sha256(new TextEncoder().encode(secret));
  return stored.length === given.length && constantTimeEqual(given, stored);
}
