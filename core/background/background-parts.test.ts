import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LogEvent } from '../log/event';
import { browserArea } from '../storage/key-value-area';
import { badgeView } from './badge';
import { NotifyGate } from './notify-gate';

beforeEach(() => fakeBrowser.reset());

describe('badgeView', () => {
  const e = (kind: LogEvent['kind'], service = 'openai'): LogEvent => ({
    id: Math.random().toString(36),
    service,
    product: 'p',
    kind,
    ruleId: 'r',
    url: 'https://x/',
    evidence: 'e',
    firstSeen: 1,
    lastSeen: 1,
    count: 1,
  });
  it('shows blocks first, a warning only without blocks, nothing when off or empty', () => {
    expect(
      badgeView({ tabId: 1, url: null, events: [e('page'), e('response', 'google')] }, true),
    ).toMatchObject({
      state: 'blocked',
      text: '2',
      services: ['openai', 'google'],
    });
    expect(badgeView({ tabId: 1, url: null, events: [e('warning')] }, true)).toMatchObject({
      state: 'warning',
      text: '!',
    });
    expect(badgeView({ tabId: 1, url: null, events: [e('page')] }, false)).toEqual({ state: 'none' });
    expect(badgeView({ tabId: 1, url: null, events: [] }, true)).toEqual({ state: 'none' });
  });
});

describe('NotifyGate', () => {
  it('allows one notification per service per local day, across restarts', async () => {
    let now = new Date(2026, 10, 5, 9).getTime();
    const gate = new NotifyGate(browserArea('local'), () => now);
    expect(await gate.claim('openai')).toBe(true);
    expect(await gate.claim('openai')).toBe(false);
    expect(await gate.claim('google')).toBe(true);
    expect(await new NotifyGate(browserArea('local'), () => now).claim('openai')).toBe(false);
    now = new Date(2026, 10, 6, 0, 1).getTime();
    expect(await gate.claim('openai')).toBe(true);
  });

  it('concurrent claims for one service: exactly one wins', async () => {
    const gate = new NotifyGate(browserArea('local'));
    const results = await Promise.all(Array.from({ length: 10 }, () => gate.claim('anthropic')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
