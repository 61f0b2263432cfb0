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
