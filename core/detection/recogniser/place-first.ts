/** A terse refusal whose clause opens with the place ('OpenAI: Country not supported'), in a short sentence naming the service. */
import { plain, type TextFinding } from './finding';
import { NAMED_REPORT_LIMIT } from './reports';
import { sentences } from './sentences';
import type { Compiled } from './tables';
import { hits, SPACED_SCRIPT } from './terms';
import { namedServices } from './who-refused';

/** Longest sentence read for a place-first clause: a terse error, not a writer's sentence about one. */
const PLACE_FIRST_SENTENCE_LIMIT = 120;
/** Most characters between the place and its unavailability ('region is not supported'). */
const PLACE_FIRST_GAP = 4;
/**
 * What may stand between a clause's start and its place word: a label's end (a colon, a bar, a
 * spaced dash: canonical text has folded full-width and typographic marks to these), a status
 * code, a bullet, or an opening quote.
 */
const PLACE_FIRST_LEAD = /(?:(?:^|[:([|,;]|\s-)[\s\d*>-]*|["'«「『]\s*)$/u;
/**
 * What may follow the unavailability, closing quotes aside: nothing but the sentence's end, or the
 * service it refuses ('… для Gemini API'). So a quoted clause closes its sentence: '«страна не
 * поддерживается».' is what a service answered, '「国家不支持」是 … 的常规限制' a writer explaining it.
 */
const PLACE_FIRST_REST =
  /^\s*(?:(?:for|для|по|para|pour|per|für|için|برای|对|對)\s*(?<object>[^.。!！]+?))?\s*[.。!！]*\s*$/u;
/** Words a service's name may carry after it in that object ('Gemini API', 'ChatGPT app'). */
const SERVICE_SUFFIX = /^(?:\s*(?:api|app|web|cli|services?|сервис\p{L}*))*$/u;
/** How far back from a place word a service's name may end for the place to open the clause after it ('gemini страна …'). */
const NAME_LEAD_WINDOW = 40;
/** A question or code around a terse refusal ('REGION_NOT_SUPPORTED: Region not supported', 'throw new Error(…)'): a writer's words about it. */
const PLACE_FIRST_VETO = /[?？]|\b[a-z]+_[a-z_]+\b|\bthrow\b|\berror\(|=>/u;

/**
 * Whether `text` ends with a service's name, or (`whole`) is nothing but one with product words
 * after it. The names' own exceptions apply through namedServices ('gemini exchange' is none).
 */
function endsWithName(compiled: Compiled, text: string, whole = false): boolean {
  const match = (whole ? compiled.nameAtStart : compiled.nameAtEnd).exec(text);
  if (!match) return false;
  if (whole && !SERVICE_SUFFIX.test(text.slice(match[0].length))) return false;
  return namedServices(compiled.names, whole ? text : match[0]).length > 0;
}

/**
 * Whether a place word opens its clause: it stands at the sentence's start, after a label, a
 * separator or an opening quote, or right after the service's name.
 */
function opensClause(compiled: Compiled, lead: string, place: string): boolean {
  if (PLACE_FIRST_LEAD.test(lead)) return true;
  const tail = lead.slice(-NAME_LEAD_WINDOW);
  const bare = tail.replace(/[\s:]+$/u, '');
  // A spaced script needs a space or a colon between the name and the place; Chinese writes none.
  if (bare.length === tail.length && SPACED_SCRIPT.test(place)) return false;
  return endsWithName(compiled, bare);
}

/**
 * A clause that opens with a place word and says at once that it is refused, in a short sentence
 * naming the AI service ('Регион не поддерживается для Gemini API', 'gemini страна не
 * поддерживается', 'OpenAI: Country not supported'): the terse form clients and services print for
 * a refused region, with no 'your', since the place is the clause's subject. The refusal ends the
 * sentence, or only the service it refuses follows: 'Region not supported for this model',
 * '国家不支持使用ChatGPT' and 'Страна не поддерживает санкции' go on to say something else, and a
 * question or a title ('ChatGPT region not supported? Try these fixes') is about the refusal. Only
 * the place words `placeFirstPlaces` lists open one ('Location not available. Turn on location…' is
 * a device's), never a plural ('Countries not supported by ChatGPT: …' heads a list). Without a
 * service named it stays clean: 'region not supported' is also a cloud region's error. A hedge in
 * the sentence, a question, code, or a guard anywhere in the paste vetoes it.
 */
export function placeFirstFinding(compiled: Compiled, text: string): TextFinding | null {
  if (text.length > NAMED_REPORT_LIMIT) return null;
  if (namedServices(compiled.names, text).length === 0) return null;
  // A guard anywhere in so short a paste says what it is about ('… Region not supported. Use europe-west1 instead.').
  if (compiled.sentenceGuards.some(({ regex }) => regex.test(text))) return null;
  for (const sentence of sentences(text)) {
    if (sentence.end - sentence.start > PLACE_FIRST_SENTENCE_LIMIT) continue;
    const words = text.slice(sentence.start, sentence.end);
    if (PLACE_FIRST_VETO.test(words)) continue;
    if (namedServices(compiled.names, words).length === 0) continue;
    if (hits(compiled.hedges, words).length > 0) continue;
    const unavailable = hits(compiled.unavailable, words);
    for (const place of hits(compiled.placeFirstPlaces, words)) {
      if (!opensClause(compiled, words.slice(0, place.start), place.term)) continue;
      const refusal = unavailable.find(
        (hit) => hit.start >= place.end && hit.start - place.end <= PLACE_FIRST_GAP,
      );
      if (!refusal) continue;
      const rest = PLACE_FIRST_REST.exec(words.slice(refusal.end).replace(/["'»」』]+/gu, ''));
      const object = rest?.groups?.object?.trim();
      if (!rest || (object !== undefined && !endsWithName(compiled, object, true))) continue;
      return {
        phrases: [refusal.term, place.term],
        lang: refusal.lang,
        evidence: plain(words),
        structured: false,
        inTitle: false,
        share: 1,
      };
    }
  }
  return null;
}
