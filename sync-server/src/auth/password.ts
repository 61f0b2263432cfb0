import { hash, verify } from '@node-rs/argon2';
import { passwordLengthProblem } from '@poisklinik/shared';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): ~20-50 ms per hash here, affordable per sign-in.
// `algorithm` is left to the library default, argon2id (its const enum cannot be imported under isolatedModules).
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** False (never throws) for a hash that is not a valid PHC string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one real verification, for a sign-in with an unknown email: answering faster than for a
 * wrong password would tell an attacker which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password: only spends the time of a verification');
  await verifyPassword(await dummyHash, password);
}

export type PasswordProblem = 'password_too_short' | 'password_too_long' | 'password_common';

// Passwords Russian speakers pick that the (English) common list misses; lowercase, as compared.
const RUSSIAN_COMMON = [
  'йцукен',
  'йцукенг',
  'йцукенгш',
  'йцукенгшщ',
  'йцукенгшщз',
  'фывапролд',
  'фывапролдж',
  'ячсмитьбю',
  'пароль',
  'пароль1',
  'пароль12',
  'пароль123',
  'пароль1234',
  'парольпароль',
  'qwertyйцукен',
  'йцукенqwerty',
  'любовь',
  'люблютебя',
  'привет123',
  'россия',
  'россия123',
  'москва',
  'москва123',
  'наташа',
  'максим',
  'ytnhfkm',
  'gfhjkm',
  'gfhjkm123',
  'ghbdtn',
  'rjirf',
  'qwertyuiop[]',
] as const;

let commonPasswords: Promise<Set<string>> | undefined;

// Loaded on first use: the list is ~50k words and most server starts (tests, imports) never check a password.
function common(): Promise<Set<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set([...dictionary['passwords-common'], ...RUSSIAN_COMMON]),
  );
  return commonPasswords;
}

/** Why a new password is refused, or null: length, the common list, or being the email (or its local part). */
export async function passwordProblem(password: string, context: { email: string }): Promise<PasswordProblem | null> {
  const length = passwordLengthProblem(password);
  if (length === 'too_short') return 'password_too_short';
  if (length === 'too_long') return 'password_too_long';
  const lower = password.normalize('NFKC').trim().toLowerCase();
  const email = context.email.toLowerCase();
  const local = email.slice(0, email.lastIndexOf('@'));
  if (lower === email || (local.length > 0 && lower === local)) return 'password_common';
  return (await common()).has(lower) ? 'password_common' : null;
}
