/** Sentence spans of a text, and where hits fall among them. */
import type { Hit } from './terms';

export interface Sentence {
  start: number;
  end: number;
}

/**
 * Sentence spans: split at . ! ? followed by space or end, at 。！？;؟؛۔ at blank lines, and at a line
 * break after punctuation. A single line break inside a sentence is a wrapped line, not an end.
 */
export function sentences(text: string): Sentence[] {
  const spans: Sentence[] = [];
  let start = 0;
  // Arabic script ends questions and clauses with its own marks (؟ ؛ ۔).
  // A Chinese line that ends without punctuation and an English line after it are two sentences
  // ('重新登录就提示我账号地址的问题\nYour current account is not eligible…'): nobody wraps one
  // sentence from Chinese into English.
  // A list item starts a sentence of its own: a changelog's or a doc's bullets often end without
  // a full stop, and one item's 'your' and the next item's 'unavailable' and 'region' are no message.
  const boundary =
    /[.!?](?=\s|$)|[。！？;؟؛۔]|\n\s*\n|(?<=[:：,，)\]}"'])\n|(?<=\p{Script=Han})\n(?=\p{Script=Latin})|\n(?=[ \t>+]*(?:[-*•+]|\d{1,3}[.)])[ \t])/gu;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** The sentences with the one holding `at` cut in two there (a heading's end inside a wrapped sentence). */
export function splitAt(spans: Sentence[], at: number | undefined): Sentence[] {
  if (at === undefined) return spans;
  const index = spans.findIndex((span) => span.start < at && span.end > at);
  if (index < 0) return spans;
  const span = spans[index] as Sentence;
  return [
    ...spans.slice(0, index),
    { start: span.start, end: at },
    { start: at, end: span.end },
    ...spans.slice(index + 1),
  ];
}

/** How close the next sentence must start to read as the same message's next line (a space, a line break). */
const RIGHT_AFTER = 4;

/** Whether `next` follows `sentence` right after it, as one message's next sentence. */
export function followsRightAfter(sentence: Sentence, next: Sentence | undefined): next is Sentence {
  return next !== undefined && next.start - sentence.end < RIGHT_AFTER;
}

export function within(hit: { start: number; end: number }, sentence: Sentence): boolean {
  return hit.start >= sentence.start && hit.end <= sentence.end;
}

export function distance(a: Hit, b: Hit): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

/** The hits inside each sentence, by sentence index (a hit across a sentence boundary belongs to none). */
export function bySentence<T extends { start: number; end: number }>(
  found: readonly T[],
  spans: readonly Sentence[],
): T[][] {
  const buckets: T[][] = spans.map(() => []);
  for (const hit of found) {
    let low = 0;
    let high = spans.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((spans[middle] as Sentence).start <= hit.start) low = middle;
      else high = middle - 1;
    }
    const span = spans[low];
    if (span && within(hit, span)) buckets[low]?.push(hit);
  }
  return buckets;
}
