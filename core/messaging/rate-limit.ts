/**
 * Token bucket per key (a tab): `capacity` reports at once, refilled at capacity per `periodMs`.
 * In memory only: a restarted worker starts with full buckets, which is fine for a flood guard.
 */
export class RateLimiter {
  private readonly buckets = new Map<string | number, { tokens: number; at: number }>();

  constructor(
    private readonly capacity = 20,
    private readonly periodMs = 10_000,
    private readonly maxKeys = 1000,
  ) {}

  /** Takes one token; false when the key has none left. */
  take(key: string | number, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.buckets.clear();
      bucket = { tokens: this.capacity, at: now };
      this.buckets.set(key, bucket);
    }
    const refill = ((now - bucket.at) * this.capacity) / this.periodMs;
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, refill));
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  forget(key: string | number): void {
    this.buckets.delete(key);
  }
}
