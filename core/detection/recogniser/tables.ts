/**
 * The recogniser's compiled tables: every phrase list, guard, place name and service name turned
 * into patterns once, from the data files (or from data a test or the leave-one-out evaluation
 * passes in). The built-in tables are built on first use, or ahead of it by warmRecogniser.
 */
import { type Guard, type LanguagePhrases, loadRecogniserData, type RecogniserData } from './data';
import { GLUED_WORD_MIN, type GluedWords, gluedWords } from './glued';
import {
  byLanguage,
  escapeRegExp,
  type Hit,
  SPACED_SCRIPT,
  type TermSet,
  termSet,
  termSource,
} from './terms';
import type { CompiledName } from './who-refused';

export interface Compiled {
  data: RecogniserData;
  location: TermSet;
  addressedLocation: TermSet;
  /** Places named as the only ones served ('certain regions'): the reader's only beside a regret. */
  limitedPlaces: TermSet;
  regrets: TermSet;
  /** Plural place words naming a kind of place ('regions', 'countries'): in a heading, a list's. */
  listedPlaces: Set<string>;
  unavailable: TermSet;
  addressee: TermSet;
  /** Phrases holding another language's 'you' ('şu anda'): no addressee inside them. */
  falseFriends: TermSet;
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
  /** The guards' plain words and every language's `otherCauses` without their spaces, for text that lost them ('sku', 'quota', 'appstore'). */
  gluedGuards: string[];
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

export function placeHits(
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
export function enumeratedPlaceHits(compiled: Compiled, text: string): Hit[] {
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
    limitedPlaces: termSet(byLanguage(languages, (language) => language.limitedPlaces)),
    regrets: termSet(byLanguage(languages, (language) => language.regrets)),
    listedPlaces: new Set(
      languages.flatMap((language) => (language.listedPlaces ?? []).map((entry) => entry.text)),
    ),
    unavailable: termSet(byLanguage(languages, (language) => language.unavailable)),
    addressee: termSet(byLanguage(languages, (language) => language.addressee)),
    falseFriends: termSet(byLanguage(languages, (language) => language.falseFriends)),
    // A word introducing what a service showed, a question and another possible cause veto their
    // sentence like a hedge (see reportedFinding and namedReportFinding).
    hedges: termSet(
      byLanguage(languages, (language) => [
        ...language.hedges,
        ...(language.reporting ?? []),
        ...(language.questions ?? []),
        ...(language.otherCauses ?? []),
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
    // Another possible cause vetoes a glued run in any language: Serbian's, glued, reads as Russian.
    gluedGuards: [
      ...data.guards.flatMap((guard) => (guard.text ? [guard.text] : [])),
      ...languages.flatMap((language) => (language.otherCauses ?? []).map((entry) => entry.text)),
    ]
      .map((word) => word.replace(/[ *]/g, ''))
      .filter((word) => word.length >= GLUED_WORD_MIN),
  };
}

let builtInData: RecogniserData | null = null;
let builtIn: Compiled | null = null;
export function dataBuiltIn(): RecogniserData {
  builtInData ??= loadRecogniserData();
  return builtInData;
}
export function compiledBuiltIn(): Compiled {
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
