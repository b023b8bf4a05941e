/**
 * Page-text watching for the isolated content script: check the document once when idle, then
 * only newly added nodes, collected by a MutationObserver and processed on a throttle (the first
 * mutation arms one timer; later ones only collect). A debounce would never fire while a chat
 * streams tokens every 16 ms (design-facts). A cheap keyword prefilter decides what is sent;
 * only bounded excerpts leave the page.
 *
 * Imports nothing heavy: `mightMatter` is core/detection/page-triggers' prefilter, passed in.
 */

export const THROTTLE_MS = 50;
export const EXCERPT_CHARS = 2048;
/** Overlap between windows so a phrase cut at a window edge is still whole in the next one. */
const OVERLAP = 256;
const SKIP = new Set([
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

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): number;
}

export class AddedTextCollector {
  private nodes = new Set<Node>();
  private armed = false;
  private readonly sent = new Set<string>();

  constructor(
    private readonly mightMatter: (text: string) => boolean,
    private readonly send: (excerpt: string) => void,
    private readonly timers: Scheduler,
  ) {}

  /** The one full read, when the document is idle. */
  checkDocument(text: string): void {
    this.emit(matchingExcerpts(text, this.mightMatter));
  }

  /** MutationObserver callback: collect only, and arm the timer once. */
  onMutations(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') {
        this.nodes.add(r.target);
        continue;
      }
      for (const node of r.addedNodes) {
        if (node.nodeType === 1 && SKIP.has((node as Element).nodeName.toUpperCase())) continue;
        this.nodes.add(node);
      }
    }
    if (!this.armed && this.nodes.size > 0) {
      this.armed = true;
      this.timers.setTimeout(() => this.process(), THROTTLE_MS);
    }
  }

  process(): void {
    this.armed = false;
    const nodes = this.nodes;
    this.nodes = new Set();
    let text = '';
    for (const node of nodes) {
      if (!node.isConnected) continue;
      // textContent needs no layout (innerText would force one per node).
      const t = node.textContent ?? '';
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
