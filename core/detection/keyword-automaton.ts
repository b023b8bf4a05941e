/**
 * One pass over a body finds every rule keyword in it: an Aho–Corasick automaton turned into
 * a full transition table, built once from the rules. Matching is forgiving in the ways block
 * pages differ from their copies: ASCII and Cyrillic case, curly quotes (’ ‘ ʼ “ ”), HTML
 * entities (&rsquo; &#39; &nbsp; …), runs of whitespace, zero-width characters, and tag
 * brackets (`<p>Unable to load site</p>` reads as words between spaces). It never builds a
 * normalised copy of the body, so a 1 MB page costs one loop over its characters.
 *
 * Owns: keyword compilation and scanning. Must not: know about rules, hosts or verdicts.
 */

const SPACE = 1;

/** Characters that read as one space: every Unicode space, line breaks, and tag brackets. */
const SPACE_CODES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x3c, 0x3e, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
/** Characters that are not there at all: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE_CODES = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0xad];
/** Typographic variants read as their ASCII form. */
const VARIANTS: Record<string, string[]> = {
  "'": ['\u2018', '\u2019', '\u02bc', '\u2032'],
  '"': ['\u201c', '\u201d', '\u2033'],
  '-': ['\u2010', '\u2011', '\u2012', '\u2013'],
};
/** HTML entities decoded while scanning (name → character). */
const ENTITIES = new Map<string, number>([
  ['nbsp', 0x20],
  ['rsquo', 0x27],
  ['lsquo', 0x27],
  ['apos', 0x27],
  ['#39', 0x27],
  ['#x27', 0x27],
  ['#8217', 0x27],
  ['#8216', 0x27],
  ['quot', 0x22],
  ['#34', 0x22],
  ['ldquo', 0x22],
  ['rdquo', 0x22],
  ['amp', 0x26],
  ['#38', 0x26],
  ['lt', 0x20],
  ['gt', 0x20],
  ['#160', 0x20],
]);

/**
 * The canonical form of a keyword: lower case, ASCII quotes, single spaces, trimmed.
 * The scanner reads bodies as if they had been put through this function.
 */
export function normaliseKeyword(keyword: string): string {
  let out = keyword.toLowerCase();
  for (const [ascii, variants] of Object.entries(VARIANTS)) {
    for (const variant of variants) out = out.split(variant).join(ascii);
  }
  for (const code of INVISIBLE_CODES) out = out.split(String.fromCharCode(code)).join('');
  for (const code of SPACE_CODES) out = out.split(String.fromCharCode(code)).join(' ');
  return out.replace(/ +/g, ' ').trim();
}

export interface KeywordScan {
  /** For each keyword (by index), the end offset in the body of its first occurrence, or -1. */
  readonly firstEnd: Int32Array;
  /** How many distinct keywords occurred. */
  readonly found: number;
}

export interface KeywordAutomaton {
  readonly keywords: readonly string[];
  /** Scans `text[0, limit)`. */
  scan(text: string, limit?: number): KeywordScan;
}

/** Marks a character that needs a look-ahead ('&' starts an entity, '<' a tag name). */
const LOOK_AHEAD = 0x8000;

export function compileKeywords(rawKeywords: readonly string[]): KeywordAutomaton {
  const keywords = rawKeywords.map(normaliseKeyword);
  keywords.forEach((keyword, index) => {
    if (keyword.length === 0) throw new Error(`keyword ${index} ("${rawKeywords[index]}") is empty`);
  });

  // Alphabet ids: 0 = any other character, 1 = space, 2 = invisible; keyword characters from 3.
  const INVISIBLE = 2;
  const charId = new Uint16Array(0x10000);
  for (const code of SPACE_CODES) charId[code] = SPACE;
  for (const code of INVISIBLE_CODES) charId[code] = INVISIBLE;
  let alphabetSize = 3;
  const idOf = (ch: string): number => {
    if (ch === ' ') return SPACE;
    const known = charId[ch.charCodeAt(0)] ?? 0;
    if (known !== 0) return known;
    const id = alphabetSize++;
    const forms = new Set([ch, ch.toUpperCase(), ...(VARIANTS[ch] ?? [])]);
    for (const form of forms) if (form.length === 1) charId[form.charCodeAt(0)] = id;
    return id;
  };
  const sequences = keywords.map((keyword) => Array.from(keyword, (ch) => (ch.length === 1 ? idOf(ch) : 0)));
  const ampersandId = charId[0x26] ?? 0;
  charId[0x26] = LOOK_AHEAD | ampersandId;
  charId[0x3c] = LOOK_AHEAD | SPACE;

  // Trie; `lastId` remembers the character that led to each state.
  const children: Array<Map<number, number>> = [new Map()];
  const own: number[] = [-1];
  const lastId: number[] = [0];
  sequences.forEach((sequence, keywordIndex) => {
    let state = 0;
    for (const id of sequence) {
      const current = children[state] as Map<number, number>;
      let next = current.get(id);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        own.push(-1);
        lastId.push(id);
        current.set(id, next);
      }
      state = next;
    }
    // Duplicate keywords share a state; the first index represents them (see `twins`).
    if ((own[state] ?? -1) === -1) own[state] = keywordIndex;
  });
  const twins = keywords.map((keyword) => keywords.indexOf(keyword));

  // Breadth-first: failure links, output links, then a full transition table.
  const stateCount = children.length;
  const next = new Int32Array(stateCount * alphabetSize);
  const fail = new Int32Array(stateCount);
  const outputLink = new Int32Array(stateCount).fill(-1);
  const order: number[] = [0];
  for (let head = 0; head < order.length; head++) {
    const state = order[head] as number;
    const failState = fail[state] as number;
    if (state !== 0) {
      outputLink[state] = (own[failState] ?? -1) >= 0 ? failState : (outputLink[failState] as number);
    }
    for (let id = 0; id < alphabetSize; id++) {
      const child = (children[state] as Map<number, number>).get(id);
      if (child === undefined) {
        next[state * alphabetSize + id] = state === 0 ? 0 : (next[failState * alphabetSize + id] as number);
      } else {
        next[state * alphabetSize + id] = child;
        fail[child] = state === 0 ? 0 : (next[failState * alphabetSize + id] as number);
        order.push(child);
      }
    }
    // Invisible characters change nothing; a second space after a space changes nothing.
    next[state * alphabetSize + INVISIBLE] = state;
    if (lastId[state] === SPACE || state === 0) next[state * alphabetSize + SPACE] = state === 0 ? 0 : state;
  }
  // The scanning table holds row offsets (state × alphabet size); a negative entry marks a
  // state where some keyword ends, so the hot loop needs one comparison to know.
  const emits = (state: number) => (own[state] ?? -1) >= 0 || (outputLink[state] as number) >= 0;
  const table = new Int32Array(stateCount * alphabetSize);
  for (let index = 0; index < table.length; index++) {
    const target = next[index] as number;
    table[index] = emits(target) ? -(target * alphabetSize) : target * alphabetSize;
  }
  const ownKeyword = Int32Array.from(own);

  // Skipping (Wu–Manber style): at the root no match is in progress, and every occurrence is at
  // least `shortest` characters long in the body (the body only ever adds characters: extra
  // spaces, entities, tags, invisibles). So if the four characters ending `shortest - 1` ahead
  // are characters a keyword could hold there (no invisible, no second space in a row, no '&'
  // or '<' in the window) and that 4-gram occurs nowhere in the first `shortest` characters of
  // any keyword, no keyword can start before those four characters: jump to them.
  const shortest = Math.min(...sequences.map((sequence) => sequence.length));
  const gramSeen = new Uint8Array(GRAM_BUCKETS);
  for (const sequence of sequences) {
    for (let offset = 3; offset < Math.min(shortest, sequence.length); offset++) {
      const [a, b, c, d] = sequence.slice(offset - 3, offset + 1) as [number, number, number, number];
      gramSeen[gramBucket(a, b, c, d)] = 1;
    }
  }
  const canSkip = shortest >= MIN_SKIP_LENGTH;

  function scan(text: string, limit = text.length): KeywordScan {
    const firstEnd = new Int32Array(keywords.length).fill(-1);
    let found = 0;
    let row = 0;
    const end = Math.min(limit, text.length);
    let nextAmpersand = canSkip ? text.indexOf('&') : -1;
    let nextTag = canSkip ? text.indexOf('<') : -1;
    for (let i = 0; i < end; i++) {
      if (row === 0 && canSkip) {
        for (;;) {
          const last = i + shortest - 1;
          if (last >= end) break;
          if (nextAmpersand !== -1 && nextAmpersand < i) nextAmpersand = text.indexOf('&', i);
          if (nextTag !== -1 && nextTag < i) nextTag = text.indexOf('<', i);
          if ((nextAmpersand !== -1 && nextAmpersand <= last) || (nextTag !== -1 && nextTag <= last)) break;
          const before = charId[text.charCodeAt(last - 4)] as number;
          const a = charId[text.charCodeAt(last - 3)] as number;
          const b = charId[text.charCodeAt(last - 2)] as number;
          const c = charId[text.charCodeAt(last - 1)] as number;
          const d = charId[text.charCodeAt(last)] as number;
          if (a === INVISIBLE || b === INVISIBLE || c === INVISIBLE || d === INVISIBLE) break;
          if (
            (a === SPACE && before === SPACE) ||
            (b === SPACE && a === SPACE) ||
            (c === SPACE && b === SPACE) ||
            (d === SPACE && c === SPACE)
          ) {
            break;
          }
          if (gramSeen[gramBucket(a, b, c, d)] === 1) break;
          i = last - 3;
        }
        if (i >= end) break;
      }
      let id = charId[text.charCodeAt(i)] as number;
      if (id >= LOOK_AHEAD) {
        id &= ~LOOK_AHEAD;
        if (id === SPACE) {
          // '<' followed by a tag name: the name is markup, not words (attributes are kept).
          while (i + 1 < end && isTagNameCode(text.charCodeAt(i + 1))) i++;
        } else {
          // '&': decode a known entity in place; anything else is an ordinary character.
          let semicolon = i + 2;
          while (semicolon < end && semicolon - i <= 7 && text.charCodeAt(semicolon) !== 0x3b) semicolon++;
          if (semicolon < end && semicolon - i <= 7) {
            const decoded = ENTITIES.get(text.slice(i + 1, semicolon).toLowerCase());
            if (decoded !== undefined) {
              id = (charId[decoded] as number) & ~LOOK_AHEAD;
              i = semicolon;
            }
          }
        }
      }
      let target = table[row + id] as number;
      if (target < 0) {
        target = -target;
        let emitting = target / alphabetSize;
        if ((ownKeyword[emitting] as number) < 0) emitting = outputLink[emitting] as number;
        while (emitting >= 0) {
          const keyword = ownKeyword[emitting] as number;
          if (firstEnd[keyword] === -1) {
            firstEnd[keyword] = i + 1;
            found++;
          }
          emitting = outputLink[emitting] as number;
        }
      }
      row = target;
    }
    for (let index = 0; index < twins.length; index++) {
      const twin = twins[index] as number;
      if (twin !== index && firstEnd[twin] !== -1 && firstEnd[index] === -1) {
        firstEnd[index] = firstEnd[twin] as number;
        found++;
      }
    }
    return { firstEnd, found };
  }

  return { keywords, scan };
}

/** Fewer buckets than 4-grams: a collision only means a window that could have skipped does not. */
const GRAM_BUCKETS = 1 << 16;
/** Below this keyword length a skip saves less than the check costs. */
const MIN_SKIP_LENGTH = 6;

function gramBucket(a: number, b: number, c: number, d: number): number {
  return Math.imul((((((a << 8) ^ b) << 8) ^ c) << 8) ^ d, 0x9e3779b1) >>> 16;
}

/** Letters, digits, '/', '!' and '-': what follows '<' in a tag or comment opener. */
function isTagNameCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2f ||
    code === 0x21 ||
    code === 0x2d
  );
}
