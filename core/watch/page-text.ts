/**
 * Page-text watching for the isolated content script: check the document once when idle, then
 * only newly added nodes, collected by a MutationObserver and processed on a throttle (the first
 * mutation arms one timer; later ones only collect). A debounce would never fire while a chat
 * streams tokens about every 16 ms. An element that arrives holding a sentence of text
 * is read at once (URGENT_CHARS). A cheap keyword prefilter decides what is sent;
 * only bounded excerpts leave the page.
 *
 * Imports nothing heavy: `mightMatter` is core/detection/page-triggers' prefilter, passed in.
 */

export const THROTTLE_MS = 50;
/**
 * An element that arrives already holding this much text (a banner, a dialog, a new page body)
 * is read at once instead of at the next throttle tick: streamed tokens are shorter, and the wait
 * was most of a banner's time to the log (bench/findings.md).
 */
export const URGENT_CHARS = 32;
/**
 * How much text such reads may take per throttle window; later elements wait for the tick. A
 * budget of text rather than of reads: a code block that came first in the window no longer
 * makes a banner wait (it did once in 14 bench runs), while a page that re-renders whole
 * paragraphs per token still reads at most this much at once per 50 ms.
 */
export const URGENT_BUDGET_CHARS = 8 * 1024;
export const EXCERPT_CHARS = 2048;
/** Overlap between windows so a phrase cut at a window edge is still whole in the next one. */
const OVERLAP = 256;
const SKIP = new Set([
  // What the user is typing is not what the page says (a refusal pasted into a prompt to ask about it).
  'TEXTAREA',
  'SCRIPT',
  'STYLE',
  'META',
  'NOSCRIPT',
  'TEMPLATE',
  'LINK',
  'SVG',
  'CANVAS',
  'VIDEO',
  'AUDIO',
]);
/** A batch reads at most this much text; a huge insertion is sampled, not read whole. */
const BATCH_TEXT_LIMIT = 256 * 1024;
const MAX_EXCERPTS_PER_BATCH = 3;

/** Windows of `text` (about EXCERPT_CHARS each) in which the prefilter sees something. */
export function matchingExcerpts(
  text: string,
  mightMatter: (t: string) => boolean,
  max = MAX_EXCERPTS_PER_BATCH,
): string[] {
  const out: string[] = [];
  if (!text.trim()) return out;
  if (text.length <= EXCERPT_CHARS) return mightMatter(text) ? [text] : out;
  let start = 0;
  while (start < text.length && out.length < max) {
    const window = text.slice(start, start + EXCERPT_CHARS);
    const hit = mightMatter(window);
    if (hit) out.push(window);
    if (start + EXCERPT_CHARS >= text.length) break;
    // After a hit, move past it (no overlap, so the same phrase is not sent twice).
    start += hit ? EXCERPT_CHARS : EXCERPT_CHARS - OVERLAP;
  }
  return out;
}

/** An editor (a chat's prompt box, ProseMirror, a rich text area) marks what the user is typing. */
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

/**
 * How the chat pages mark the user's own sent turns, as public exporters and navigators read them:
 * ChatGPT `[data-message-author-role="user"]` (github.com/hmlatapie/ChatSaver README), Claude
 * `[data-testid="user-message"]` and the older `.font-user-message`
 * (github.com/Surajsm60720/llm-chat-navigator claude-selector-finder.js,
 * github.com/agarwalvishal/claude-chat-exporter claude-chat-exporter.js), Gemini `.query-text` and
 * Perplexity `group/query` (github.com/SuryaSankar/gptbuddy src/content/utils/dom_utils.js), AI
 * Studio's `.turn.input` (github.com/acidgreenservers/Noosphere-Reflect
 * scripts/reference-html-dom/MESSAGE-DETECTION-PATTERNS.md), Copilot's
 * `[data-content="user-message"]` (github.com/NoahTheGinger/CopilotWebChatExporter
 * copilot_conversation_exporter.user.js). A refusal is never one of the user's
 * own messages; a user asking the chat about another service's region block ("PayPal is not
 * available in your country. What can I do?") is.
 */
const SENT_BY_USER =
  '[data-message-author-role="user"], [data-testid="user-message"], .font-user-message, .query-text, [class~="group/query"], .turn.input, [data-content="user-message"]';

/**
 * How the chat pages mark the model's written answer, as public exporters and checkers read it:
 * the prose inside ChatGPT's `[data-message-author-role="assistant"]` turn
 * (github.com/JoshJarabek7/ChatGPT-Conversation-Scraper main.js), Claude's `.font-claude-message`
 * and Gemini's `message-content.model-response-text` (github.com/qualweb/qualweb-cui-checker
 * src/utils/selectors.ts), Claude's newer `.font-claude-response` (github.com/kolesarp1/claude-leash
 * CONTEXT.md), AI Studio's rendered markdown (`ms-cmark-node`) in its `.turn.output` and Grok's
 * `.response-content-markdown`, which wraps the user's turns and the answers alike
 * (github.com/acidgreenservers/Noosphere-Reflect
 * scripts/reference-html-dom/MESSAGE-DETECTION-PATTERNS.md), and Perplexity's `.prose` answers
 * inside its thread column, the element whose class names `threadContentWidth`
 * (github.com/ckep1/pplxport pplxport.user.js 2.4.1). A bare `.prose` stays read: any page styled
 * with Tailwind may set its own block notice in one. Copilot's answers (`[data-content="ai-message"]`,
 * the same exporter as its user turns) stay read too: Copilot states its own region refusal in the
 * first person, as a message ("Sorry, it looks like I'm not yet available in your region"). The
 * answer is the model's words, not the service speaking: asked why a service refuses China, it
 * explains "…is not available in your region" in a refusal's words. Only the prose is skipped, so
 * an error the page shows beside it in the turn is still read.
 */
const WRITTEN_BY_MODEL =
  '[data-message-author-role="assistant"] .prose, .font-claude-message, .font-claude-response, message-content.model-response-text, .turn.output ms-cmark-node, .response-content-markdown, [class*="threadContentWidth"] .prose';

/**
 * Links to what users made on the chat host, whose text is that thing's title or description:
 * the user's conversations in the history list, ChatGPT's at `/c/…` (its sidebar's chat titles
 * are the links whose href starts with it: github.com/softenggourav/chatgpt-notebook content.js)
 * and Claude's at `/chat/…` (github.com/reece/userscripts userscript-stubs/claude-downloader.user.js
 * matches claude.ai/chat/* and claude.ai/project/*), Claude's projects at `/project/…`, and
 * ChatGPT's custom GPTs at `/g/g-…` (github.com/sam-artuso/chatgpt-switcher src/content.ts reads
 * their names from those links). A title is made from the user's question ("OpenAI 不支持您所在的
 * 地区") and the history list is on every page of the chat; a GPT's card in the store carries what
 * its maker wrote ("解答'您所在的国家或地区不受支持'等常见问题"). Neither is the page speaking.
 */
const LINKS_TO_USER_CONTENT = 'a[href^="/c/"], a[href^="/chat/"], a[href^="/project/"], a[href^="/g/g-"]';

/** The conversation's own words: what the user types or sent, what the model answered, and what users made. */
const CONVERSATION = `${EDITABLE}, ${SENT_BY_USER}, ${WRITTEN_BY_MODEL}, ${LINKS_TO_USER_CONTENT}`;

/**
 * Text inside an editor is the user's draft, a sent turn is the user's own words, an answer is the
 * model's and a title or card is what users made, none of them the page speaking: someone who
 * pastes a refusal into a chat's prompt box, or asks about one and reads the answer, was not
 * refused by that page. `closest` matches selectors only (no layout), and runs once per collected
 * node, on the throttle.
 */
function inTheConversation(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return typeof element?.closest === 'function' && element.closest(CONVERSATION) !== null;
}

/**
 * `text`, read from `root`, without the text of the conversation's parts inside `root`, each read
 * the way `text` was. Only the outermost of nested parts is taken out (an answer's prose inside a
 * Grok turn): taking out a nested part again would remove the same words wherever else they stand.
 */
function withoutTheConversation(text: string, root: ParentNode, read: (part: Element) => string): string {
  let left = text;
  for (const part of root.querySelectorAll(CONVERSATION)) {
    if (part.parentElement?.closest(CONVERSATION)) continue;
    const own = read(part);
    if (own.trim()) left = left.replace(own, ' ');
  }
  return left;
}

/** A collected node's text without the conversation's words inside it (a whole turn added at once). */
function textOutsideTheConversation(node: Node): string {
  const text = node.textContent ?? '';
  if (node.nodeType !== 1 || text.length < 8) return text;
  const element = node as Element;
  if (typeof element.querySelectorAll !== 'function') return text;
  return withoutTheConversation(text, element, (part) => part.textContent ?? '');
}

/** The text a person sees on the page, without the conversation's words (drafts, turns, answers, titles). */
export function pageTextOutsideTheConversation(body: HTMLElement | null | undefined): string {
  if (!body) return '';
  // biome-ignore lint/performance/useDomNodeTextContent: once at idle, the text a person sees
  const text = body.innerText;
  // biome-ignore lint/performance/useDomNodeTextContent: the same reading as the page's text above
  return withoutTheConversation(text, body, (part) => (part as HTMLElement).innerText ?? '');
}

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): number;
}

export class AddedTextCollector {
  private nodes = new Set<Node>();
  private armed = false;
  /** Characters read at once in the current throttle window. */
  private urgentChars = 0;
  private readonly sent = new Set<string>();
  private readonly tick = () => {
    this.armed = false;
    this.urgentChars = 0;
    this.process();
  };

  constructor(
    private readonly mightMatter: (text: string) => boolean,
    private readonly send: (excerpt: string) => void,
    private readonly timers: Scheduler,
  ) {}

  /** The one full read, when the document is idle. */
  checkDocument(text: string): void {
    this.emit(matchingExcerpts(text, this.mightMatter));
  }

  /** Reads whole nodes now (what a sweep found outside an observed window). */
  readNodes(nodes: Iterable<Node>): void {
    for (const node of nodes) this.nodes.add(node);
    this.process();
  }

  /** Reads a piece of text now (a title, the new part of a live region). */
  readText(text: string): void {
    this.emit(matchingExcerpts(text, this.mightMatter));
  }

  /** MutationObserver callback: collect, and arm the timer once; read at once only an urgent element. */
  onMutations(records: MutationRecord[]): void {
    let urgent = false;
    // Runs once per streamed token: indexed loops, and the record's type read only when it
    // added nothing, cut this callback's self time by about a fifth against for…of (CPU
    // profile of the streaming bench, 6 runs each: median ~100 against ~125 ms).
    const nodes = this.nodes;
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as MutationRecord;
      const added = r.addedNodes;
      const count = added.length;
      if (count === 0) {
        if (r.type === 'characterData') nodes.add(r.target);
        continue;
      }
      for (let j = 0; j < count; j++) {
        const node = added[j] as Node;
        if (node.nodeType === 1) {
          if (SKIP.has((node as Element).nodeName.toUpperCase())) continue;
          if (this.urgentChars < URGENT_BUDGET_CHARS) {
            const length = node.textContent?.length ?? 0;
            if (length >= URGENT_CHARS && this.urgentChars + length <= URGENT_BUDGET_CHARS) {
              this.urgentChars += length;
              urgent = true;
            }
          }
        }
        nodes.add(node);
      }
    }
    if (urgent) this.process();
    // After an urgent read the timer still runs, to close the window that read belongs to.
    if (!this.armed && (this.nodes.size > 0 || urgent)) {
      this.armed = true;
      this.timers.setTimeout(this.tick, THROTTLE_MS);
    }
  }

  /** Reads the collected nodes' text and sends what the prefilter lets through. */
  process(): void {
    const nodes = this.nodes;
    this.nodes = new Set();
    let text = '';
    for (const node of nodes) {
      if (!node.isConnected || inTheConversation(node)) continue;
      // textContent needs no layout (innerText would force one per node).
      const t = textOutsideTheConversation(node);
      if (t.length < 8) continue;
      text += `${t}\n`;
      if (text.length >= BATCH_TEXT_LIMIT) break;
    }
    if (text) this.emit(matchingExcerpts(text, this.mightMatter));
  }

  private emit(excerpts: string[]): void {
    for (const e of excerpts) {
      const key = e.trim();
      if (this.sent.has(key)) continue;
      if (this.sent.size > 200) this.sent.clear();
      this.sent.add(key);
      this.send(e);
    }
  }
}

/** Token bucket for the content script's own sends (the background has its own). */
export function sendBudget(capacity: number, periodMs: number, now: () => number = Date.now): () => boolean {
  let tokens = capacity;
  let at = now();
  return () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - at) * capacity) / periodMs);
    at = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
