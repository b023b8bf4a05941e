/**
 * Phrase-list terms as patterns, and where they occur in a text. A term ends where a word of a
 * spaced script ends; Chinese, Japanese, Korean and Thai terms match inside runs of their script;
 * an English negation matches in either spelling ("isn't", 'is not'); 'a ... b' allows a few
 * words between its parts. Every table the recogniser compiles is built from these.
 */
import type { LanguagePhrases } from './data';

export interface Hit {
  start: number;
  end: number;
  term: string;
  lang: string;
}

export interface TermSet {
  /**
   * The terms' patterns, longest term first, in as few parts as keep each source under
   * PATTERN_PART_CHARS; together they read as one alternation would (see hits).
   */
  parts: RegExp[];
  /** Lower-case matched prefix → entry term and language, longest prefix first. */
  terms: Array<{ prefix: string; term: string; lang: string; whole?: RegExp }>;
}

/**
 * Scripts whose words end where spaces are. Hangul is not one of them here: Korean glues its
 * particles to the word before (`지역에서는`, `Gemini는`) and writes compounds with or without a
 * space, so a Korean term matches inside a longer run of Hangul, as a Chinese one does, and a
 * Latin name followed by a particle still ends at the particle.
 */
export const SPACED_SCRIPT = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}0-9]/u;

/** A letter or digit of a script that separates words with spaces (a CJK or Hangul character next to it is a boundary). */
const SPACED_LETTER = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{N}]';

/** Korean spacing varies between writers (`지원되지 않습니다`, `지원되지않습니다`): a space inside a Hangul term is optional. */
const HANGUL = /\p{Script=Hangul}/u;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * English writes a negation both ways ('is not available', "isn't available", 'cannot', "can't"):
 * a term written one way matches the other, so a list holds each wording once. Grammar, not
 * vocabulary: no word is added. `source` is the escaped term; a leading 'not' keeps the word
 * boundary `before` on its spelled-out form only ("isn't" ends a word that began earlier).
 */
function negationsEitherWay(
  source: string,
  before: string,
  spelledOutListed: boolean,
): { source: string; before: string } {
  if (!/\bnot\b|n't\b|\bcannot\b/.test(source)) return { source, before };
  let out = source
    .replace(/\bcan't\b|\bcannot\b|\bcan not\b/g, "(?:cannot|can't|can not)")
    .replace(/\bwon't\b/g, "(?:won't|will not)");
  // A contracted term whose spelled-out form another term already reads ("isn't available" and
  // 'not available') stays as written, so the spelled-out text is named by the listed words.
  if (!spelledOutListed) out = out.replace(/(?<!ca|wo)n't\b/g, "(?:n't| not)");
  // A space inside a term reads as a space or a wrapped line (`[ \n]`, see termSource).
  out = out.replace(/(?: |\[ \\n\])not\b(?![^(]*\))/g, "(?:[ \\n]not|n't)");
  let start = before;
  if (/^not\b/.test(out)) {
    out = `(?:${before}not|n't)${out.slice(3)}`;
    start = '';
  }
  return { source: out, before: start };
}

/** One spelling of a negation, for finding which term a match came from ("isn't" → 'is not', "can't" → 'cannot'). */
function negationSpelledOut(text: string): string {
  if (!text.includes("'") && !text.includes('can not')) return text;
  return text
    .replace(/\bcan't\b|\bcan not\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/^ /, '');
}

/**
 * A term's parts apart: 'not ... offered' is 'not' then 'offered' with a few words between ('is not
 * currently offered in your country'), '未对 ... 开放' is 未对 then 开放 with the place between
 * ('暂未对您所在地区开放'). A refusal's negation and its verb stand apart in every language;
 * listing each filler would memorise it. The gap stays inside one clause.
 */
const TERM_GAP = ' ... ';
/** At most this many words between the parts of a spaced term, and characters in an unspaced one. */
const GAP_WORDS = 3;
const GAP_CHARACTERS = 12;

export function termSource(term: string, spelledOutListed = false): string {
  if (term.includes(TERM_GAP)) {
    const parts = term.split(TERM_GAP);
    const spaced = SPACED_SCRIPT.test(parts.join(''));
    const gap = spaced
      ? `(?:[ \\n]+[^\\s.!?;:,。！？；，]+){0,${GAP_WORDS}}[ \\n]+`
      : `[^\\n.!?;,。！？；，]{0,${GAP_CHARACTERS}}`;
    return parts.map((part, index) => termSource(part, index === 0 && spelledOutListed)).join(gap);
  }
  const stem = term.endsWith('*');
  const body = stem ? term.slice(0, -1) : term;
  const first = body[0] ?? '';
  const last = body[body.length - 1] ?? '';
  // A word ends where a letter of a spaced script ends: 'gemini提示' names Gemini.
  const after = stem ? '[\\p{L}\\p{M}]*' : SPACED_SCRIPT.test(last) ? `(?!${SPACED_LETTER})` : '';
  // A space inside a term is a space or a wrapped line ('выдает ошибку\n геолокации'); Korean
  // writes some of its spaces or not at all.
  const spaced = escapeRegExp(body).replace(/ /g, HANGUL.test(body) ? '[ \\n]?' : '[ \\n]');
  const { source, before } = negationsEitherWay(
    spaced,
    SPACED_SCRIPT.test(first) ? `(?<!${SPACED_LETTER})` : '',
    spelledOutListed,
  );
  return `${before}${source}${after}`;
}

/**
 * The longest source one pattern may have. V8's irregexp (Chrome, Node) and SpiderMonkey's copy of
 * it (Firefox) stop optimising a regular expression whose source passes 20 KB
 * (RegExp::kRegExpTooLargeToOptimize in v8/src/regexp/regexp.h): when twenty-six languages'
 * unavailability words reached 21 KB, reading every evaluation case took six times as long. A
 * term list longer than this is split into parts.
 */
export const PATTERN_PART_CHARS = 16 * 1024;

export function termSet(
  entries: Array<{ term: string; lang: string }>,
  partChars = PATTERN_PART_CHARS,
): TermSet {
  const unique = new Map<string, { term: string; lang: string }>();
  for (const entry of entries) if (!unique.has(entry.term)) unique.set(entry.term, entry);
  const sorted = [...unique.values()].sort((a, b) => b.term.length - a.term.length);
  const sources = sorted.map((entry) => {
    const spelledOut = negationSpelledOut(entry.term);
    const listed =
      spelledOut !== entry.term &&
      sorted.some((other) => other !== entry && spelledOut.endsWith(negationSpelledOut(other.term)));
    return termSource(entry.term, listed);
  });
  const parts: string[][] = [];
  let length = 0;
  for (const source of sources) {
    const last = parts[parts.length - 1];
    if (!last || length + source.length + 1 > partChars) {
      parts.push([source]);
      length = source.length;
    } else {
      last.push(source);
      length += source.length + 1;
    }
  }
  return {
    parts: parts.map((part) => new RegExp(part.join('|'), 'gu')),
    terms: sorted.map((entry) => ({
      prefix: entry.term.replace(/\*$/, ''),
      ...(entry.term.includes(TERM_GAP) ? { whole: new RegExp(`^(?:${termSource(entry.term)})$`, 'u') } : {}),
      term: entry.term,
      lang: entry.lang,
    })),
  };
}

/**
 * Matches as one alternation of every part would: from where the last match ended, the leftmost
 * match of any part, and at the same place the earlier part's (its terms are longer). Each part's
 * next match is kept until the reading passes it, so the text is read once per part.
 */
function* matches(parts: readonly RegExp[], text: string): Generator<RegExpExecArray> {
  if (parts.length === 1) {
    yield* text.matchAll(parts[0] as RegExp);
    return;
  }
  const next: Array<RegExpExecArray | null | undefined> = parts.map(() => undefined);
  let from = 0;
  for (;;) {
    let best: RegExpExecArray | null = null;
    parts.forEach((part, index) => {
      let found = next[index];
      if (found === undefined || (found !== null && found.index < from)) {
        part.lastIndex = from;
        found = part.exec(text);
        next[index] = found;
      }
      if (found && (!best || found.index < best.index)) best = found;
    });
    if (!best) return;
    const match: RegExpExecArray = best;
    yield match;
    from = match.index + Math.max(match[0].length, 1);
  }
}

export function hits(set: TermSet, text: string): Hit[] {
  const found: Hit[] = [];
  for (const match of matches(set.parts, text)) {
    // A term matched across a wrapped line is the same term.
    const value = match[0].replace(/\n/g, ' ');
    const entry =
      set.terms.find((candidate) => candidate.whole?.test(value) ?? value.startsWith(candidate.prefix)) ??
      // The other spelling of an English negation ("isn't" for 'not', 'is not' for "isn't").
      set.terms.find((candidate) =>
        negationSpelledOut(value).startsWith(negationSpelledOut(candidate.prefix)),
      ) ??
      // A Korean term matched with its optional spaces left out.
      set.terms.find(
        (candidate) =>
          HANGUL.test(candidate.prefix) &&
          value.replace(/ /g, '').startsWith(candidate.prefix.replace(/ /g, '')),
      );
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      term: entry?.term ?? value,
      lang: entry?.lang ?? 'any',
    });
  }
  return found;
}

export function byLanguage(
  languages: readonly LanguagePhrases[],
  pick: (language: LanguagePhrases) => unknown,
) {
  return languages.flatMap((language) =>
    ((pick(language) as Array<{ text: string }> | undefined) ?? []).map((entry) => ({
      term: entry.text,
      lang: language.lang,
    })),
  );
}
