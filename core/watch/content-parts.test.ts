import { describe, expect, it, vi } from 'vitest';
import {
  hostMatcher,
  installFetchTap,
  readTapMessage,
  TAP_BODY_LIMIT,
  TAP_MARK,
  type TapMessage,
} from './fetch-tap';
import {
  AddedTextCollector,
  EXCERPT_CHARS,
  matchingExcerpts,
  THROTTLE_MS,
  URGENT_BUDGET_CHARS,
  URGENT_CHARS,
} from './page-text';

const watched = hostMatcher(['api.openai.com', 'chatgpt.com'], ['bedrock-runtime.*.amazonaws.com']);

describe('hostMatcher', () => {
  it('matches exact hosts and one-label patterns only', () => {
    expect(watched('https://api.openai.com/v1/x?y')).toBe(true);
    expect(watched('https://bedrock-runtime.us-east-1.amazonaws.com/model')).toBe(true);
    expect(watched('https://bedrock-runtime.a.b.amazonaws.com/')).toBe(false);
    expect(watched('https://evil-api.openai.com.example/')).toBe(false);
    expect(watched('not a url')).toBe(false);
  });
});

function fakeWindow(respond: (input: unknown) => Promise<Response>) {
  const win = { fetch: vi.fn(respond), XMLHttpRequest: undefined } as unknown as typeof globalThis;
  const posted: TapMessage[] = [];
  const cues: number[] = [];
  installFetchTap(
    win,
    watched,
    (m) => posted.push(m),
    () => cues.push(posted.length),
  );
  return { win, posted, cues };
}
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('installFetchTap', () => {
  it('returns the very response, reads a 4xx body from a watched host, and leaves the page’s body intact', async () => {
    const body = JSON.stringify({ error: { code: 'unsupported_country_region_territory' } });
    const { win, posted, cues } = fakeWindow(async () => {
      const r = new Response(body, { status: 403, headers: { 'content-type': 'application/json' } });
      Object.defineProperty(r, 'url', { value: 'https://api.openai.com/v1/chat/completions' });
      return r;
    });
    const response = await win.fetch('https://api.openai.com/v1/chat/completions');
    // The cue went out before the page's own code got the response, the report later.
    expect(cues).toEqual([0]);
    expect(await response.text()).toBe(body);
    await settle();
    expect(posted).toEqual([
      {
        [TAP_MARK]: 1,
        url: 'https://api.openai.com/v1/chat/completions',
        status: 403,
        contentType: 'application/json',
        body,
      },
    ]);
  });

  it('does not clone or read 2xx responses or other hosts', async () => {
    const clone = vi.spyOn(Response.prototype, 'clone');
    const { win, posted } = fakeWindow(async (input) => {
      const r = new Response('x', { status: String(input).includes('ok') ? 200 : 404 });
      Object.defineProperty(r, 'url', { value: String(input) });
      return r;
    });
    await win.fetch('https://api.openai.com/ok');
    await win.fetch('https://cdn.example.com/missing');
    await settle();
    expect(clone).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
  });

  it('rethrows the page’s errors unchanged and keeps the function looking native', async () => {
    const error = new TypeError('Failed to fetch');
    const { win } = fakeWindow(async () => {
      throw error;
    });
    await expect(win.fetch('https://api.openai.com/')).rejects.toBe(error);
    // toString prints the original function (here the test's stand-in), name and all.
    const printed = Function.prototype.toString.call(win.fetch);
    expect(printed).not.toBe('function () { [native code] }');
    expect(Function.prototype.toString.call(Function.prototype.toString)).toMatch(
      /^function toString\(\) \{\s*\[native code\]\s*\}$/,
    );
  });

  it('posts a network failure on a watched host as status 0 without a body, but not the page’s own cancellations', async () => {
    const { win, posted, cues } = fakeWindow(async (input) => {
      if (String(input).includes('abort'))
        throw new DOMException('The user aborted a request.', 'AbortError');
      throw new TypeError('Failed to fetch');
    });
    await expect(win.fetch('https://chatgpt.com/backend-api/conversation?x=1')).rejects.toThrow(TypeError);
    await expect(win.fetch(new URL('https://cdn.example.com/x'))).rejects.toThrow(TypeError);
    await expect(win.fetch('https://chatgpt.com/abort')).rejects.toThrow('aborted');
    await settle();
    expect(cues).toEqual([0]);
    expect(posted).toEqual([
      {
        [TAP_MARK]: 1,
        url: 'https://chatgpt.com/backend-api/conversation?x=1',
        status: 0,
        contentType: '',
        body: '',
      },
    ]);
    expect(readTapMessage(posted[0])).toEqual(posted[0]);
  });

  it('reads at most TAP_BODY_LIMIT characters of a huge error body', async () => {
    const { win, posted } = fakeWindow(async () => {
      const r = new Response('e'.repeat(1_000_000), { status: 500 });
      Object.defineProperty(r, 'url', { value: 'https://chatgpt.com/backend-api' });
      return r;
    });
    const response = await win.fetch('https://chatgpt.com/backend-api');
    expect((await response.text()).length).toBe(1_000_000);
    await settle();
    expect(posted[0]?.body.length).toBe(TAP_BODY_LIMIT);
  });
});

describe('readTapMessage (isolated world: everything from the page is untrusted)', () => {
  const ok = {
    [TAP_MARK]: 1,
    url: 'https://api.openai.com/v1',
    status: 403,
    contentType: 'application/json',
    body: 'x',
  };
  it.each([
    ['a string', 'hello'],
    ['no mark', { ...ok, [TAP_MARK]: undefined }],
    ['a 200', { ...ok, status: 200 }],
    ['a 1xx', { ...ok, status: 101 }],
    ['a negative status', { ...ok, status: -1 }],
    ['a float status', { ...ok, status: 403.5 }],
    ['javascript: url', { ...ok, url: 'javascript:alert(1)' }],
    ['a huge body', { ...ok, body: 'x'.repeat(TAP_BODY_LIMIT + 1) }],
    ['a non-string body', { ...ok, body: { length: 1 } }],
  ])('refuses %s', (_n, data) => {
    expect(readTapMessage(data)).toBeNull();
  });
  it('returns a clean copy without extra fields', () => {
    expect(readTapMessage({ ...ok, extra: 'x' })).toEqual(ok);
  });
});

describe('page text', () => {
  const mightMatter = (t: string) => /not available in your country/i.test(t);

  it('finds a phrase deep in a long text and sends a bounded window around it', () => {
    const text = `${'chat '.repeat(5000)}Sorry, this is not available in your country. ${'more '.repeat(3000)}`;
    const [excerpt, ...rest] = matchingExcerpts(text, mightMatter);
    expect(excerpt).toContain('not available in your country');
    expect(excerpt?.length).toBeLessThanOrEqual(EXCERPT_CHARS);
    expect(rest.length).toBeLessThanOrEqual(2);
    expect(matchingExcerpts('nothing here', mightMatter)).toEqual([]);
  });

  it('throttles: many mutations arm one timer, processed once, and only added text is read', () => {
    const timers: Array<() => void> = [];
    const sent: string[] = [];
    const collector = new AddedTextCollector(mightMatter, (e) => sent.push(e), {
      setTimeout: (fn, ms) => {
        expect(ms).toBe(THROTTLE_MS);
        timers.push(fn);
        return timers.length;
      },
    });
    const node = (text: string, nodeName = 'DIV') =>
      ({ nodeType: 1, nodeName, textContent: text, isConnected: true }) as unknown as Node;
    const record = (n: Node) => ({ type: 'childList', addedNodes: [n] }) as unknown as MutationRecord;
    for (let i = 0; i < 500; i++) collector.onMutations([record(node(`token number ${i} streaming`))]);
    collector.onMutations([record(node('console.log("not available in your country")', 'SCRIPT'))]);
    collector.onMutations([record(node('This service is not available in your country.'))]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('This service is not available in your country.');
    expect(sent[0]).not.toContain('console.log');
    // A banner inserted alone, then the very same one again: sent once.
    collector.onMutations([record(node('Error: not available in your country'))]);
    timers[1]?.();
    collector.onMutations([record(node('Error: not available in your country'))]);
    timers[2]?.();
    expect(sent).toHaveLength(2);
  });

  it('reads an element that arrives with a sentence of text at once, within a text budget per throttle window', () => {
    const timers: Array<() => void> = [];
    const sent: string[] = [];
    const collector = new AddedTextCollector(mightMatter, (e) => sent.push(e), {
      setTimeout: (fn) => timers.push(fn),
    });
    const element = (text: string) =>
      ({ nodeType: 1, nodeName: 'DIV', textContent: text, isConnected: true }) as unknown as Node;
    const textNode = (text: string) =>
      ({ nodeType: 3, nodeName: '#text', textContent: text, isConnected: true }) as unknown as Node;
    const record = (n: Node) => ({ type: 'childList', addedNodes: [n] }) as unknown as MutationRecord;
    const banner = 'Gemini is not available in your country yet.';
    expect(banner.length).toBeGreaterThanOrEqual(URGENT_CHARS);

    // Tokens (text nodes) only collect, whatever their length.
    collector.onMutations([record(textNode(`streamed text: ${banner}`))]);
    expect(sent).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(sent).toHaveLength(1);

    // A code block came first in the window; the banner after it is still read at once.
    const code = `const x = 1; // ${'a'.repeat(500)}`;
    collector.onMutations([record(element(code))]);
    expect(timers).toHaveLength(2);
    collector.onMutations([record(element(`Error. ${banner}`))]);
    expect(sent).toHaveLength(2);
    expect(timers).toHaveLength(2);
    // Once the window's budget is spent, elements wait for the tick.
    const used = code.length + `Error. ${banner}`.length;
    collector.onMutations([record(element('b'.repeat(URGENT_BUDGET_CHARS - used - 10)))]);
    collector.onMutations([record(element(`Third: ${banner}`))]);
    expect(sent).toHaveLength(2);
    timers[1]?.();
    expect(sent.length).toBeGreaterThan(2);
    const afterTick = sent.length;
    // The next window has its budget again.
    collector.onMutations([record(element(`Fourth: ${banner}`))]);
    expect(sent).toHaveLength(afterTick + 1);
    expect(timers).toHaveLength(3);
    timers[2]?.();
    // A short element (a token in a span) is not urgent: it waits for the tick.
    collector.onMutations([record(element('not available in your country'.slice(0, URGENT_CHARS - 1)))]);
    expect(sent).toHaveLength(afterTick + 1);
    timers[3]?.();
    expect(sent).toHaveLength(afterTick + 2);
  });
});
