import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('lets a burst of 20 through, then refills 2 per second', () => {
    const limiter = new RateLimiter(20, 10_000);
    const at0 = Array.from({ length: 25 }, () => limiter.take(1, 0)).filter(Boolean).length;
    expect(at0).toBe(20);
    expect(limiter.take(1, 400)).toBe(false);
    expect(limiter.take(1, 500)).toBe(true);
    expect(limiter.take(2, 500)).toBe(true);
  });
});
