import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LogEvent } from '../log/event';
import { browserArea } from '../log/key-value-area';
import { RateLimiter } from '../messaging/rate-limit';
import { badgeView } from './badge';
import { NotifyGate } from './notify-gate';
import { readBodyPrefix, type StreamFilterLike } from './response-body';
import { pickHeaders, redirectObservation, responseObservation } from './web-request';

beforeEach(() => fakeBrowser.reset());

function fakeFilter() {
  const written: Uint8Array[] = [];
  const f: StreamFilterLike & { written: Uint8Array[]; closed: boolean; disconnected: boolean } = {
    ondata: null,
    onstop: null,
    onerror: null,
    written,
    closed: false,
    disconnected: false,
    write: (d) => void written.push(new Uint8Array(d)),
    close() {
      f.closed = true;
    },
    disconnect() {
      f.disconnected = true;
    },
  };
  return f;
}
const bytes = (s: string) => new TextEncoder().encode(s).buffer as ArrayBuffer;

describe('readBodyPrefix (Firefox filterResponseData)', () => {
  it('passes every chunk through untouched, in order, and decodes the body', () => {
    const f = fakeFilter();
    let got: string | null = null;
    readBodyPrefix(f, 'application/json; charset=utf-8', (t) => {
      got = t;
    });
    const parts = ['{"error":{"code":"unsupported_', 'country_region_territory"', ',"msg":"不支持"}}'];
    for (const p of parts) f.ondata?.({ data: bytes(p) });
    f.onstop?.({});
    expect(new TextDecoder().decode(Buffer.concat(f.written))).toBe(parts.join(''));
    expect(got).toBe(parts.join(''));
    expect(f.closed).toBe(true);
  });

  it('keeps at most the limit, then disconnects so the rest streams straight to the page', () => {
    const f = fakeFilter();
    let got = '';
    readBodyPrefix(
      f,
      undefined,
      (t) => {
        got = t;
      },
      10,
    );
    f.ondata?.({ data: bytes('0123456') });
    f.ondata?.({ data: bytes('789abcdef') });
    expect(got).toBe('0123456789');
    expect(f.disconnected).toBe(true);
    expect(new TextDecoder().decode(Buffer.concat(f.written))).toBe('0123456789abcdef');
  });

  it('decodes a declared legacy charset and falls back to UTF-8 for nonsense', () => {
    const f = fakeFilter();
    let got = '';
    readBodyPrefix(f, 'text/html; charset=bogus-charset', (t) => {
      got = t;
    });
    f.ondata?.({ data: bytes('ok') });
    f.onerror?.({});
    expect(got).toBe('ok');
  });
});

describe('webRequest observations', () => {
  it('keeps only relevant headers, lower-cased', () => {
    expect(
      pickHeaders([
        { name: 'CF-Mitigated', value: 'challenge' },
        { name: 'Set-Cookie', value: 'secret=1' },
        { name: 'Location', value: '/x' },
      ]),
    ).toEqual({ 'cf-mitigated': 'challenge', location: '/x' });
    expect(responseObservation({ url: 'https://api.openai.com/v1', statusCode: 403 })).toEqual({
      kind: 'response',
      url: 'https://api.openai.com/v1',
      status: 403,
      headers: {},
    });
    expect(
      redirectObservation({
        url: 'https://claude.ai/',
        redirectUrl: 'https://claude.com/app-unavailable-in-region',
        statusCode: 302,
      }),
    ).toEqual({
      kind: 'navigation',
      url: 'https://claude.com/app-unavailable-in-region',
      from: 'https://claude.ai/',
      status: 302,
    });
  });
});

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
