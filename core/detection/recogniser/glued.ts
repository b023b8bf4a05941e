/**
 * Text that lost its spaces ('yourcountryisnotsupported', 'вашастрананеподдерживается'): a long
 * run of letters read for one language's location, unavailability and 'your' inside it, with the
 * hedges and guards that still show through.
 */
import type { LanguagePhrases } from './data';
import { plain, type TextFinding } from './finding';
import { SPACED_SCRIPT } from './terms';

export interface GluedWords {
  lang: string;
  location: string[];
  unavailable: string[];
  addressee: string[];
  /** Addressees too short to stand alone inside a glued word ('su', 'tu', 'uw'): read only between GLUED_SHORT_SCOPE and a location word. */
  shortAddressee: string[];
  /** Places that are the reader's on their own ('emplacement actuel', 'bulunduğunuz konum'): location and addressee at once. */
  addressedLocation: string[];
  /** Hedges long enough to stay recognisable glued ('esposible', 'maynot', 'olabilir', 'قدلا'). */
  hedges: string[];
}

/** Shortest hedge or guard word looked for inside a glued word: shorter ones ('si', 'if') sit inside other words. */
export const GLUED_WORD_MIN = 3;
/** Shortest addressed place read inside a glued word ('votreemplacementactuel'; not 'کشورتو', inside 'کشورتوسعه…'). */
const GLUED_ADDRESSED_MIN = 7;
/**
 * The prepositions Spanish and Dutch put before a two-letter 'your' ('en tu región', 'in uw regio'):
 * glued, the short word counts only between one of them and a place word, not inside 'Bouwlocatie'.
 */
const GLUED_SHORT_SCOPE = ['en', 'in'] as const;

/** A glued refusal holds at least one in this many of the text's letters. */
const GLUED_SHARE = 5;

/**
 * A language's words as they read once spaces are lost: English as written (its stems are too
 * short to stand inside other words), other spaced scripts with their stems too ('вашастрана…').
 */
export function gluedWords(languages: readonly LanguagePhrases[]): GluedWords[] {
  return languages
    .filter((language) => SPACED_SCRIPT.test(language.unavailable[0]?.text ?? ''))
    .map((language) => {
      const english = language.lang === 'en';
      const letters = (entries: ReadonlyArray<{ text: string }> | undefined) =>
        (entries ?? [])
          .map((entry) => entry.text)
          .filter((text) => (english ? /^[a-z' ]+$/.test(text) : /^[\p{L}\p{M}' ]+\*?$/u.test(text)))
          .map((text) => text.replace(/[ '*]/g, ''));
      const compact = (entries: ReadonlyArray<{ text: string }> | undefined) =>
        letters(entries).filter((text) => text.length >= 3);
      return {
        lang: language.lang,
        location: compact(language.location),
        unavailable: compact(language.unavailable),
        addressee: compact(language.addressee),
        shortAddressee: letters(language.addressee).filter((text) => text.length === 2),
        // English's addressed places are deixis ('this region', 'certain regions'), which a cloud
        // resource's message uses too; a short one glued sits inside other words ('کشورتو…').
        addressedLocation: english
          ? []
          : compact(language.addressedLocation).filter((text) => text.length >= GLUED_ADDRESSED_MIN),
        hedges: letters(language.hedges).filter((text) => text.length >= GLUED_WORD_MIN),
      };
    })
    .filter(
      (words) =>
        words.location.length > 0 &&
        words.unavailable.length > 0 &&
        words.addressee.length + words.shortAddressee.length + words.addressedLocation.length > 0,
    );
}

/** Words run together (text that lost its spaces): a long glued token holding all three parts of one language. */
export function gluedFinding(
  compiled: { glued: readonly GluedWords[]; gluedGuards: readonly string[] },
  text: string,
): TextFinding | null {
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  // English is read in runs of Latin letters (a Chinese sentence may lead into it), other languages in any letters.
  const runs = [
    ...[...text.matchAll(/[a-z']{24,200}/g)].map((match) => ({ match, english: true })),
    ...[...text.matchAll(/[\p{L}\p{M}']{20,200}/gu)].map((match) => ({ match, english: false })),
  ];
  for (const { match, english } of runs) {
    // A glued refusal is much of what the text says, not one phrase of a glued page of prose
    // (a FAQ entry quoting the error, a help page listing the reasons).
    if (match[0].length * GLUED_SHARE < letters) continue;
    const token = match[0].replace(/'/g, '');
    for (const words of compiled.glued) {
      if ((words.lang === 'en') !== english) continue;
      const unavailable = words.unavailable.find((term) => token.includes(term));
      if (!unavailable) continue;
      // A guess stays a guess with its spaces lost ('esposiblequesedebaaque…noestádisponibleenturegión'),
      // and a guard's word still names another matter ('LaSKUnoestádisponible…').
      if (words.hedges.some((hedge) => token.includes(hedge))) continue;
      if (compiled.gluedGuards.some((guard) => token.includes(guard))) continue;
      const addressed = words.addressedLocation.find((term) => token.includes(term));
      const location = addressed ?? words.location.find((term) => token.includes(term));
      const addressee =
        addressed ??
        words.addressee.find((term) => token.includes(term)) ??
        words.shortAddressee.find((short) =>
          words.location.some((place) =>
            GLUED_SHORT_SCOPE.some((scope) => token.includes(scope + short + place)),
          ),
        );
      if (location && addressee) {
        return {
          phrases: [...new Set([unavailable, location, addressee])],
          lang: words.lang,
          evidence: plain(match[0]),
          structured: false,
          inTitle: false,
          share: match[0].length / Math.max(1, text.length),
          glued: true,
        };
      }
    }
  }
  return null;
}
