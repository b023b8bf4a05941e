import { describe, expect, it } from 'vitest';
import { findProduct } from '../services';
import type { KeyValueArea } from '../storage/key-value-area';
import type { ExitCheckAnswer } from './exit-check';
import { ExitChecks, fetchTrace } from './exit-check';
import { EXIT_CHECK_INTERVAL_MS } from './exit-check-scheduler';
import { REGIONS } from './regions';

function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      return Object.fromEntries(
        keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]),
      );
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of keys) data.delete(k);
    },
    async keys() {
      return [...data.keys()];
    },
  };
}

const traceBody = (loc: string | null) =>
  ['fl=123f45', 'h=chatgpt.com', 'ip=203.0.113.9', ...(loc ? [`loc=${loc}`] : []), 'tls=TLSv1.3', ''].join(
    '\n',
  );

interface Harness {
  checks: ExitChecks;
  requests: Array<{ url: string; init: RequestInit }>;
  warnings: Array<{ tabId: number; url: string; answer: ExitCheckAnswer }>;
  clock: { t: number };
  setAnswer(answer: () => Promise<Response>): void;
  setOn(on: boolean): void;
  area: ReturnType<typeof memoryArea>;
  restart(): ExitChecks;
}

function harness(options: { on?: boolean; watched?: (s: string) => boolean } = {}): Harness {
  const area = memoryArea();
  const clock = { t: Date.UTC(2026, 10, 26, 9) };
  const requests: Harness['requests'] = [];
  const warnings: Harness['warnings'] = [];
  let on = options.on ?? true;
  let answer: () => Promise<Response> = async () => new Response(traceBody('CN'));
  const make = () =>
    new ExitChecks({
      area,
      fetch: async (url, init) => {
        requests.push({ url, init });
        return answer();
      },
      settings: async () => ({ exitCheckOnOpen: on }),
      productOf: (url) => findProduct(url),
      isWatched: async (s) => options.watched?.(s) ?? true,
      onNotServed: async (tab, a) => void warnings.push({ tabId: tab.tabId, url: tab.url, answer: a }),
      now: () => clock.t,
      timeoutMs: 50,
      warn: () => {},
    });
  const h: Harness = {
    checks: make(),
    requests,
    warnings,
    clock,
    area,
    setAnswer: (a) => {
      answer = a;
    },
    setOn: (v) => {
      on = v;
    },
    restart: () => {
      h.checks = make();
      return h.checks;
    },
  };
  return h;
}

describe('ExitChecks: the automatic check when a tab opens a service', () => {
  it('sends nothing while the setting is off (the default)', async () => {
    const h = harness({ on: false });
    expect(await h.checks.tabOpened(1, 'https://chatgpt.com/')).toBe('off');
    expect(h.requests).toEqual([]);
    expect(await h.checks.answerFor('https://chatgpt.com/')).toBeNull();
  });

  it('asks the tab’s own host for its trace, without credentials, and warns when CN is not served', async () => {
    const h = harness();
    expect(await h.checks.tabOpened(7, 'https://chatgpt.com/c/abc')).toBe('checked');
    expect(h.requests.map((r) => r.url)).toEqual(['https://chatgpt.com/cdn-cgi/trace']);
    expect(h.requests[0]?.init.credentials).toBe('omit');
    expect(h.warnings).toHaveLength(1);
    const w = h.warnings[0];
    expect(w?.tabId).toBe(7);
    expect(w?.answer).toMatchObject({
      host: 'chatgpt.com',
      service: 'openai',
      product: 'chatgpt',
      country: 'CN',
      decision: 'not-served',
      list: { id: 'openai-chatgpt', stale: false },
      via: 'open',
    });
    expect(w?.answer.list?.source).toMatch(/^https:\/\/help\.openai\.com\//);
  });

  it('checks a host at most once per 30 minutes; a tab opened meanwhile reuses the answer and still gets its warning', async () => {
    const h = harness();
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    h.clock.t += EXIT_CHECK_INTERVAL_MS - 1;
    expect(await h.checks.tabOpened(2, 'https://chatgpt.com/')).toBe('reused');
    expect(h.requests).toHaveLength(1);
    expect(h.warnings.map((w) => w.tabId)).toEqual([1, 2]);
    h.clock.t += 1;
    expect(await h.checks.tabOpened(3, 'https://chatgpt.com/')).toBe('checked');
    expect(h.requests).toHaveLength(2);
  });

  it('rate limits per host: claude.ai is checked even right after chatgpt.com', async () => {
    const h = harness();
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    await h.checks.tabOpened(2, 'https://claude.ai/new');
    expect(h.requests.map((r) => r.url)).toEqual([
      'https://chatgpt.com/cdn-cgi/trace',
      'https://claude.ai/cdn-cgi/trace',
    ]);
  });

  it('checks again at once after a block or a network error on that host', async () => {
    const h = harness();
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    h.checks.trouble('https://chatgpt.com/backend-api/conversation');
    expect(await h.checks.tabOpened(1, 'https://chatgpt.com/')).toBe('checked');
    expect(h.requests).toHaveLength(2);
    // Trouble elsewhere does not make chatgpt.com due.
    h.checks.trouble('https://claude.ai/');
    h.checks.trouble('https://example.com/');
    expect(await h.checks.tabOpened(1, 'https://chatgpt.com/')).toBe('reused');
    expect(h.requests).toHaveLength(2);
  });

  it('a trace that fails to connect is unknown, logs nothing, and lets the next open check at once', async () => {
    const h = harness();
    h.setAnswer(async () => {
      throw new TypeError('Failed to fetch');
    });
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    expect(h.warnings).toEqual([]);
    expect(await h.checks.answerFor('https://chatgpt.com/')).toMatchObject({
      country: null,
      decision: 'unknown',
      reason: 'checkNetworkError',
    });
    h.setAnswer(async () => new Response(traceBody('CN')));
    expect(await h.checks.tabOpened(1, 'https://chatgpt.com/')).toBe('checked');
    expect(h.warnings).toHaveLength(1);
  });

  it('times out after the limit with "unknown"', async () => {
    const h = harness();
    h.setAnswer(
      () =>
        new Promise<Response>((_, reject) => {
          // Like fetch: rejects when the signal aborts.
          const signal = h.requests.at(-1)?.init.signal;
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    expect(await h.checks.answerFor('https://chatgpt.com/')).toMatchObject({ reason: 'checkTimeout' });
    expect(h.warnings).toEqual([]);
  });

  it('served (JP) is a quiet answer: no warning, and the popup gets the list, its date and source', async () => {
    const h = harness();
    h.setAnswer(async () => new Response(traceBody('JP')));
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    expect(h.warnings).toEqual([]);
    const answer = await h.checks.answerFor('https://chatgpt.com/');
    const list = REGIONS.lists.find((l) => l.id === 'openai-chatgpt');
    expect(answer).toMatchObject({
      country: 'JP',
      decision: 'served',
      list: { id: 'openai-chatgpt', asOf: list?.asOf, source: list?.source },
      checkedAt: h.clock.t,
    });
  });

  it.each([
    ['T1 (Tor)', traceBody('T1'), 'exitSpecialCountry'],
    ['XX', traceBody('XX'), 'exitSpecialCountry'],
    ['no loc line', traceBody(null), 'exitNoCountry'],
    ['garbage', 'not a trace at all', 'exitNoCountry'],
    ['an HTML error page', '<!doctype html><html><body>loc=CN</body></html>', 'exitNoCountry'],
    ['a huge body', `loc=CN\n${'a=b\n'.repeat(10_000)}`, 'exitNoCountry'],
  ])('%s is unknown: nothing logged', async (_name, body, reason) => {
    const h = harness();
    h.setAnswer(async () => new Response(body));
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    expect(h.warnings).toEqual([]);
    const answer = await h.checks.answerFor('https://chatgpt.com/');
    expect(answer?.decision).toBe('unknown');
    expect(answer?.reason).toBe(reason);
  });

  it('an error status is unknown, never a guess from its body', async () => {
    const h = harness();
    h.setAnswer(async () => new Response(traceBody('CN'), { status: 503 }));
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    expect(h.warnings).toEqual([]);
    expect((await h.checks.answerFor('https://chatgpt.com/'))?.reason).toBe('checkUnexpectedAnswer');
  });

  it('two tabs opening the same host at once make one request, and both are warned', async () => {
    const h = harness();
    const [a, b] = await Promise.all([
      h.checks.tabOpened(1, 'https://chatgpt.com/'),
      h.checks.tabOpened(2, 'https://chatgpt.com/'),
    ]);
    expect([a, b].sort()).toEqual(['checked', 'reused']);
    expect(h.requests).toHaveLength(1);
    expect(h.warnings.map((w) => w.tabId).sort()).toEqual([1, 2]);
  });

  it('asks no host without a trace (Gemini) or without a published list (Grok), nor unwatched services', async () => {
    const h = harness({ watched: (s) => s !== 'anthropic' });
    expect(await h.checks.tabOpened(1, 'https://gemini.google.com/app')).toBe('noTrace');
    expect(await h.checks.tabOpened(1, 'https://grok.com/')).toBe('noList');
    expect(await h.checks.tabOpened(1, 'https://claude.ai/')).toBe('notWatched');
    expect(await h.checks.tabOpened(1, 'https://example.com/')).toBe('noTrace');
    expect(h.requests).toEqual([]);
  });

  it('judges the answer for the tab’s own product: platform.openai.com uses the API list', async () => {
    const h = harness();
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    const answer = await h.checks.answerFor('https://platform.openai.com/settings');
    expect(answer).toMatchObject({ host: 'chatgpt.com', product: 'platform', list: { id: 'openai-api' } });
    expect(await h.checks.answerFor('https://claude.ai/')).toBeNull();
  });

  it('keeps its schedule and answers across a service-worker restart', async () => {
    const h = harness();
    await h.checks.tabOpened(1, 'https://chatgpt.com/');
    const restarted = h.restart();
    expect(await restarted.tabOpened(2, 'https://chatgpt.com/')).toBe('reused');
    expect(h.requests).toHaveLength(1);
    expect((await restarted.answerFor('https://chatgpt.com/'))?.country).toBe('CN');
  });

  it('ignores corrupted stored state instead of failing', async () => {
    const h = harness();
    await h.area.set({
      'exit.schedule': { lastChecked: 'nope' },
      'exit.answers': { 'chatgpt.com': { x: 1 } },
    });
    const restarted = h.restart();
    expect(await restarted.tabOpened(1, 'https://chatgpt.com/')).toBe('checked');
  });

  it('"Check now" answers become the latest answer and reset the 30 minutes', async () => {
    const h = harness();
    await h.checks.checkedNow('chatgpt.com', { service: 'openai', product: 'chatgpt' }, 'JP', null);
    expect(await h.checks.answerFor('https://chatgpt.com/')).toMatchObject({
      country: 'JP',
      via: 'checkNow',
    });
    expect(await h.checks.tabOpened(1, 'https://chatgpt.com/')).toBe('reused');
    expect(h.requests).toEqual([]);
  });
});

describe('fetchTrace', () => {
  it('reads at most a trace’s worth of a body that never ends', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('a=b\n'.repeat(1024)));
      },
    });
    const result = await fetchTrace('chatgpt.com', { fetch: async () => new Response(endless) });
    expect(result.country).toBeNull();
    expect(pulled).toBeLessThan(10);
  });
});
