import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-support/test-server';
import { GOOD_PASSWORD, TestBrowser } from './auth-test-client';
import { defaultRateLimits } from './rate-limits';
import { MemoryRateLimiter } from './rate-limiter';

const MINUTE = 60_000;

describe('rate limits', () => {
  let env: TestEnv;
  afterEach(async () => env.cleanup());

  it('per account: the 3rd sign-in for one email is 429 with Retry-After, even with the right password', async () => {
    env = await createTestEnv();
    let clock = Date.parse('2026-03-01T09:00:00Z');
    const rateLimits = { ...defaultRateLimits(), signInPerAccount: { max: 2, windowMs: 15 * MINUTE } };
    const server = await env.start({ importDemoData: false, rateLimits, now: () => clock });
    const browser = new TestBrowser(server.url);
    await browser.signUp('target@example.ru');
    await browser.signUp('bystander@example.ru');

    expect((await browser.signIn('target@example.ru', 'угадываю пароль 1')).status).toBe(401);
    expect((await browser.signIn('TARGET@example.ru', 'угадываю пароль 2')).status).toBe(401);
    const limited = await browser.signIn('target@example.ru');
    expect(limited).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    // Another account from the same address is not affected.
    expect((await browser.signIn('bystander@example.ru')).status).toBe(200);

    clock += 10 * MINUTE;
    expect(Number((await browser.signIn('target@example.ru')).headers.get('retry-after'))).toBe(5 * 60);
    clock += 5 * MINUTE;
    expect((await browser.signIn('target@example.ru')).status).toBe(200);
  });

  it('per IP: counts the client behind a trusted proxy (TRUST_PROXY), not the proxy', async () => {
    env = await createTestEnv();
    const rateLimits = { ...defaultRateLimits(), signUpPerIp: { max: 2, windowMs: 60 * MINUTE } };
    const server = await env.start({ importDemoData: false, rateLimits, trustProxy: true });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const browser = new TestBrowser(server.url);
    const signUp = (email: string, ip: string) =>
      browser.call('POST', '/api/auth/sign-up', { email, password: GOOD_PASSWORD }, from(ip));

    expect((await signUp('a1@example.ru', '203.0.113.7')).status).toBe(201);
    expect((await signUp('a2@example.ru', '203.0.113.7')).status).toBe(201);
    const limited = await signUp('a3@example.ru', '203.0.113.7');
    expect(limited).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signUp('b1@example.ru', '198.51.100.4')).status).toBe(201);
  });

  it('password reset requests per account are limited whether or not the account exists', async () => {
    env = await createTestEnv();
    const rateLimits = { ...defaultRateLimits(), resetRequestPerAccount: { max: 1, windowMs: 60 * MINUTE } };
    // At the start of an hour: the shared counters' windows are aligned to the clock, so the whole hour is left.
    const now = Date.parse('2026-03-01T09:00:00Z');
    const server = await env.start({ importDemoData: false, rateLimits, now: () => now });
    const browser = new TestBrowser(server.url);
    await browser.signUp('exists@example.ru');
    for (const email of ['exists@example.ru', 'missing@example.ru']) {
      expect(await browser.call('POST', '/api/auth/password-reset', { email })).toMatchObject({
        status: 202,
        body: { ok: true },
      });
      const second = await browser.call('POST', '/api/auth/password-reset', { email });
      expect(second).toMatchObject({ status: 429, body: { error: 'too_many_requests' } });
      expect(second.headers.get('retry-after')).toBe('3600');
    }
    await server.auth.resets.settle();
  });

  it('forgets finished windows, so memory stays bounded by recent keys', () => {
    let clock = 0;
    const limiter = new MemoryRateLimiter(defaultRateLimits(), () => clock);
    for (let i = 0; i < 1000; i += 1) limiter.hit('signInPerIp', `10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBe(1000);
    clock += 61 * MINUTE;
    limiter.hit('signInPerIp', '10.9.9.9');
    expect(limiter.size).toBe(1);
  });
});
