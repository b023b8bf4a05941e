/**
 * What may enter the log: URLs without query, fragment or credentials, and evidence as short
 * plain text. Pages are hostile input; everything here assumes the worst.
 */

/** Longest URL kept in an event; paths beyond this carry nothing a person reads. */
export const MAX_URL_LENGTH = 1024;
/** Evidence is a short quote a person reads in the log: enough to recognise the refusal, never a page. */
export const MAX_EVIDENCE_LENGTH = 300;

/**
 * `https://user:pw@host/path?token=x#frag` → `https://host/path`.
 * Query strings and fragments often carry tokens or conversation ids, so they never reach the log.
 * A string that is not a URL is cut at the first `?` or `#` and cleaned like evidence.
 */
export function stripUrl(raw: string): string {
  let out: string;
  try {
    const url = new URL(raw);
    out = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin + url.pathname : url.protocol;
  } catch {
    out = cleanText(raw.split(/[?#]/, 1)[0] ?? '');
  }
  return truncate(out, MAX_URL_LENGTH);
}

/** Origin of a URL (`https://host[:port]`), or '' when it is not an http(s) URL. */
export function originOf(raw: string | undefined): string {
  if (!raw) return '';
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

// C0/C1 controls, zero-width characters, bidi embeddings/overrides/isolates, BOM, and the
// interlinear annotation and object replacement characters: invisible or reordering text.
// Built from code-point ranges: the linter (rightly, elsewhere) refuses control characters in
// regex literals, and removing them is the point here.
const INVISIBLE_RANGES: Array<[number, number]> = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffc],
];
const hex4 = (n: number) => `\\u${n.toString(16).padStart(4, '0')}`;
const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES.map(([a, b]) => `${hex4(a)}-${hex4(b)}`).join('')}]`, 'g');
const TAG = /<\/?[a-zA-Z][^<>]{0,500}>/g;

/** Plain text: tags dropped, invisible characters removed, whitespace collapsed. */
export function cleanText(raw: string): string {
  // Bound the work first: a hostile page may send 100 KB strings.
  const bounded = raw.length > 20_000 ? raw.slice(0, 20_000) : raw;
  return bounded.replace(TAG, ' ').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Evidence as stored: plain text, at most 300 characters, never split inside a surrogate pair. */
export function cleanEvidence(raw: string): string {
  return truncate(cleanText(raw), MAX_EVIDENCE_LENGTH);
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Do not leave a lone high surrogate at the end.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
