/**
 * The recogniser's main reading: in one sentence that no hedge or guard vetoes, a location word
 * joined to an unavailability word, addressed to the reader or carried by a structured error (or a
 * refusal code on its own). Falls back to the glued reading when the text has no such sentence.
 */
import { codeHits, codeNamedAsError } from './codes';
import { plain, type TextContext, type TextFinding } from './finding';
import { gluedFinding } from './glued';
import { JOIN_WINDOW } from './limits';
import {
  bySentence,
  distance,
  followsRightAfter,
  type Sentence,
  sentences,
  splitAt,
  within,
} from './sentences';
import { type Compiled, enumeratedPlaceHits, placeHits } from './tables';
import { type Hit, hits } from './terms';

/**
 * A reporting word opens a quotation when a colon or an opening quote follows within this many
 * characters ('提示如图1：'); a quote after the sentence's end closes an outer quotation instead
 * ('"…弹出"不支持您所在的国家或地区"的提示。"', a sentence stored as a JSON string).
 */
const QUOTATION_LEAD = 8;
const QUOTATION_OPENS = /^[^\n:："'「『“。！？.!?]{0,6}[:："'「『“]/u;

/** Longer than any location word or place phrase ('in south georgia & south sandwich islands'). */
const LONGEST_LOCATION = 64;

/**
 * The unavailability word and location word of one sentence that are closest, within JOIN_WINDOW.
 * `locations` are sorted by start; on a tie the earlier refusal word, then the location listed
 * first (`order`) wins. Each refusal word looks only at the locations inside its window.
 */
export function closestPair(
  unavailable: readonly Hit[],
  locations: ReadonlyArray<Hit & { order: number }>,
): { location: Hit; unavailable: Hit } | null {
  let best: { location: Hit; unavailable: Hit; distance: number } | null = null;
  let first = 0;
  for (const refusal of unavailable) {
    while (
      first < locations.length &&
      (locations[first] as Hit).start < refusal.start - JOIN_WINDOW - LONGEST_LOCATION
    )
      first++;
    let mine: { location: Hit & { order: number }; distance: number } | null = null;
    for (let at = first; at < locations.length; at++) {
      const location = locations[at] as Hit & { order: number };
      if (location.start > refusal.end + JOIN_WINDOW) break;
      const gap = distance(refusal, location);
      if (gap > JOIN_WINDOW) continue;
      if (!mine || gap < mine.distance || (gap === mine.distance && location.order < mine.location.order))
        mine = { location, distance: gap };
    }
    if (mine && (!best || mine.distance < best.distance))
      best = { location: mine.location, unavailable: refusal, distance: mine.distance };
  }
  return best ? { location: best.location, unavailable: best.unavailable } : null;
}

/**
 * The limited places ('only available in certain regions') of sentences that speak to a refused
 * reader: that regret it ('Unfortunately, …', '很遗憾，…') or are followed by the page's appeal
 * ('… if you believe you are receiving this message in error', '如果您认为这是误报'). There the
 * reader's place is not one of them.
 */
function regretted(
  compiled: Compiled,
  text: string,
  limited: readonly Hit[],
  spans: readonly Sentence[],
): Hit[] {
  if (limited.length === 0) return [];
  const regrets = hits(compiled.regrets, text);
  if (regrets.length === 0) return [];
  const regretsIn = bySentence(regrets, spans);
  const regretful = (index: number) => (regretsIn[index]?.length ?? 0) > 0;
  return bySentence(limited, spans).flatMap((places, index) =>
    regretful(index) ||
    (followsRightAfter(spans[index] as Sentence, spans[index + 1]) && regretful(index + 1))
      ? places
      : [],
  );
}

/** Whether a hit stands inside another language's phrase, and so is that phrase's (see `falseFriends`). */
function insideFalseFriend(hit: Hit, falseFriends: readonly Hit[]): boolean {
  return falseFriends.some((phrase) => within(hit, phrase));
}

/**
 * The words that address the reader (your, 您, ваш…), without two kinds of false match: a word
 * right after a dot that follows a letter is part of a host or a name ('notion.su', where Spanish
 * 'su' would read as 'your'), and a word inside another language's phrase is that phrase's
 * ('şu anda', Turkish for 'at the moment', holds Indonesian 'anda'). `falseFriends`, when the
 * caller has them, saves reading the text for them again.
 */
export function readerAddressees(compiled: Compiled, text: string, falseFriends?: readonly Hit[]): Hit[] {
  const found = hits(compiled.addressee, text);
  if (found.length === 0) return found;
  const friends = falseFriends ?? hits(compiled.falseFriends, text);
  return found.filter(
    (hit) =>
      !/[\p{L}\p{N}]\.$/u.test(text.slice(Math.max(0, hit.start - 2), hit.start)) &&
      !insideFalseFriend(hit, friends),
  );
}

/** `shown`, when given, is `text` as the page wrote it, character for character: evidence is cut from it. */
export function findInText(
  compiled: Compiled,
  text: string,
  context: TextContext,
  shown?: string,
): TextFinding | null {
  if (text.length === 0) return null;
  const namedPlaces = placeHits(compiled, text, compiled.namedPlaces);
  const addressed = hits(compiled.addressedLocation, text);
  const enumerated = enumeratedPlaceHits(compiled, text);
  const limited = hits(compiled.limitedPlaces, text);
  const unavailable = hits(compiled.unavailable, text);
  const codes = codeHits(compiled, text);
  // Another language's phrase holds neither a 'you' ('şu anda': Indonesian 'anda'), a hedge ('si
  // looga': Spanish 'si') nor a place ('от страна на', Bulgarian 'on the part of': Russian
  // 'страна', country); read once for all three, and only when the text refuses anything at all.
  const falseFriends = codes.length > 0 || unavailable.length > 0 ? hits(compiled.falseFriends, text) : [];
  // Listed in the order a tie between two equally near location words is settled (closestPair).
  const locations = [
    ...hits(compiled.location, text).filter((hit) => !insideFalseFriend(hit, falseFriends)),
    ...addressed,
    ...limited,
    ...placeHits(compiled, text),
    ...namedPlaces,
    ...enumerated,
  ];
  if (codes.length === 0 && (locations.length === 0 || unavailable.length === 0))
    return gluedFinding(compiled, text);
  const addressees = readerAddressees(compiled, text, falseFriends);
  const explainers = hits(compiled.explainers, text);
  // A hedge inside an explainer ('if you see this message, it means …') is the page speaking to its reader.
  // A reporting word that opens a quotation ('都是提示如图1：This model is not available in your
  // region.') hands over to the words shown, which are read as they were written.
  // So does one followed, in its sentence, by words addressed to 'you' ('提示服务在您的国家/地区不可用')
  // or by the reader's own place ('提示不支持所在的地区'): a person reporting never calls themselves
  // 您 nor their own country 所在的国家, so those are the service's words.
  const spans = splitAt(sentences(text), context.headingEnd);
  const addressedLocations = [
    ...addressed,
    ...regretted(compiled, text, limited, spans),
    ...namedPlaces,
    ...enumerated,
  ];
  const quoting = hits(compiled.reporting, text).filter((report) => {
    if (QUOTATION_OPENS.test(text.slice(report.end, report.end + QUOTATION_LEAD))) return true;
    const span = spans.find((sentence) => within(report, sentence));
    return (
      span !== undefined &&
      [...addressees, ...addressed].some((word) => word.start >= report.end && within(word, span))
    );
  });
  const hedges = hits(compiled.hedges, text).filter(
    (hedge) =>
      !explainers.some((explainer) => explainer.start <= hedge.start && explainer.end >= hedge.end) &&
      !insideFalseFriend(hedge, falseFriends) &&
      !quoting.some((report) => report.start === hedge.start && report.end === hedge.end),
  );
  const accepted: Array<{ sentence: Sentence; phrases: string[]; lang: string; structured: boolean }> = [];
  // Each hit in the sentence that holds it, so every sentence looks only at its own hits: the
  // reading stays linear however many location or refusal words a long text holds.
  const hedgesIn = bySentence(hedges, spans);
  const codesIn = bySentence(codes, spans);
  const unavailableIn = bySentence(unavailable, spans);
  const locationsIn = bySentence(
    locations.map((hit, order) => ({ ...hit, order })),
    spans,
  ).map((bucket) => bucket.sort((a, b) => a.start - b.start));
  const addresseesIn = bySentence(addressees, spans);
  const addressedIn = bySentence(addressedLocations, spans);

  const causeHedges = hits(compiled.causeHedges, text);
  // `stated`: where a refusal the sentence states ends; a hedge guessing its reason after it does not veto.
  const guessesAReasonAfter = (hedge: Hit, stated: number) =>
    stated >= 0 &&
    hedge.start >= stated &&
    causeHedges.some((cause) => cause.start <= hedge.start && cause.end >= hedge.end);
  const vetoed = (index: number, stated = -1) =>
    (hedgesIn[index] ?? []).some((hedge) => !guessesAReasonAfter(hedge, stated)) ||
    compiled.sentenceGuards.some(({ regex }) =>
      regex.test(text.slice(spans[index]?.start ?? 0, spans[index]?.end ?? 0)),
    );
  for (const [index, sentence] of spans.entries()) {
    const best = closestPair(unavailableIn[index] ?? [], locationsIn[index] ?? []);
    if (vetoed(index, best ? Math.max(best.unavailable.end, best.location.end) : -1)) continue;
    const sentenceCodes = codesIn[index] ?? [];
    if (!best && sentenceCodes.length === 0) continue;
    const next = spans[index + 1];
    const addressee =
      addresseesIn[index]?.[0] ??
      (best && (addressedIn[index]?.length ?? 0) > 0 ? best.location : undefined) ??
      (followsRightAfter(sentence, next) && !vetoed(index + 1) ? addresseesIn[index + 1]?.[0] : undefined);
    const structured = sentenceCodes.length > 0 || context.structuredCarrier;
    if (best && !addressee && !structured) continue;
    // A heading about a kind of place ('Updating restrictions of sales to unsupported regions',
    // 'Supported countries and territories') heads a list or a document, not a block page.
    if (
      context.heading &&
      best &&
      !addressee &&
      sentenceCodes.length === 0 &&
      compiled.listedPlaces.has(best.location.term)
    )
      continue;
    if (
      !best &&
      sentenceCodes.length > 0 &&
      !context.structuredCarrier &&
      !context.ownHost &&
      !addressee &&
      !sentenceCodes.some((hit) => codeNamedAsError(compiled, text, hit))
    ) {
      // A bare code needs an envelope, a status, an addressee or an error word right beside it.
      continue;
    }
    const phrases = [
      ...(best ? [best.unavailable.term, best.location.term] : []),
      ...(addressee && addressee !== best?.location ? [addressee.term] : []),
      ...sentenceCodes.map((hit) => hit.word),
    ];
    accepted.push({
      sentence,
      phrases,
      lang: best ? best.unavailable.lang : 'any',
      structured,
    });
  }
  if (accepted.length === 0) return gluedFinding(compiled, text);
  const first = accepted[0] as (typeof accepted)[number];
  const covered = accepted.reduce((sum, entry) => sum + (entry.sentence.end - entry.sentence.start), 0);
  return {
    phrases: [...new Set(accepted.flatMap((entry) => entry.phrases))].slice(0, 8),
    lang: first.lang,
    evidence: plain((shown ?? text).slice(first.sentence.start, first.sentence.end)),
    structured: accepted.some((entry) => entry.structured),
    inTitle: false,
    share: Math.min(1, covered / text.length),
  };
}
