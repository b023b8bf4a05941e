/**
 * The refusal recogniser: does this observation have the SHAPE of a region refusal, whoever
 * sent it and however it is worded? It runs after the signature rules found nothing.
 *
 * A refusal is recognised when, in one sentence that is neither hedged ("may not be
 * available", "if you see") nor guarded (cloud regions, quotas, plans, verification, WAF pages,
 * quoted errors; look-alikes.json), a word for where the reader is (country, 地区, регион…)
 * is joined to an unavailability word (not available, 不可用, недоступ…), and the refusal is
 * either addressed to the reader (your, 您, ваш…) or carried by a structured error (a code
 * naming country/region/location, FAILED_PRECONDITION, HTTP 451 or 403). A refusal code
 * (`unsupported_country_region_territory`, `RegionError`) or a block-page URL
 * (`…/app-unavailable-in-region`, `?location=unsupported`, a redirect from a service to its
 * own list of available regions) is recognised on its own.
 *
 * Who refused is who-refused.ts: the observed host's service, an upstream a gateway relays, the
 * service the text names, else "an AI service (not named)"; a refusal naming only a service
 * outside AI is nobody's here. Pages and responses on hosts that are no service's stay clean
 * unless an error response names the service (quotes in articles, docs and code stay clean).
 *
 * Cost: linear. At most RECOGNISER_READ characters are read; visible text longer than
 * PROSE_LIMIT is prose around a quote, not a refusal, and only its title is considered.
 *
 * Owns: the recogniser's logic. Must not: throw, touch the browser, storage or network.
 */
import { findProduct, GATEWAY_SERVICES, hostOf, type ProductMatch } from '../../services';
import type { ObservationKind } from '../observation';
import {
  type Guard,
  type LanguagePhrases,
  loadRecogniserData,
  type RecogniserData,
  type Signals,
} from './data';
import { canonicalText, readableText } from './normalise';
import {
  type CompiledName,
  linkedServices,
  type NamedService,
  namedServices,
  productFor,
  refuser,
} from './who-refused';

export { UNNAMED_PRODUCT, UNNAMED_SERVICE } from './who-refused';

/** How much of a body the recogniser reads (a refusal is near the top of what a page or error says). */
export const RECOGNISER_READ = 64 * 1024;
/** Page text longer than this is prose around a quote (an article, a thread, an answer), not a refusal. */
export const PROSE_LIMIT = 3000;
/** Pasted text and responses may be logs around the refusal; beyond this they are documents. */
export const LOG_LIMIT = 16 * 1024;
/** A location word and an unavailability word count as joined within this many characters. */
const JOIN_WINDOW = 80;
const EVIDENCE_LIMIT = 300;
/** The statuses a region refusal comes with (400 for APIs that use it, e.g. Gemini's FAILED_PRECONDITION). */
const REFUSAL_STATUSES = new Set([400, 403, 451]);

export interface RecogniserInput {
  kind: ObservationKind;
  url?: string;
  from?: string;
  status?: number;
  headers?: Record<string, string>;
  body: string;
  host: ProductMatch | null;
}

export interface Recognition {
  service: string;
  product: string;
  /** 0..1: how many independent signals agree (own host, service named, envelope, status, URL, title). */
  confidence: number;
  /** The words that matched, in the canonical reading (`not available`, `your`, `country`…). */
  phrases: string[];
  /** The language of the matched wording (`en`, `zh`, `ru`…, `any` for codes and URLs). */
  lang: string;
  /** Plain text, at most 300 characters. */
  evidence: string;
}

interface Hit {
  start: number;
  end: number;
  term: string;
  lang: string;
}

interface TermSet {
  regex: RegExp | null;
  /** Lower-case matched prefix → entry term and language, longest prefix first. */
  terms: Array<{ prefix: string; term: string; lang: string; whole?: RegExp }>;
}

/**
 * Scripts whose words end where spaces are. Hangul is not one of them here: Korean glues its
 * particles to the word before (`지역에서는`, `Gemini는`) and writes compounds with or without a
 * space, so a Korean term matches inside a longer run of Hangul, as a Chinese one does, and a
 * Latin name followed by a particle still ends at the particle.
 */
const SPACED_SCRIPT = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}0-9]/u;

/** A letter or digit of a script that separates words with spaces (a CJK or Hangul character next to it is a boundary). */
const SPACED_LETTER = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{N}]';

/** Korean spacing varies between writers (`지원되지 않습니다`, `지원되지않습니다`): a space inside a Hangul term is optional. */
const HANGUL = /\p{Script=Hangul}/u;

function escapeRegExp(text: string): string {
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

function termSource(term: string, spelledOutListed = false): string {
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

function termSet(entries: Array<{ term: string; lang: string }>): TermSet {
  const unique = new Map<string, { term: string; lang: string }>();
  for (const entry of entries) if (!unique.has(entry.term)) unique.set(entry.term, entry);
  const sorted = [...unique.values()].sort((a, b) => b.term.length - a.term.length);
  if (sorted.length === 0) return { regex: null, terms: [] };
  return {
    regex: new RegExp(
      sorted
        .map((entry) => {
          const spelledOut = negationSpelledOut(entry.term);
          const listed =
            spelledOut !== entry.term &&
            sorted.some((other) => other !== entry && spelledOut.endsWith(negationSpelledOut(other.term)));
          return termSource(entry.term, listed);
        })
        .join('|'),
      'gu',
    ),
    terms: sorted.map((entry) => ({
      prefix: entry.term.replace(/\*$/, ''),
      ...(entry.term.includes(TERM_GAP) ? { whole: new RegExp(`^(?:${termSource(entry.term)})$`, 'u') } : {}),
      term: entry.term,
      lang: entry.lang,
    })),
  };
}

function hits(set: TermSet, text: string): Hit[] {
  if (!set.regex) return [];
  const found: Hit[] = [];
  set.regex.lastIndex = 0;
  for (const match of text.matchAll(set.regex)) {
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

interface Compiled {
  data: RecogniserData;
  location: TermSet;
  addressedLocation: TermSet;
  /** Plural place words naming a kind of place ('regions', 'countries'): in a heading, a list's. */
  listedPlaces: Set<string>;
  unavailable: TermSet;
  addressee: TermSet;
  hedges: TermSet;
  /** Hedges proper (a guess, a condition), without reporting words and questions. */
  conditions: TermSet;
  explainers: TermSet;
  /** Hedges that guess a reason ('có thể do'): they leave a refusal stated before them alone. */
  causeHedges: TermSet;
  reporting: TermSet;
  /** Every word that reports what a service showed, vetoing or not (`reporting` and `reportVerbs`). */
  reports: TermSet;
  /** What a person calls a region refusal when reporting it ('地区问题', 'ошибку геолокации'). */
  regionErrors: TermSet;
  /** A country or territory named after a scope word of its language ('in italy', '在意大利', 'в италии'), per language. */
  places: Array<{ lang: string; regex: RegExp }>;
  /** A location word followed by a country's name ('in location russia'), per language: addressed. */
  namedPlaces: Array<{ lang: string; regex: RegExp }>;
  /** Chinese deixis before a list of nouns that holds a location word ('当前账号、国家、地区或区域'). */
  enumeratedPlaces: RegExp | null;
  sentenceGuards: Array<{ guard: Guard; regex: RegExp }>;
  /** Services that are not AI services (look-alikes.json `otherServices`): a refusal naming only one is its own. */
  otherServices: TermSet;
  /** The same names and `other-service` guards with their spaces removed, for text that lost its spaces. */
  gluedOtherService: RegExp | null;
  textGuards: Array<{ guard: Guard; regex: RegExp }>;
  envelope: TermSet;
  relay: TermSet;
  statusInText: RegExp;
  names: CompiledName[];
  /** Any service's name at the end, and at the start, of a text: where a place-first clause meets its service. */
  nameAtEnd: RegExp;
  nameAtStart: RegExp;
  /** A client's guess at a region refusal, and the failure words before it (regionGuess only). */
  guesses: TermSet;
  failures: TermSet;
  /** Glued words only: one location stem and one refusal stem inside one identifier. */
  codeWord: RegExp;
  codeLocation: string[];
  codeRefusal: string[];
  codeGuard: string[];
  /** An error or exception word right beside a code. */
  codeContext: RegExp | null;
  /** Per spaced language, its words with their spaces removed, for text that lost its spaces. */
  glued: GluedWords[];
  /** Place words that may open a terse refusal (signals.json `placeFirstPlaces`). */
  placeFirstPlaces: TermSet;
  /** The guards' plain words without their spaces, for text that lost them ('sku', 'quota', 'appstore'). */
  gluedGuards: string[];
}

interface GluedWords {
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

function byLanguage(languages: readonly LanguagePhrases[], pick: (language: LanguagePhrases) => unknown) {
  return languages.flatMap((language) =>
    ((pick(language) as Array<{ text: string }> | undefined) ?? []).map((entry) => ({
      term: entry.text,
      lang: language.lang,
    })),
  );
}

function guardRegex(guard: Guard): RegExp {
  return new RegExp(guard.pattern ?? termSource(guard.text as string), 'u');
}

/** Shortest Cyrillic name whose final vowel is read as a case ending (Италия → в Италии); shorter ones (США) stay whole. */
const INFLECTED_MIN_LENGTH = 5;

/**
 * A place name as a pattern. Russian declines country names after в (Италия → в Италии, Китай →
 * в Китае, Иран → в Иране): a one-word Cyrillic name takes any ending, after dropping its final
 * vowel, й or ь when it is long enough for that to be an ending. Other names match as written.
 */
function placeSource(name: string): string {
  if (!/^\p{Script=Cyrillic}+$/u.test(name)) return escapeRegExp(name);
  const ending = /[аяйьеоиы]$/u.test(name);
  if (ending && name.length < INFLECTED_MIN_LENGTH) return escapeRegExp(name);
  return `${escapeRegExp(ending ? name.slice(0, -1) : name)}\\p{L}*`;
}

function placeRegexes(
  languages: readonly LanguagePhrases[],
  places: Readonly<Record<string, readonly string[]>>,
): Array<{ lang: string; regex: RegExp }> {
  return languages.flatMap((language) => {
    const scope = (language.placeScope ?? []).map((entry) => entry.text);
    const names = [...(places[language.lang] ?? [])].sort((a, b) => b.length - a.length);
    if (scope.length === 0 || names.length === 0) return [];
    const spaced = scope.some((word) => SPACED_SCRIPT.test(word));
    const scopeSource = scope.map(escapeRegExp).join('|');
    const nameSource = names.map(placeSource).join('|');
    const source = spaced
      ? `(?<![\\p{L}\\p{N}])(?:${scopeSource})\\s+(?:${nameSource})(?![\\p{L}\\p{N}])`
      : `(?:${scopeSource})(?:${nameSource})`;
    return [{ lang: language.lang, regex: new RegExp(source, 'gu') }];
  });
}

/**
 * A location word followed by a country's name ('not supported in location Russia', 'country: Iran'):
 * the refusal names where the reader is, which addresses it as plainly as 'your location' does.
 * Spaced scripts only: their place names stand as words of their own.
 */
function namedPlaceRegexes(
  languages: readonly LanguagePhrases[],
  places: Readonly<Record<string, readonly string[]>>,
): Array<{ lang: string; regex: RegExp }> {
  return languages.flatMap((language) => {
    const words = language.location
      .map((entry) => entry.text)
      .filter((word) => SPACED_SCRIPT.test(word))
      .map((word) => (word.endsWith('*') ? `${escapeRegExp(word.slice(0, -1))}\\p{L}*` : escapeRegExp(word)));
    const names = [...(places[language.lang] ?? [])].sort((a, b) => b.length - a.length);
    if (words.length === 0 || names.length === 0) return [];
    const source = `(?<![\\p{L}\\p{N}])(?:${words.join('|')})\\s*:?\\s+(?:${names.map(placeSource).join('|')})(?![\\p{L}\\p{N}])`;
    return [{ lang: language.lang, regex: new RegExp(source, 'gu') }];
  });
}

function placeHits(
  compiled: Compiled,
  text: string,
  regexes: ReadonlyArray<{ lang: string; regex: RegExp }> = compiled.places,
): Hit[] {
  const found: Hit[] = [];
  for (const { lang, regex } of regexes) {
    regex.lastIndex = 0;
    for (const match of text.matchAll(regex)) {
      found.push({ start: match.index, end: match.index + match[0].length, term: match[0], lang });
    }
  }
  return found;
}

/**
 * Chinese puts one deixis before a whole list ('当前账号、国家、地区或区域暂不支持…': the current
 * account, country, region or area): each location word in the list is as addressed as '当前地区'.
 * The deixis words are those of the addressed locations (当前地区 → 当前), so no word is added;
 * the list is short nouns joined by 、 / 或 和 及 与.
 */
function enumeratedPlaceRegex(languages: readonly LanguagePhrases[]): RegExp | null {
  const zh = languages.find((language) => language.lang === 'zh');
  if (!zh) return null;
  const locations = zh.location.map((entry) => entry.text).sort((a, b) => b.length - a.length);
  const deixis = new Set<string>();
  for (const { text } of zh.addressedLocation ?? []) {
    const place = locations.find((location) => text.endsWith(location) && text.length > location.length);
    if (place) deixis.add(text.slice(0, -place.length).replace(/的$/, ''));
  }
  // 所在 ('where … is') takes its owner from the words before it: 您所在 is the reader's and is
  // read through 您, 用户所在 is someone else's. Only a deixis that points by itself heads a list.
  deixis.delete('所在');
  if (deixis.size === 0 || locations.length === 0) return null;
  const words = (list: Iterable<string>) => [...list].map(escapeRegExp).join('|');
  return new RegExp(
    `(?:${words(deixis)})的?(?:\\p{Script=Han}{1,4}[、/或和及与]){1,4}(${words(locations)})`,
    'gu',
  );
}

/** The location words of a list under one deixis, as addressed location hits. */
function enumeratedPlaceHits(compiled: Compiled, text: string): Hit[] {
  const regex = compiled.enumeratedPlaces;
  if (!regex || !/[、/或和及与]/.test(text)) return [];
  const found: Hit[] = [];
  regex.lastIndex = 0;
  for (const match of text.matchAll(regex)) {
    const word = match[1] as string;
    const end = match.index + match[0].length;
    found.push({ start: end - word.length, end, term: word, lang: 'zh' });
  }
  return found;
}

/** Names and `other-service` guard patterns as text that lost its spaces writes them ('steam:thisitemiscurrently…'). */
function gluedOtherServiceRegex(data: RecogniserData): RegExp | null {
  const names = data.otherServices.map((entry) => escapeRegExp(entry.name.replace(/ /g, '')));
  const guards = data.guards
    .filter((guard) => guard.kind === 'other-service' && guard.pattern !== undefined)
    .map((guard) => (guard.pattern as string).replace(/\\b/g, '').replace(/ /g, ''));
  const parts = [...names, ...guards];
  return parts.length > 0 ? new RegExp(parts.join('|'), 'u') : null;
}

export function compileRecogniser(data: RecogniserData): Compiled {
  const { languages, signals } = data;
  const names = [...data.names]
    .sort((a, b) => b.name.length - a.name.length)
    .map((name) => ({
      name,
      regex: new RegExp(termSource(name.name), 'u'),
      unless: name.unless ? new RegExp(name.unless.map((word) => termSource(word)).join('|'), 'u') : null,
    }));
  const anyName = names.map(({ regex }) => regex.source).join('|');
  const any = (entries: Array<{ text: string }>) =>
    entries.map((entry) => ({ term: entry.text, lang: 'any' }));
  const guards = data.guards.map((guard) => ({ guard, regex: guardRegex(guard) }));
  return {
    data,
    location: termSet(byLanguage(languages, (language) => language.location)),
    addressedLocation: termSet(byLanguage(languages, (language) => language.addressedLocation)),
    listedPlaces: new Set(
      languages.flatMap((language) => (language.listedPlaces ?? []).map((entry) => entry.text)),
    ),
    unavailable: termSet(byLanguage(languages, (language) => language.unavailable)),
    addressee: termSet(byLanguage(languages, (language) => language.addressee)),
    // A word introducing what a service showed, and a question, veto their sentence like a hedge
    // (see reportedFinding and namedReportFinding).
    hedges: termSet(
      byLanguage(languages, (language) => [
        ...language.hedges,
        ...(language.reporting ?? []),
        ...(language.questions ?? []),
      ]),
    ),
    conditions: termSet(byLanguage(languages, (language) => language.hedges)),
    explainers: termSet(byLanguage(languages, (language) => language.explainers)),
    causeHedges: termSet(byLanguage(languages, (language) => language.causeHedges)),
    reporting: termSet(byLanguage(languages, (language) => language.reporting)),
    reports: termSet(
      byLanguage(languages, (language) => [...(language.reporting ?? []), ...(language.reportVerbs ?? [])]),
    ),
    regionErrors: termSet(byLanguage(languages, (language) => language.regionErrors)),
    places: placeRegexes(languages, data.places),
    namedPlaces: namedPlaceRegexes(languages, data.places),
    enumeratedPlaces: enumeratedPlaceRegex(languages),
    sentenceGuards: guards.filter((entry) => entry.guard.scope === 'sentence'),
    otherServices: termSet(data.otherServices.map((entry) => ({ term: entry.name, lang: 'any' }))),
    gluedOtherService: gluedOtherServiceRegex(data),
    textGuards: guards.filter((entry) => entry.guard.scope === 'text'),
    envelope: termSet(any(signals.envelopeMarkers)),
    relay: termSet(any(signals.relayMarkers)),
    statusInText: new RegExp(
      `(?<![\\d.])(?:${signals.statusInText.map((entry) => escapeRegExp(entry.text)).join('|')})(?![\\d.])`,
    ),
    names,
    nameAtEnd: new RegExp(`(?:${anyName})$`, 'u'),
    nameAtStart: new RegExp(`^(?:${anyName})`, 'u'),
    guesses: termSet(byLanguage(languages, (language) => language.guesses)),
    failures: termSet(any(signals.failureWords)),
    codeWord: /[a-z0-9]+(?:[_-][a-z0-9]+)*/g,
    codeLocation: signals.codeLocationStems.map((entry) => entry.text),
    codeRefusal: signals.codeRefusalStems.map((entry) => entry.text),
    codeGuard: signals.codeGuardStems.map((entry) => entry.text),
    codeContext:
      signals.codeContextMarkers.length === 0
        ? null
        : // Inside a glued neighbour too: `GenerateContentError.unsupportedUserLocation`.
          new RegExp(signals.codeContextMarkers.map((entry) => escapeRegExp(entry.text)).join('|'), 'u'),
    glued: gluedWords(languages),
    placeFirstPlaces: termSet(
      data.signals.placeFirstPlaces.map((entry) => ({ term: entry.text, lang: 'any' })),
    ),
    gluedGuards: data.guards
      .flatMap((guard) => (guard.text ? [guard.text.replace(/[ *]/g, '')] : []))
      .filter((word) => word.length >= GLUED_WORD_MIN),
  };
}

let builtInData: RecogniserData | null = null;
let builtIn: Compiled | null = null;
function dataBuiltIn(): RecogniserData {
  builtInData ??= loadRecogniserData();
  return builtInData;
}
function compiledBuiltIn(): Compiled {
  builtIn ??= compileRecogniser(dataBuiltIn());
  return builtIn;
}

/** Compiles the built-in tables now, ahead of the first observation that needs them. */
export function warmRecogniser(): void {
  compiledBuiltIn();
}

/** Whether the built-in tables are built (they are built on the first observation that needs them). */
export function recogniserBuilt(): boolean {
  return builtIn !== null;
}

interface Sentence {
  start: number;
  end: number;
}

/**
 * Sentence spans: split at . ! ? followed by space or end, at 。！？;؟؛۔ at blank lines, and at a line
 * break after punctuation. A single line break inside a sentence is a wrapped line, not an end.
 */
function sentences(text: string): Sentence[] {
  const spans: Sentence[] = [];
  let start = 0;
  // Arabic script ends questions and clauses with its own marks (؟ ؛ ۔).
  // A Chinese line that ends without punctuation and an English line after it are two sentences
  // ('重新登录就提示我账号地址的问题\nYour current account is not eligible…'): nobody wraps one
  // sentence from Chinese into English.
  const boundary =
    /[.!?](?=\s|$)|[。！？;؟؛۔]|\n\s*\n|(?<=[:：,，)\]}"'])\n|(?<=\p{Script=Han})\n(?=\p{Script=Latin})/gu;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** The sentences with the one holding `at` cut in two there (a heading's end inside a wrapped sentence). */
function splitAt(spans: Sentence[], at: number | undefined): Sentence[] {
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

function within(hit: { start: number; end: number }, sentence: Sentence): boolean {
  return hit.start >= sentence.start && hit.end <= sentence.end;
}

function distance(a: Hit, b: Hit): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

interface CodeHit {
  start: number;
  end: number;
  word: string;
}

/** Identifiers that glue a location stem to a refusal stem: unsupported_country, regionerror, geoblocked… */
function codeHits(compiled: Compiled, text: string): CodeHit[] {
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

function codeNamedAsError(compiled: Compiled, text: string, hit: CodeHit): boolean {
  if (!compiled.codeContext) return false;
  const around = text.slice(Math.max(0, hit.start - CODE_CONTEXT_WINDOW), hit.end + CODE_CONTEXT_WINDOW);
  return compiled.codeContext.test(around.replace(hit.word, ' '));
}

function plain(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EVIDENCE_LIMIT ? flat : `${flat.slice(0, EVIDENCE_LIMIT - 1)}…`;
}

interface UrlVerdict {
  service: string;
  product: string;
  phrase: string;
  url: string;
}

function safeUrl(url: string | undefined): URL | null {
  if (url === undefined) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A block page by its URL: a refusal path on a service's host, or a redirect from a service to a list of regions. */
function urlSignal(signals: Signals, input: RecogniserInput): UrlVerdict | null {
  if (input.kind === 'text') return null;
  const candidates: Array<{ url: string; from: string | undefined }> = [];
  if (input.url !== undefined) candidates.push({ url: input.url, from: input.from });
  const location = Object.entries(input.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'location',
  )?.[1];
  if (
    input.kind === 'response' &&
    location &&
    input.status !== undefined &&
    input.status >= 300 &&
    input.status < 400
  ) {
    const target = safeUrl(input.url)
      ? (() => {
          try {
            return new URL(location, input.url).href;
          } catch {
            return undefined;
          }
        })()
      : undefined;
    if (target) candidates.push({ url: target, from: input.url });
  }
  for (const candidate of candidates) {
    const parsed = safeUrl(candidate.url);
    if (!parsed || !/^https?:$/.test(parsed.protocol)) continue;
    const path = decodeURIComponent(parsed.pathname).toLowerCase().replace(/\/+$/, '');
    const query = parsed.search.toLowerCase();
    const target = findProduct(candidate.url);
    const fromUrl = candidate.from;
    const from = fromUrl !== undefined && hostOf(fromUrl) !== null ? findProduct(fromUrl) : null;
    const owner = target ?? from;
    // A path segment is the token itself, the token after a prefix (`app-unavailable-in-region`),
    // or the token with a file extension (`available-regions.md.txt`).
    const segments = path.split('/').map((segment) => segment.replace(/\..*$/, ''));
    const last = segments[segments.length - 1] ?? '';
    const refusalPath = signals.urlRefusalPaths.find(
      (entry) => last === entry.text || last.endsWith(`-${entry.text}`),
    );
    const refusalQuery = signals.urlRefusalQueries.find((entry) => {
      const [name, value] = entry.text.split('=');
      return parsed.searchParams.get(name as string)?.toLowerCase() === value;
    });
    const shown = `${parsed.origin}${parsed.pathname}${refusalQuery ? `?${refusalQuery.text}` : ''}`;
    if ((refusalPath || refusalQuery) && owner) {
      const service = owner.service;
      return {
        service,
        product:
          target?.service === service ? target.product : (from?.product ?? productFor(service, input.kind)),
        phrase: (refusalPath ?? refusalQuery)?.text as string,
        url: shown,
      };
    }
    const listing = signals.urlListingPaths.find((entry) => segments.includes(entry.text));
    const fromHost = fromUrl === undefined ? null : hostOf(fromUrl);
    if (listing && from && fromHost !== parsed.hostname && query.length >= 0) {
      const service = from.service;
      return {
        service,
        product: target?.service === service ? target.product : from.product,
        phrase: listing.text,
        url: shown,
      };
    }
  }
  return null;
}

interface TextFinding {
  phrases: string[];
  lang: string;
  evidence: string;
  structured: boolean;
  inTitle: boolean;
  /** Share of the visible text taken by the accepted sentences (0..1). */
  share: number;
  /** Read from words run together (text that lost its spaces). */
  glued?: boolean;
}

/** Shortest hedge or guard word looked for inside a glued word: shorter ones ('si', 'if') sit inside other words. */
const GLUED_WORD_MIN = 3;
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
function gluedWords(languages: readonly LanguagePhrases[]): GluedWords[] {
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
function gluedFinding(compiled: Compiled, text: string): TextFinding | null {
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

interface TextContext {
  status: number | undefined;
  structuredCarrier: boolean;
  /** The text comes from the service's own host: a refusal code there speaks for itself. */
  ownHost: boolean;
  /** The text is a page's title or heading, read as speaking to the reader without a 'your'. */
  heading?: boolean;
  /** Where a page's heading line ends: the heading is not part of the sentence after it. */
  headingEnd?: number;
}

/** The hits inside each sentence, by sentence index (a hit across a sentence boundary belongs to none). */
function bySentence<T extends { start: number; end: number }>(
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

/** A reporting word opens a quotation when a colon or an opening quote follows within this many characters ('提示如图1：'). */
const QUOTATION_LEAD = 8;
const QUOTATION_OPENS = /^[^\n:："'「『“]{0,6}[:："'「『“]/u;

/** Longer than any location word or place phrase ('in south georgia & south sandwich islands'). */
const LONGEST_LOCATION = 64;

/**
 * The unavailability word and location word of one sentence that are closest, within JOIN_WINDOW.
 * `locations` are sorted by start; on a tie the earlier refusal word, then the location listed
 * first (`order`) wins. Each refusal word looks only at the locations inside its window.
 */
function closestPair(
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

/** `shown`, when given, is `text` as the page wrote it, character for character: evidence is cut from it. */
function findInText(
  compiled: Compiled,
  text: string,
  context: TextContext,
  shown?: string,
): TextFinding | null {
  if (text.length === 0) return null;
  const namedPlaces = placeHits(compiled, text, compiled.namedPlaces);
  const addressed = hits(compiled.addressedLocation, text);
  const enumerated = enumeratedPlaceHits(compiled, text);
  // Listed in the order a tie between two equally near location words is settled (closestPair).
  const locations = [
    ...hits(compiled.location, text),
    ...addressed,
    ...placeHits(compiled, text),
    ...namedPlaces,
    ...enumerated,
  ];
  const addressedLocations = [...addressed, ...namedPlaces, ...enumerated];
  const unavailable = hits(compiled.unavailable, text);
  const codes = codeHits(compiled, text);
  if (codes.length === 0 && (locations.length === 0 || unavailable.length === 0))
    return gluedFinding(compiled, text);
  // A word right after a dot that follows a letter is part of a host or a name ('notion.su', where
  // Spanish 'su' would read as 'your'), not a word of the sentence.
  const addressees = hits(compiled.addressee, text).filter(
    (hit) => !/[\p{L}\p{N}]\.$/u.test(text.slice(Math.max(0, hit.start - 2), hit.start)),
  );
  const explainers = hits(compiled.explainers, text);
  // A hedge inside an explainer ('if you see this message, it means …') is the page speaking to its reader.
  // A reporting word that opens a quotation ('都是提示如图1：This model is not available in your
  // region.') hands over to the words shown, which are read as they were written.
  // So does one followed, in its sentence, by words addressed to 'you' ('提示服务在您的国家/地区不可用')
  // or by the reader's own place ('提示不支持所在的地区'): a person reporting never calls themselves
  // 您 nor their own country 所在的国家, so those are the service's words.
  const spans = splitAt(sentences(text), context.headingEnd);
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
      (next && next.start - sentence.end < 4 && !vetoed(index + 1)
        ? addresseesIn[index + 1]?.[0]
        : undefined);
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

/**
 * An exception class name with its module path, as SDKs and gateways print an error (read
 * lower-cased): one word glued to `error`/`exception`. A snake_case `permission_error` is an
 * error type with a reason, not a class name.
 */
const EXCEPTION_NAME =
  /(?<![\p{L}\p{N}_.])(?:[a-z_][a-z0-9_]*\.)*[a-z]+(?:error|exception)(?![\p{L}\p{N}_])/gu;

/** Longest body a reasonless refusal comes in: a bare envelope around one short message. */
const REASONLESS_LIMIT = 256;

/**
 * A 403 from a service's own API whose only words are a reasonless refusal ('Request not allowed')
 * inside a bare error envelope, or the same error pasted with its 403 or its type 'forbidden'. Any
 * other word (a key, a model, a permission, an organisation) is a reason, and a 403 with a reason
 * is a permission error, not a region refusal.
 */
function reasonlessFinding(compiled: Compiled, input: RecogniserInput, text: string): TextFinding | null {
  const { signals } = compiled.data;
  if (text.length > REASONLESS_LIMIT) return null;
  if (input.kind === 'text') {
    // Pasted, the status travels in the text: a 403, or the envelope's own name for it ('type: forbidden').
    if (!compiled.statusInText.test(text) && !/\bforbidden\b/.test(text)) return null;
  } else if (input.kind !== 'response' || input.status !== 403 || input.host?.role !== 'api') return null;
  if (input.host && GATEWAY_SERVICES.has(input.host.service)) return null;
  // The message may have lost its spaces on the way ('Requestnotallowed'): it is the same words.
  const message = signals.reasonlessRefusals.find(
    (entry) => text.includes(entry.text) || text.includes(entry.text.replace(/ /g, '')),
  );
  if (!message) return null;
  const allowed = new Set([
    ...message.text.split(' '),
    message.text.replace(/ /g, ''),
    ...signals.reasonlessEnvelopeWords.map((entry) => entry.text),
  ]);
  // An exception's class name and module path (`openai.PermissionDeniedError`, `litellm.…Error:
  // OpenAIException`) are how an SDK or gateway prints the envelope, not a reason.
  const unwrapped = text.replace(EXCEPTION_NAME, ' ');
  const words = unwrapped.match(/[\p{L}]+/gu) ?? [];
  if (words.some((word) => !allowed.has(word))) return null;
  return {
    phrases: [message.text],
    lang: 'en',
    evidence: plain(text),
    structured: true,
    inTitle: false,
    share: 1,
  };
}

/** Longest first line that is read as a page's heading. */
const HEADING_LIMIT = 100;

/**
 * The first line of a page's text when it stands as a heading: short, followed by more text, and
 * not itself a sentence running on. A block page says what it is there ('ChatGPT disabled for users
 * in Italy'), as others do in their title; it is read like a title.
 */
function pageHeading(text: string): string | null {
  const end = text.indexOf('\n');
  if (end <= 0 || end > HEADING_LIMIT) return null;
  const line = text.slice(0, end);
  return /[.!?。！？:：;,，]/.test(line) ? null : line;
}

/** Longest pasted report that is read for the words it reports, and longest subject before its reporting word. */
const REPORT_LIMIT = 80;
const REPORT_SUBJECT_LIMIT = 30;

/**
 * A short pasted report of what a service showed ('Gemini app提示“所在地区不支持”'): the person
 * pasting it is telling Detour what they saw, so the reported words are read as the refusal,
 * addressed like any other. The paste must be only that: a short subject, the reporting word and
 * the reported words to the end, one clause. Reports inside longer text (issue threads, articles,
 * a report followed by the writer's own comment) stay vetoed: there the report is prose around a quote.
 */
function reportedFinding(compiled: Compiled, text: string, context: TextContext): TextFinding | null {
  if (text.length > REPORT_LIMIT) return null;
  const [report] = hits(compiled.reporting, text);
  if (!report || report.start > REPORT_SUBJECT_LIMIT) return null;
  // A report under a hedge ('if Gemini says …') is advice about a refusal, not what a service showed.
  if (hits(compiled.hedges, text.slice(0, report.start)).length > 0) return null;
  // A report that a service did not show a refusal ('没有提示…') reports none.
  if (hits(compiled.conditions, text.slice(0, report.end)).some((hedge) => hedge.end >= report.end))
    return null;
  const reported = text.slice(report.end).replace(/^[\s:"'「『]+|[\s"'」』.。!！]+$/g, '');
  if (/[,.;:!?。，；：！？"\n،؛؟]/.test(reported)) return null;
  const finding = findInText(compiled, reported, context);
  return finding ? { ...finding, phrases: [...finding.phrases, report.term], share: 1 } : null;
}

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
function servicesIn(compiled: Compiled, text: string, body: string): NamedService[] {
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
    const addressees = hits(compiled.addressee, text);
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

/** Longest pasted text, and longest sentence in it, read for a named service's reported words. */
const NAMED_REPORT_LIMIT = 1000;
const NAMED_REPORT_SENTENCE_LIMIT = 160;
/**
 * How far into the reported words the refusal may begin: '提示我所在区域不可用', '说我 location not
 * supported', 'сообщает, что сервис недоступен…' (a connective and a subject before it).
 */
const REPORT_GAP = 16;
/** How far before a verb-final reporting word its region error may end ('Gemini ارور لوکیشن میده'). */
const REPORT_LEAD_BEFORE = 24;

/**
 * A comment reporting what a named AI service showed ('今天使用gemini发现提示我所在区域不可用',
 * '支持Gemini的节点，依旧显示地区不支持', 'gemini怎么还是说我所在的地区不可用呢', 'Приложение Gemini
 * на iOS сообщает, что сервис недоступен в моем регионе'): the service is named before the
 * reporting word in the same short sentence, and the words right after it join a location to an
 * unavailability, or name a region error ('显示地区问题', 'выдает ошибку геолокации'; in a
 * verb-final language right before it: 'Gemini ارور لوکیشن میده'). What the service showed was
 * addressed to the writer, so no 'your' is needed, and a question around the report ('why does it
 * still say …') does not make it any less a report. A condition ('如果 Gemini 提示…'), a guard, a
 * long sentence, a report with no service named, and a question about which regions are supported
 * (no reporting word) stay clean.
 */
function namedReportFinding(compiled: Compiled, text: string): TextFinding | null {
  if (text.length > NAMED_REPORT_LIMIT) return null;
  const reports = hits(compiled.reports, text);
  if (reports.length === 0) return null;
  const named = namedServices(compiled.names, text);
  if (named.length === 0) return null;
  const spans = sentences(text);
  for (const report of reports) {
    const sentence = spans.find((span) => within(report, span));
    if (!sentence || sentence.end - sentence.start > NAMED_REPORT_SENTENCE_LIMIT) continue;
    if (!named.some((candidate) => candidate.at >= sentence.start && candidate.at < report.start)) continue;
    const rest = text.slice(report.end, sentence.end);
    const lead = /^[\s:："'「『“,，]*/u.exec(rest)?.[0].length ?? 0;
    // A single line break inside the sentence is a wrapped line, not the clause's end.
    const clauseEnd = rest.slice(lead).search(/[,，.。!！?？;；:：]|\n\s*\n/);
    const clause = clauseEnd < 0 ? rest : rest.slice(0, lead + clauseEnd);
    // A condition or a guess anywhere in the sentence ('如果…', '…应该是…的问题', '没有提示…') is advice or a diagnosis.
    if (hits(compiled.conditions, text.slice(sentence.start, sentence.end)).length > 0) continue;
    if (compiled.sentenceGuards.some(({ regex }) => regex.test(clause))) continue;
    const locations = [...hits(compiled.location, clause), ...hits(compiled.addressedLocation, clause)]
      .sort((a, b) => a.start - b.start)
      .map((hit, order) => ({ ...hit, order }));
    const best = closestPair(hits(compiled.unavailable, clause), locations);
    const evidence = plain(text.slice(sentence.start, sentence.end));
    if (best && Math.min(best.location.start, best.unavailable.start) - lead <= REPORT_GAP)
      return {
        phrases: [best.unavailable.term, best.location.term, report.term],
        lang: best.unavailable.lang,
        evidence,
        structured: false,
        inTitle: false,
        share: 1,
      };
    const before = text.slice(Math.max(sentence.start, report.start - REPORT_LEAD_BEFORE), report.start);
    const error =
      hits(compiled.regionErrors, clause).find((hit) => hit.start - lead <= REPORT_GAP) ??
      hits(compiled.regionErrors, before).find((hit) => before.slice(hit.end).trim().length <= 2);
    if (error)
      return {
        phrases: [error.term, report.term],
        lang: error.lang,
        evidence,
        structured: false,
        inTitle: false,
        share: 1,
      };
  }
  return null;
}

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
function placeFirstFinding(compiled: Compiled, text: string): TextFinding | null {
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

function isErrorStatus(status: number | undefined): boolean {
  return status === undefined || status >= 400;
}

/** The recogniser. Null when the observation does not have a region refusal's shape. Never throws. */
export function recogniseRefusal(input: RecogniserInput, compiled?: Compiled): Recognition | null {
  try {
    return compiled
      ? recognise(compiled.data, () => compiled, input)
      : recognise(dataBuiltIn(), compiledBuiltIn, input);
  } catch {
    return null;
  }
}

/**
 * `tables` builds the compiled tables only past the checks that need none: most observations a
 * worker sees (a 404, 429 or 500 from a service's API) end before them, and the tables take tens of
 * milliseconds to build in a worker that just started, which a banner's report would wait behind.
 */
function recognise(data: RecogniserData, tables: () => Compiled, input: RecogniserInput): Recognition | null {
  const { kind, host } = input;
  // Pages and navigations on hosts that belong to no service are articles, docs and code: never refusals here.
  const onServiceHost = kind !== 'text' && host !== null;

  const byUrl = urlSignal(data.signals, input);
  if (byUrl) {
    return {
      service: byUrl.service,
      product: byUrl.product,
      confidence: 0.9,
      phrases: [byUrl.phrase],
      lang: 'any',
      evidence: plain(byUrl.url),
    };
  }
  if (kind === 'navigation' || input.body.length === 0) return null;
  // A block-page host (a service's docs or list of regions) says so only by how the tab got there.
  if (host?.role === 'blockPage' && kind === 'page') return null;
  if (kind === 'page' && !onServiceHost) return null;
  // A region refusal answers 403, 451 or 400; 401, 404, 429 and 5xx mean something else.
  if (kind === 'response' && input.status !== undefined && !REFUSAL_STATUSES.has(input.status)) return null;
  if (kind === 'response' && !onServiceHost && !isErrorStatus(input.status)) return null;

  const visibleLimit = kind === 'page' ? PROSE_LIMIT : LOG_LIMIT;
  // Plain text far longer than a refusal needs no reading: it is a document, and it has no title.
  const markup = /<[a-z!/]/i.test(input.body.slice(0, 4096));
  if (!markup && input.body.length > 2 * visibleLimit) return null;
  const compiled = tables();
  // Page text reaches here as what the page shows; a few times the prose limit is all that can matter.
  const { text, display, aligned, title } = readableText(
    input.body,
    kind === 'page' ? 3 * PROSE_LIMIT : RECOGNISER_READ,
  );
  const proseHeavy = text.length > visibleLimit;
  if (proseHeavy && !title) return null;
  if (compiled.textGuards.some(({ regex }) => (!proseHeavy && regex.test(text)) || regex.test(title)))
    return null;

  const envelope = hits(compiled.envelope, text).length > 0;
  const statusSignal =
    (input.status !== undefined && [403, 451].includes(input.status)) ||
    (input.status === 400 && kind === 'response') ||
    compiled.statusInText.test(text);
  const failedPrecondition = text.includes(compiled.data.signals.failedPrecondition.text);
  const structuredCarrier =
    input.status === 451 ||
    // An error page's title carries its status too ('451 Unavailable For Legal Reasons').
    /(?<!\d)451(?!\d)/.test(`${title}\n${text}`) ||
    failedPrecondition ||
    statusSignal ||
    envelope;
  const context: TextContext = { status: input.status, structuredCarrier, ownHost: onServiceHost };

  let finding: TextFinding | null = reasonlessFinding(compiled, input, text);
  if (!finding && title) {
    const inTitle = findInText(compiled, title, { ...context, structuredCarrier: true, heading: true });
    if (inTitle) finding = { ...inTitle, inTitle: true, share: 1 };
  }
  // A page without a <title> (page text arrives as what the page shows) leads with its heading.
  const heading = kind === 'page' && !title && !proseHeavy ? pageHeading(text) : null;
  if (!finding && heading) {
    const inHeading = findInText(compiled, heading, { ...context, structuredCarrier: true, heading: true });
    if (inHeading) finding = { ...inHeading, inTitle: true, share: 1 };
  }
  if (!finding && !proseHeavy) {
    // The heading is not part of the sentence after it.
    const bodyContext = heading ? { ...context, headingEnd: heading.length } : context;
    finding = findInText(compiled, text, bodyContext, aligned ? display : undefined);
  }
  if (!finding && kind === 'text') finding = reportedFinding(compiled, text, context);
  if (!finding && kind === 'text') finding = namedReportFinding(compiled, text);
  if (!finding && kind === 'text') finding = placeFirstFinding(compiled, text);
  if (!finding) return null;
  // On a page, a refusal is what the page says, not one sentence in a long answer or article.
  if (kind === 'page' && !finding.inTitle && text.length > 400 && finding.share < 0.2) return null;

  // Who refused.
  // The service the refusing sentence names refused, over one named elsewhere in the text
  // ('…OpenRouter's set-up wizard refused the model. The real cause: xAI returns "403 … not
  // available in your region"').
  const inSentence = namedServices(compiled.names, canonicalText(finding.evidence));
  const named = inSentence.length > 0 ? inSentence : servicesIn(compiled, `${title}\n${text}`, input.body);
  const otherService =
    hits(compiled.otherServices, `${title}\n${text}`).length > 0 ||
    (finding.glued === true && compiled.gluedOtherService?.test(text.replace(/\s+/g, '')) === true);
  const refused = refuser({
    kind,
    host: onServiceHost ? host : null,
    named,
    relayed: hits(compiled.relay, text).length > 0,
    otherService,
  });
  if (!refused) return null;
  const { service, product } = refused;

  let confidence = 0.55;
  if (onServiceHost) confidence += 0.15;
  if (named.some((candidate) => candidate.service === service)) confidence += 0.1;
  if (envelope) confidence += 0.05;
  if (statusSignal || input.status === 451) confidence += 0.05;
  if (finding.structured) confidence += 0.05;
  if (finding.inTitle) confidence += 0.05;
  return {
    service,
    product,
    confidence: Math.min(0.95, Math.round(confidence * 100) / 100),
    phrases: finding.phrases,
    lang: finding.lang,
    evidence: finding.evidence,
  };
}

export { canonicalText };
