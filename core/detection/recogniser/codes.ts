/**
 * Error codes and identifiers that glue a location to a refusal (`unsupported_country`,
 * `RegionError`, `geoblocked`): a refusal of their own, whatever words surround them.
 */
import type { Compiled } from './tables';

interface CodeHit {
  start: number;
  end: number;
  word: string;
}

/** Identifiers that glue a location stem to a refusal stem: unsupported_country, regionerror, geoblocked… */
export function codeHits(compiled: Compiled, text: string): CodeHit[] {
  const found: CodeHit[] = [];
  compiled.codeWord.lastIndex = 0;
  for (const match of text.matchAll(compiled.codeWord)) {
    const word = match[0];
    if (word.length < 8 || word.length > 64) continue;
    // A slug in a link ('…/news/updating-restrictions-of-sales-to-unsupported-regions') names a page, not an error.
    if (text[match.index - 1] === '/') continue;
    // A hyphenated pair is an English adjective (`geo-restricted`); a code is glued, snake_case or a longer slug.
    if (!word.includes('_') && word.split('-').length === 2) continue;
    // Words run together that address the reader ('yourcountryisblocked…') are prose that lost
    // its spaces, not an identifier: a code does not say "your" unless its parts are separated.
    if (!word.includes('_') && word.includes('your')) continue;
    const glued = word.replace(/[_-]/g, '');
    const location = compiled.codeLocation.find((stem) => glued.includes(stem));
    if (!location) continue;
    // The refusal stem must be a part of its own, not the location stem itself (`region` in `regional`).
    const rest = glued.replace(location, '');
    const refusal = compiled.codeRefusal.some(
      (stem) => rest.includes(stem) || (glued.includes(stem) && stem.length > location.length),
    );
    if (!refusal) continue;
    if (compiled.codeGuard.some((stem) => glued.includes(stem))) continue;
    found.push({ start: match.index, end: match.index + word.length, word });
  }
  return found;
}

/** How close an error word must be to a code to name it (`"UnsupportedUserLocation" error`, `exceptions.RegionError`). */
const CODE_CONTEXT_WINDOW = 16;

export function codeNamedAsError(compiled: Compiled, text: string, hit: CodeHit): boolean {
  if (!compiled.codeContext) return false;
  const around = text.slice(Math.max(0, hit.start - CODE_CONTEXT_WINDOW), hit.end + CODE_CONTEXT_WINDOW);
  return compiled.codeContext.test(around.replace(hit.word, ' '));
}
