/** At most `max` attempts per fixed window of `windowMs`. */
export type RateLimitRule = { max: number; windowMs: number };

export const rateLimitNames = [
  'signInPerIp',
  'signInPerAccount',
  'signUpPerIp',
  'resetRequestPerIp',
  'resetRequestPerAccount',
  'resetConfirmPerIp',
  'passwordChangePerAccount',
] as const;
export type RateLimitName = (typeof rateLimitNames)[number];
export type RateLimits = Record<RateLimitName, RateLimitRule>;

/**
 * Counted in the shared store, so N instances behind a load balancer do not allow N times as many: the per-account
 * limits stop password guessing and reset-mail flooding of one address, and sign-up per IP stops mass account
 * creation. The per-IP sign-in/reset limits are generous abuse brakes where N× is tolerable, and the password
 * change limit needs a session already; they stay in memory and cost no store write (ADR 018).
 */
export const sharedRateLimitNames = [
  'signInPerAccount',
  'resetRequestPerAccount',
  'signUpPerIp',
] as const satisfies readonly RateLimitName[];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Per IP the limits are generous (a clinic's waiting room shares one address behind NAT); per account they are
 * tight, because guessing one account's password is what they stop. Reset requests per account are limited whether
 * or not the account exists, so the 429 itself reveals nothing.
 */
export function defaultRateLimits(): RateLimits {
  return {
    signInPerIp: { max: 30, windowMs: 10 * MINUTE },
    signInPerAccount: { max: 10, windowMs: 15 * MINUTE },
    signUpPerIp: { max: 10, windowMs: HOUR },
    resetRequestPerIp: { max: 10, windowMs: HOUR },
    resetRequestPerAccount: { max: 3, windowMs: HOUR },
    resetConfirmPerIp: { max: 20, windowMs: HOUR },
    passwordChangePerAccount: { max: 10, windowMs: 15 * MINUTE },
  };
}
