import { describe, expect, it } from 'vitest';
import { returnPath } from './return-path';

const next = (value: string) => returnPath(new URLSearchParams({ next: value }));

describe('the path a sign-in returns to', () => {
  it('is the booking flow the user came from, with its choices', () => {
    expect(next('/clinic/abc/book?specialty=31.08.26&ticket=x')).toBe('/clinic/abc/book?specialty=31.08.26&ticket=x');
  });

  it('is never another site', () => {
    expect(next('//evil.example/x')).toBeNull();
    expect(next('/\\evil.example')).toBeNull();
    expect(next('https://evil.example/')).toBeNull();
    expect(returnPath(new URLSearchParams())).toBeNull();
  });
});
