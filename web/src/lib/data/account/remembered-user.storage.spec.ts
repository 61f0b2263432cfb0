import { describe, expect, it } from 'vitest';
import { parseRememberedUser, rememberedFromSession } from './remembered-user.storage';

const info = {
  user: {
    id: 'uabcdefghijklmnopqrst',
    email: 'anna@mail.ru',
    name: 'Анна',
    roles: ['patient' as const],
    createdAt: '2026-11-01T00:00:00.000Z',
  },
  expiresAt: '2026-12-30T00:00:00.000Z',
};

describe('remembered user', () => {
  it('keeps who and when, never a token', () => {
    const user = rememberedFromSession(info, new Date('2026-11-30T09:00:00Z'));
    expect(user).toEqual({
      id: info.user.id,
      email: 'anna@mail.ru',
      name: 'Анна',
      roles: ['patient'],
      lastConfirmedAt: '2026-11-30T09:00:00.000Z',
    });
    expect(parseRememberedUser(JSON.stringify(user))).toEqual(user);
    expect(parseRememberedUser(JSON.stringify({ ...user, expired: true }))?.expired).toBe(true);
  });

  it('forgets malformed entries instead of trusting them', () => {
    expect(parseRememberedUser('{')).toBeNull();
    expect(parseRememberedUser(JSON.stringify({ id: 'x', email: 'a@b.ru', name: '', roles: [] }))).toBeNull();
    const user = rememberedFromSession(info, new Date());
    expect(parseRememberedUser(JSON.stringify({ ...user, roles: ['root'] }))).toBeNull();
    expect(parseRememberedUser(JSON.stringify({ ...user, lastConfirmedAt: 'yesterday' }))).toBeNull();
  });
});
