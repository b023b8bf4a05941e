import { describe, expect, it } from 'vitest';
import { EXIT_CHECK_INTERVAL_MS, ExitCheckScheduler } from './exit-check-scheduler';

function clock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ExitCheckScheduler', () => {
  it('allows one automatic check per host per 30 minutes', () => {
    const c = clock();
    const s = new ExitCheckScheduler(c.now);
    expect(s.isDue('chatgpt.com')).toBe(true);
    s.recordCheck('chatgpt.com');
    expect(s.isDue('chatgpt.com')).toBe(false);
    c.advance(EXIT_CHECK_INTERVAL_MS - 1);
    expect(s.isDue('chatgpt.com')).toBe(false);
    expect(s.msUntilDue('chatgpt.com')).toBe(1);
    c.advance(1);
    expect(s.isDue('chatgpt.com')).toBe(true);
  });

  it('keeps hosts apart and treats host names case-insensitively', () => {
    const c = clock();
    const s = new ExitCheckScheduler(c.now);
    s.recordCheck('ChatGPT.com.');
    expect(s.isDue('chatgpt.com')).toBe(false);
    expect(s.isDue('claude.ai')).toBe(true);
  });

  it('checks at once after a block or network error, then rate-limits again', () => {
    const c = clock();
    const s = new ExitCheckScheduler(c.now);
    s.recordCheck('claude.ai');
    c.advance(60_000);
    expect(s.isDue('claude.ai')).toBe(false);
    s.recordTrouble('claude.ai');
    expect(s.isDue('claude.ai')).toBe(true);
    s.recordCheck('claude.ai');
    expect(s.isDue('claude.ai')).toBe(false);
  });

  it('does not stay blocked when the clock goes backwards', () => {
    const c = clock();
    const s = new ExitCheckScheduler(c.now);
    s.recordCheck('grok.com');
    c.advance(-60_000);
    expect(s.isDue('grok.com')).toBe(true);
  });

  it('survives a round trip through JSON (service worker restarts)', () => {
    const c = clock();
    const s = new ExitCheckScheduler(c.now);
    s.recordCheck('chatgpt.com');
    s.recordTrouble('claude.ai');
    const restored = new ExitCheckScheduler(c.now, EXIT_CHECK_INTERVAL_MS, JSON.parse(JSON.stringify(s)));
    expect(restored.isDue('chatgpt.com')).toBe(false);
    expect(restored.isDue('claude.ai')).toBe(true);
  });
});
