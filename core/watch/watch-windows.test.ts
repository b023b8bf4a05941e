// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddedTextCollector, pageTextOutsideTheConversation } from './page-text';
import { SWEEP_MS, WatchWindows, WINDOW_MS } from './watch-windows';

const BANNER = "Gemini isn't currently supported in your country.";
const mightMatter = (t: string) => /currently supported in your country/i.test(t);

/** A page with a chat thread, the watcher started on it, and what it sent. */
function watchedPage() {
  document.title = 'Chat';
  document.body.innerHTML =
    '<header><nav>Chat</nav></header><main><div id="thread"><article><div class="markdown"><p id="p"></p></div></article></div></main>';
  const sent: string[] = [];
  const collector = new AddedTextCollector(mightMatter, (e) => sent.push(e), {
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
  });
  const onMutations = vi.spyOn(collector, 'onMutations');
  const windows = new WatchWindows({
    document,
    sink: collector,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number },
  });
  windows.start();
  return { sent, windows, onMutations };
}

/** Lets the observer deliver its records (a microtask) and timers due in `ms` run. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function streamTokens(count: number): void {
  const p = document.getElementById('p') as HTMLElement;
  for (let i = 0; i < count; i++) p.append(document.createTextNode(` token${i}`));
}

describe('page-text windows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('observes during the load window and stops observing after it: a stream outside a window costs no callbacks', async () => {
    const { windows, onMutations } = watchedPage();
    expect(windows.isObserving).toBe(true);
    streamTokens(5);
    await advance(0);
    expect(onMutations).toHaveBeenCalled();
    await advance(WINDOW_MS.load);
    expect(windows.isObserving).toBe(false);
    onMutations.mockClear();
    for (let i = 0; i < 10; i++) {
      streamTokens(50);
      await advance(100);
    }
    expect(onMutations).not.toHaveBeenCalled();
    expect(windows.isObserving).toBe(false);
  });

  it('does not read what the user types or pastes into an editor, but reads the same words when the page shows them', async () => {
    const { sent, windows } = watchedPage();
    expect(windows.isObserving).toBe(true);
    const composer = document.createElement('div');
    composer.setAttribute('contenteditable', 'true');
    document.querySelector('main')?.append(composer);
    await advance(0);
    // A pasted refusal arrives as a paragraph, then the user goes on typing into it.
    const pasted = document.createElement('p');
    pasted.textContent = `Why do I get this? ${BANNER}`;
    composer.append(pasted);
    await advance(0);
    (pasted.firstChild as Text).appendData(' Please help.');
    await advance(100);
    expect(sent).toEqual([]);
    // An editor switched off is page text again, and so is the thread.
    const shown = document.createElement('div');
    shown.innerHTML = `<div contenteditable="false"><p>${BANNER}</p></div>`;
    document.getElementById('thread')?.append(shown);
    await advance(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(BANNER);
  });

  it('does not read a turn the user sent, alone or inside a whole conversation turn, but reads the page around it', async () => {
    const { sent } = watchedPage();
    await advance(0);
    const thread = document.getElementById('thread') as HTMLElement;
    // ChatGPT marks the user's turn; a question about another service's block is the user's words.
    const asked = document.createElement('div');
    asked.setAttribute('data-message-author-role', 'user');
    asked.innerHTML = `<p>${BANNER} What can I do?</p>`;
    thread.append(asked);
    await advance(100);
    // Claude's turn, added inside the article that holds it.
    const article = document.createElement('article');
    article.innerHTML = `<div data-testid="user-message"><p>Why does it say ${BANNER}</p></div><div><p>Here is why.</p></div>`;
    thread.append(article);
    // AI Studio's input turn.
    const studio = document.createElement('div');
    studio.className = 'turn input';
    studio.innerHTML = `<ms-cmark-node><p>${BANNER}</p></ms-cmark-node>`;
    thread.append(studio);
    // Copilot's user turn.
    const copilot = document.createElement('div');
    copilot.setAttribute('data-content', 'user-message');
    copilot.innerHTML = `<p>My bank app says: ${BANNER}</p>`;
    thread.append(copilot);
    await advance(100);
    expect(sent).toEqual([]);
    // The page's own banner after it is read.
    const banner = document.createElement('div');
    banner.setAttribute('role', 'alert');
    banner.textContent = BANNER;
    thread.append(banner);
    await advance(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(BANNER);
  });

  it("does not read the model's answer, streamed or added whole, but reads an error shown beside it in the turn", async () => {
    const { sent } = watchedPage();
    await advance(0);
    const thread = document.getElementById('thread') as HTMLElement;
    // ChatGPT: the answer streams into the prose of the assistant's turn, explaining a refusal in its words.
    const turn = document.createElement('div');
    turn.setAttribute('data-message-author-role', 'assistant');
    turn.innerHTML = '<div class="markdown prose"><p></p></div>';
    thread.append(turn);
    const prose = turn.querySelector('p') as HTMLElement;
    for (const token of ['That message, "', BANNER, '", means Google does not serve your region.']) {
      prose.append(document.createTextNode(token));
      await advance(60);
    }
    // Claude and Gemini: a whole answer added at once, inside the turn that holds it.
    const claude = document.createElement('div');
    claude.innerHTML = `<div class="font-claude-message"><p>You may see: ${BANNER}</p></div>`;
    thread.append(claude);
    const gemini = document.createElement('model-response');
    gemini.innerHTML = `<message-content class="model-response-text"><p>It says ${BANNER}</p></message-content>`;
    thread.append(gemini);
    // AI Studio's output turn and Grok's markdown wrapper.
    const studio = document.createElement('div');
    studio.className = 'turn output';
    studio.innerHTML = `<ms-cmark-node><p>It says ${BANNER}</p></ms-cmark-node>`;
    thread.append(studio);
    const grok = document.createElement('div');
    grok.className = 'relative response-content-markdown markdown';
    grok.innerHTML = `<p>It says ${BANNER}</p>`;
    thread.append(grok);
    // Perplexity: the answer's prose inside its thread column.
    const perplexity = document.createElement('div');
    perplexity.className = 'max-w-threadContentWidth mx-auto';
    perplexity.innerHTML = `<div class="prose text-pretty dark:prose-invert"><p>It says ${BANNER}</p></div>`;
    thread.append(perplexity);
    await advance(100);
    expect(sent).toEqual([]);
    // An error the page shows in the assistant's turn, outside the answer's prose, is the page speaking.
    const error = document.createElement('div');
    error.textContent = BANNER;
    turn.append(error);
    await advance(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(BANNER);
    // One element holding an answer whose marks nest and the page's own notice: the notice is read,
    // not taken out with the same words the answer holds.
    const nested = document.createElement('section');
    nested.innerHTML = `<div class="font-claude-message"><div class="response-content-markdown"><p>${BANNER}</p></div></div><div role="alert">Notice: ${BANNER}</div>`;
    thread.append(nested);
    await advance(100);
    expect(sent).toHaveLength(2);
    // A page styled with Tailwind may set its own notice in a bare `.prose`: that is read.
    const notice = document.createElement('article');
    notice.className = 'prose dark:prose-invert';
    notice.innerHTML = `<p>Service notice: ${BANNER}</p>`;
    thread.append(notice);
    await advance(100);
    expect(sent).toHaveLength(3);
  });

  it('does not read the titles of the user’s conversations, projects and GPTs, but reads other links', async () => {
    const { sent } = watchedPage();
    await advance(0);
    // The history list arrives whole after load; a title was made from a question about a block.
    const history = document.createElement('nav');
    history.innerHTML = `<a href="/c/6f1e">${BANNER}</a><a href="/chat/9a2b">Python list sorting</a>`;
    document.body.append(history);
    // A custom GPT's card in the store and a Claude project's card: what their makers wrote.
    const store = document.createElement('div');
    store.innerHTML = `<a href="/g/g-3xYz-geo-helper"><div>Geo helper</div><div>Explains: ${BANNER}</div></a><a href="/project/77aa"><p>${BANNER}</p></a>`;
    document.getElementById('thread')?.append(store);
    await advance(100);
    expect(sent).toEqual([]);
    // A block page's own words beside a help link are the page speaking.
    const page = document.createElement('div');
    page.innerHTML = `<p>${BANNER}</p><a href="/help/regions">Supported regions</a>`;
    document.getElementById('thread')?.append(page);
    await advance(100);
    expect(sent).toHaveLength(1);
  });

  it('reads the page’s text at idle without its editors’ drafts, the user’s turns, the answers or the titles', () => {
    document.body.innerHTML = `<main><p>Welcome back</p><div contenteditable="true"><p>${BANNER}</p></div></main>`;
    const text = pageTextOutsideTheConversation(document.body);
    expect(text).toContain('Welcome back');
    expect(text).not.toContain(BANNER);
    document.body.innerHTML = `<main><p>${BANNER}</p></main>`;
    expect(pageTextOutsideTheConversation(document.body)).toContain(BANNER);
    document.body.innerHTML = `<main><p>Welcome back</p><div class="query-text"><p>${BANNER}</p></div></main>`;
    expect(pageTextOutsideTheConversation(document.body)).not.toContain(BANNER);
    document.body.innerHTML = `<main><p>Welcome back</p><div class="font-claude-message"><p>${BANNER}</p></div></main>`;
    expect(pageTextOutsideTheConversation(document.body)).not.toContain(BANNER);
    document.body.innerHTML = `<nav><a href="/c/1">${BANNER}</a></nav><main><p>Welcome back</p></main>`;
    expect(pageTextOutsideTheConversation(document.body)).not.toContain(BANNER);
    expect(pageTextOutsideTheConversation(null)).toBe('');
  });

  it('catches a banner appended to <body> outside a window, by the next sweep', async () => {
    const { sent, windows } = watchedPage();
    await advance(WINDOW_MS.load + 10);
    expect(windows.isObserving).toBe(false);
    const toast = document.createElement('div');
    toast.innerHTML = `<div><span>${BANNER}</span></div>`;
    document.body.append(toast);
    await advance(0);
    expect(sent).toEqual([]);
    await advance(SWEEP_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(BANNER);
    // What it found opens a window for what follows.
    expect(windows.isObserving).toBe(true);
    expect(windows.opened.sweepFound).toBe(1);
  });

  it('catches a banner nested deep inside the page (not a body child) when it sits in an alert, outside a window', async () => {
    const { sent, windows } = watchedPage();
    await advance(WINDOW_MS.load + 10);
    const deep = document.getElementById('thread') as HTMLElement;
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    alert.innerHTML = `<section><div><p><span>${BANNER}</span></p></div></section>`;
    deep.append(alert);
    await advance(SWEEP_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(BANNER);
    expect(windows.opened.sweepFound).toBe(1);
  });

  it('catches a banner in a <dialog> and a toast added to an existing live region, outside windows', async () => {
    const { sent } = watchedPage();
    const live = document.createElement('section');
    live.setAttribute('aria-live', 'polite');
    (document.querySelector('main') as HTMLElement).append(live);
    await advance(WINDOW_MS.load + 10);
    const dialog = document.createElement('dialog');
    dialog.innerHTML = `<form><p>${BANNER}</p></form>`;
    (document.getElementById('thread') as HTMLElement).append(dialog);
    await advance(SWEEP_MS);
    expect(sent).toHaveLength(1);
    // Let that window close, then a toast lands in the live region that existed all along.
    await advance(WINDOW_MS.sweepFound + 10);
    const toast = document.createElement('li');
    toast.textContent = `Error 403: ${BANNER} (again)`;
    live.append(toast);
    await advance(SWEEP_MS);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('(again)');
  });

  it('reads a changed title outside a window', async () => {
    const { sent } = watchedPage();
    await advance(WINDOW_MS.load + 10);
    document.title = BANNER;
    await advance(SWEEP_MS);
    expect(sent).toEqual([BANNER]);
  });

  it('a failed request opens a window: a banner deep in the thread, in no notable place, is read at once', async () => {
    const { sent, windows } = watchedPage();
    await advance(WINDOW_MS.load + 10);
    windows.arm('failedRequest');
    expect(windows.isObserving).toBe(true);
    const p = document.createElement('p');
    p.textContent = BANNER;
    (document.getElementById('thread') as HTMLElement).append(p);
    await advance(0);
    expect(sent.map((e) => e.trim())).toEqual([BANNER]);
    await advance(WINDOW_MS.failedRequest);
    expect(windows.isObserving).toBe(false);
  });

  it('outside a window the sweep does not read the thread itself (that is what windows are for)', async () => {
    const { sent } = watchedPage();
    await advance(WINDOW_MS.load + 10);
    const p = document.createElement('p');
    p.textContent = BANNER;
    (document.getElementById('thread') as HTMLElement).append(p);
    await advance(SWEEP_MS * 3);
    expect(sent).toEqual([]);
  });

  it('a window armed again before it closes is lengthened, not doubled', async () => {
    const { windows } = watchedPage();
    await advance(WINDOW_MS.load - 100);
    windows.arm('failedRequest');
    await advance(WINDOW_MS.failedRequest - 50);
    expect(windows.isObserving).toBe(true);
    await advance(100);
    expect(windows.isObserving).toBe(false);
  });

  it('hands over what the observer queued when a window closes', async () => {
    const { sent, windows } = watchedPage();
    await advance(WINDOW_MS.load - 1);
    const p = document.createElement('p');
    p.textContent = BANNER;
    document.body.append(p);
    // The close timer fires before the observer's microtask would have delivered the record.
    await advance(1);
    expect(windows.isObserving).toBe(false);
    await advance(100);
    expect(sent.map((e) => e.trim())).toEqual([BANNER]);
  });

  it('stops for good when the extension goes away', async () => {
    const { sent, windows } = watchedPage();
    windows.stop();
    document.body.append(Object.assign(document.createElement('div'), { textContent: BANNER }));
    await advance(WINDOW_MS.load + SWEEP_MS * 3);
    windows.arm('failedRequest');
    expect(windows.isObserving).toBe(false);
    expect(sent).toEqual([]);
  });
});
