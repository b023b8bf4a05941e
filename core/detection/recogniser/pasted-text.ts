/**
 * What the "Check an error message" page and the signature rules ask of pasted text beside the
 * verdict: does it quote a refusal rather than report one, does it only guess at one, and which
 * AI service does it name.
 */

import { plain } from './finding';
import { JOIN_WINDOW, LOG_LIMIT, RECOGNISER_READ } from './limits';
import { canonicalText, readableText } from './normalise';
import { readerAddressees } from './sentence-reading';
import { distance, sentences, within } from './sentences';
import { type Compiled, compiledBuiltIn, placeHits } from './tables';
import { hits } from './terms';
import { linkedServices, type NamedService, namedServices, productFor } from './who-refused';

/**
 * Text-wide guards that make a text one about a refusal (a quote in prose, code, news), whichever
 * wording it quotes, or about something a refusal's code is also used for: a model hosted in one
 * country behind an opt-in answers with the same RegionError as a refusal of the reader's region.
 */
const ABOUT_A_REFUSAL: ReadonlySet<string> = new Set(['quote', 'code', 'news', 'data-residency']);

/**
 * Pasted text that explains, quotes or codes a refusal rather than reporting one: a maintainer's
 * diagnosis around a quoted error, a feature request's example, a diff listing refusal wordings.
 * Signatures ask this too, since a quoted refusal carries a signature's exact words. Never throws.
 */
export function quotesARefusal(body: string, compiled: Compiled = compiledBuiltIn()): boolean {
  try {
    const { text } = readableText(body.slice(0, LOG_LIMIT), LOG_LIMIT);
    const guards = compiled.textGuards.filter(({ guard }) => ABOUT_A_REFUSAL.has(guard.kind));
    if (guards.some(({ regex }) => regex.test(text))) return true;
    // Prose that lost its spaces ('whatitmeansandhowtofixit') still says what it is.
    const spaces = text.split(' ').length - 1;
    if (spaces * 20 >= text.length) return false;
    const glued = text.replace(/\s+/g, '');
    return guards.some(
      ({ guard }) => guard.text !== undefined && glued.includes(guard.text.replace(/[ *]/g, '')),
    );
  } catch {
    return false;
  }
}

/**
 * The services a text names (`text`, its readable form), or else those its links lead to: links
 * are read from the text as written (`body`), since the readable text keeps a link's words, not
 * its address.
 */
export function servicesIn(compiled: Compiled, text: string, body: string): NamedService[] {
  const named = namedServices(compiled.names, text);
  return named.length > 0 ? named : linkedServices(canonicalText(body.slice(0, RECOGNISER_READ)));
}

/** A pasted text's guess that its failure is a region refusal; see `regionGuess`. */
export interface RegionGuess {
  /** The service the text names (or links to), or null when it names none. */
  service: string | null;
  product: string | null;
  /** The guess, the location word and the word addressing the reader, in the canonical reading. */
  phrases: string[];
  lang: string;
  /** The sentence that guesses, as plain text of at most 300 characters. */
  evidence: string;
}

/**
 * A pasted failure whose only word about a region is the client's own guess at the cause: 'Unable
 * to connect to Anthropic services … Note: Claude Code might not be available in your country',
 * 'Request failed. Please confirm whether Gemini is supported in your region', '响应失败，请确认
 * Gemini 是否支持该地区使用'. Clients print such a note after any failure, so it is no refusal (the
 * same note follows a dropped connection in a supported country), and the recogniser reads it as a
 * hedge; but it is a reason to ask the service itself. The "Check an error message" page reads this
 * only when the text holds no refusal, and offers a reachability check. Needs a failure word or an
 * error envelope in the text, and the guess joined to a location word addressed to the reader in one
 * sentence. Guarded texts (a cloud region, a plan, a quote in an article) guess nothing. Never throws.
 */
export function regionGuess(body: string, compiled: Compiled = compiledBuiltIn()): RegionGuess | null {
  try {
    if (body.length > 2 * LOG_LIMIT) return null;
    const { text, display, aligned } = readableText(body, LOG_LIMIT);
    if (compiled.textGuards.some(({ regex }) => regex.test(text))) return null;
    const failed =
      hits(compiled.failures, text).length > 0 ||
      hits(compiled.envelope, text).length > 0 ||
      compiled.statusInText.test(text);
    if (!failed) return null;
    const guesses = hits(compiled.guesses, text);
    if (guesses.length === 0) return null;
    const spans = sentences(text);
    const addressed = hits(compiled.addressedLocation, text);
    const locations = [...hits(compiled.location, text), ...addressed, ...placeHits(compiled, text)];
    const addressees = readerAddressees(compiled, text);
    for (const guess of guesses) {
      const sentence = spans.find((span) => within(guess, span));
      if (!sentence) continue;
      const sentenceText = text.slice(sentence.start, sentence.end);
      if (compiled.sentenceGuards.some(({ regex }) => regex.test(sentenceText))) continue;
      const location = locations
        .filter((hit) => within(hit, sentence) && distance(hit, guess) <= JOIN_WINDOW)
        .sort((a, b) => distance(a, guess) - distance(b, guess))[0];
      if (!location) continue;
      const addressee =
        addressees.find((hit) => within(hit, sentence)) ??
        addressed.find((hit) => hit.start === location.start && hit.end === location.end);
      if (!addressee) continue;
      const [service] = servicesIn(compiled, text, body);
      return {
        service: service?.service ?? null,
        product: service ? productFor(service.service, 'text', service.product) : null,
        phrases: [...new Set([guess.term, location.term, addressee.term])],
        lang: guess.lang,
        // A log's lines are separate messages: the sentence is quoted from the guess's own line.
        evidence: plain(
          (aligned ? display : text).slice(
            Math.max(sentence.start, text.lastIndexOf('\n', guess.start) + 1),
            sentence.end,
          ),
        ),
      };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * The first AI service a pasted text names or links to ('openai.RateLimitError', 'claude.ai/…'),
 * or null: for the "Check an error message" page, which asks that service when the person is not
 * sure of a clean text. Says nothing about a refusal. Never throws.
 */
export function serviceNamedIn(body: string, compiled: Compiled = compiledBuiltIn()): string | null {
  try {
    const [service] = servicesIn(compiled, readableText(body, LOG_LIMIT).text, body);
    return service?.service ?? null;
  } catch {
    return null;
  }
}
