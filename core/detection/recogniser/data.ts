/**
 * The recogniser's data, validated once: per-language phrase lists (phrases/<lang>.json),
 * look-alike guards (look-alikes.json), non-word signals (signals.json) and service names
 * (service-names.json). Every entry carries the public place its wording was seen.
 *
 * Owns: the data's format. Must not: match anything (that is recogniser.ts).
 */
import * as v from 'valibot';
import lookAlikesJson from './look-alikes.json';
import af from './phrases/af.json';
import am from './phrases/am.json';
import ar from './phrases/ar.json';
import asLang from './phrases/as.json';
import be from './phrases/be.json';
import bg from './phrases/bg.json';
import bn from './phrases/bn.json';
import bs from './phrases/bs.json';
import ca from './phrases/ca.json';
import cs from './phrases/cs.json';
import cy from './phrases/cy.json';
import da from './phrases/da.json';
import de from './phrases/de.json';
import el from './phrases/el.json';
import en from './phrases/en.json';
import es from './phrases/es.json';
import et from './phrases/et.json';
import eu from './phrases/eu.json';
import fa from './phrases/fa.json';
import fi from './phrases/fi.json';
import fr from './phrases/fr.json';
import gl from './phrases/gl.json';
import gu from './phrases/gu.json';
import he from './phrases/he.json';
import hi from './phrases/hi.json';
import hr from './phrases/hr.json';
import hu from './phrases/hu.json';
import hy from './phrases/hy.json';
import id from './phrases/id.json';
import isLang from './phrases/is.json';
import it from './phrases/it.json';
import ja from './phrases/ja.json';
import ka from './phrases/ka.json';
import kk from './phrases/kk.json';
import km from './phrases/km.json';
import kn from './phrases/kn.json';
import ko from './phrases/ko.json';
import ky from './phrases/ky.json';
import lo from './phrases/lo.json';
import lt from './phrases/lt.json';
import lv from './phrases/lv.json';
import mk from './phrases/mk.json';
import ml from './phrases/ml.json';
import mn from './phrases/mn.json';
import mr from './phrases/mr.json';
import ms from './phrases/ms.json';
import my from './phrases/my.json';
import nb from './phrases/nb.json';
import ne from './phrases/ne.json';
import nl from './phrases/nl.json';
import orLang from './phrases/or.json';
import pa from './phrases/pa.json';
import pl from './phrases/pl.json';
import pt from './phrases/pt.json';
import ro from './phrases/ro.json';
import ru from './phrases/ru.json';
import si from './phrases/si.json';
import sk from './phrases/sk.json';
import sl from './phrases/sl.json';
import so from './phrases/so.json';
import sq from './phrases/sq.json';
import sr from './phrases/sr.json';
import sv from './phrases/sv.json';
import sw from './phrases/sw.json';
import ta from './phrases/ta.json';
import te from './phrases/te.json';
import th from './phrases/th.json';
import tl from './phrases/tl.json';
import tr from './phrases/tr.json';
import uk from './phrases/uk.json';
import ur from './phrases/ur.json';
import vi from './phrases/vi.json';
import zh from './phrases/zh.json';
import zu from './phrases/zu.json';
import placesJson from './places.json';
import serviceNamesJson from './service-names.json';
import signalsJson from './signals.json';

/** A public URL, a reference case (`signature:<id>`) or a quote from the reference notes. */
const Citation = v.union([
  v.pipe(v.string(), v.url(), v.startsWith('https://')),
  v.pipe(v.string(), v.regex(/^signature:[a-z0-9-]+$/)),
  v.pipe(v.string(), v.regex(/^block-signatures\.md: .+/)),
]);

/** When the source saw it (YYYY, YYYY-MM, YYYY-MM-DD), or `undated` when the source gives no date. */
const Seen = v.union([v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)), v.literal('undated')]);

/** A term as matched on the canonical reading: lower case, no surrounding space; `*` only at the end. */
const Term = v.pipe(
  v.string(),
  v.minLength(1),
  v.check((text) => text === text.trim() && text === text.toLowerCase(), 'terms are lower case and trimmed'),
  v.check((text) => !text.slice(0, -1).includes('*'), '* only at the end'),
);

const Entry = v.object({ text: Term, source: Citation, seen: Seen, note: v.optional(v.string()) });
export type PhraseEntry = v.InferOutput<typeof Entry>;

const Entries = v.array(Entry);

export const LanguagePhrases = v.object({
  $comment: v.optional(v.string()),
  lang: v.pipe(v.string(), v.regex(/^[a-z]{2}(-[A-Za-z]+)?$/)),
  /** Words for where the reader is: country, region, territory, location… */
  location: v.pipe(Entries, v.minLength(1)),
  /** Location words that already point at the reader (所在地区, お住まいの地域, bölgeniz…). */
  addressedLocation: v.optional(Entries),
  /**
   * Places a refusal names as the only ones served ('certain regions', '仅在部分地区', '일부 지역'):
   * they point at the reader only in a sentence that regrets it ('Unfortunately, … is only
   * available in certain regions'). Said plainly, the same words describe an offer or a feature,
   * as a help or pricing page does ('此优惠仅适用于某些地区').
   */
  limitedPlaces: v.optional(Entries),
  /**
   * Words that make a limited place the reader's: a regret in its sentence ('unfortunately', 遗憾,
   * 抱歉, 죄송) or the page's appeal in the next ('…receiving this message in error', 误报).
   */
  regrets: v.optional(Entries),
  /** Words after which a country or territory's name (places.json) is a location word: in, from; 在; в. */
  placeScope: v.optional(Entries),
  /** Not available, not supported, unavailable, restricted… */
  unavailable: v.pipe(Entries, v.minLength(1)),
  /**
   * Plural place words that name a kind of place ('unsupported regions', 'supported countries and
   * territories'): a title or heading whose only place is one of these is a list or a document
   * about places, not a refusal of the reader's own place. Read only there; a sentence keeps them.
   */
  listedPlaces: v.optional(Entries),
  /** Words that address the reader: your, you, 您, ваш… */
  addressee: Entries,
  /**
   * Phrases of this language that hold another language's word for the reader ('şu anda', at the
   * moment, holds Indonesian 'anda'), one of its hedges (Somali 'si looga' holds Spanish 'si',
   * if) or one of its place words (Bulgarian 'от страна на', on the part of, holds Russian
   * 'страна', country): an addressee, a hedge or a place inside one is not one.
   */
  falseFriends: v.optional(Entries),
  /** Words that make a sentence a guess, a question or a report about a refusal rather than one. */
  hedges: Entries,
  /**
   * A client's guess at why it failed ('might not be available', 'may not be supported', 'confirm
   * whether … is supported', '是否支持'): joined to a location word addressed to the reader, the text
   * only guesses at a region refusal. Read only by `regionGuess` (the "Check an error message"
   * page offers to ask the service), never for a verdict: the same note follows any failure.
   */
  guesses: v.optional(Entries),
  /**
   * Another possible cause offered beside the region, the reader's organisation ('disabled by your
   * organization or unavailable in your region'): the sentence does not say the region is the
   * reason, so they veto it like a hedge.
   */
  otherCauses: v.optional(Entries),
  /** Words a block page uses to explain itself to the reader ('if you see this message'): they cancel a hedge they contain. */
  explainers: v.optional(Entries),
  /**
   * A hedge that guesses a reason ('có thể do', 'möglicherweise aufgrund': 'may be due to'). After a
   * refusal its sentence has already stated ('vị trí của bạn không hỗ trợ dịch vụ này, có thể do hạn
   * chế vùng miền'), it doubts why, not whether; before one, it is a hedge like any other.
   */
  causeHedges: v.optional(Entries),
  /**
   * Words that introduce what a service showed ('Gemini提示该地区不可用'). They veto their sentence
   * like a hedge, except in a short pasted report whose reported words are themselves a refusal.
   */
  reporting: v.optional(Entries),
  /**
   * Words that make a sentence a question ('请问…'). They veto their sentence like a hedge, but a
   * question around what a named service showed ('请问…gemini怎么还是说我所在的地区不可用呢') is still a report of it.
   */
  questions: v.optional(Entries),
  /**
   * Verbs that report what a service showed ('сообщает', 'выдает', 'میده') and are read only to
   * find such a report (see regionErrors). Unlike `reporting`, they leave their sentence's own
   * reading alone: they came after it, and a refusal quoted after them keeps its own 'your'.
   */
  reportVerbs: v.optional(Entries),
  /**
   * Names a person gives a region refusal when reporting it ('地区问题', 'ошибку геолокации',
   * 'ارور لوکیشن'): in a report of what a named service showed, right after the reporting word
   * (or right before it, in a language that puts the verb last), they stand for the refusal.
   */
  regionErrors: v.optional(Entries),
  samples: v.object({
    refusal: v.pipe(v.array(v.string()), v.minLength(1)),
    lookAlike: v.pipe(v.array(v.string()), v.minLength(1)),
  }),
});
export type LanguagePhrases = v.InferOutput<typeof LanguagePhrases>;

export const GuardKind = v.picklist([
  'cloud-region',
  'data-residency',
  'plan',
  'verification',
  'account',
  'content-policy',
  'fraud',
  'waf',
  'rate-limit',
  'outage',
  'model',
  'quote',
  'code',
  'news',
  'device-location',
  'shipping',
  'other-service',
]);

const Guard = v.pipe(
  v.object({
    kind: GuardKind,
    /** `sentence`: vetoes the sentence it occurs in; `text`: vetoes the whole observation. */
    scope: v.picklist(['sentence', 'text']),
    text: v.optional(Term),
    /** A regular expression on the canonical reading (no flags; matched case-insensitively). */
    pattern: v.optional(v.pipe(v.string(), v.minLength(3))),
    source: Citation,
    seen: Seen,
    note: v.optional(v.string()),
  }),
  v.check((guard) => (guard.text === undefined) !== (guard.pattern === undefined), 'give text or pattern'),
);
export type Guard = v.InferOutput<typeof Guard>;

/** A service that is not an AI service, named where it refused someone's region (a store, a player, a payment). */
const OtherService = v.object({ name: Term, source: Citation, seen: Seen, note: v.optional(v.string()) });
export type OtherService = v.InferOutput<typeof OtherService>;

const LookAlikes = v.object({
  $comment: v.optional(v.string()),
  guards: v.pipe(v.array(Guard), v.minLength(1)),
  /** A refusal that names one of these and no AI service is that service's, not an AI service's. */
  otherServices: v.optional(v.array(OtherService)),
});

const Signals = v.object({
  $comment: v.optional(v.string()),
  codeLocationStems: Entries,
  codeRefusalStems: Entries,
  codeGuardStems: v.array(v.object({ ...Entry.entries, kind: GuardKind })),
  /** Words that, right beside a refusal code, make it a structured error without an envelope (`… "UnsupportedUserLocation" error`). */
  codeContextMarkers: Entries,
  urlRefusalPaths: Entries,
  urlRefusalQueries: Entries,
  urlListingPaths: Entries,
  failedPrecondition: Entry,
  envelopeMarkers: Entries,
  statusInText: Entries,
  relayMarkers: Entries,
  /** Messages that refuse without any reason; a 403 from a service's own API saying only this is a region refusal. */
  reasonlessRefusals: Entries,
  /** Words of a failure a client reports before guessing at its cause ('unable to connect', '失败'): read by `regionGuess` only. */
  failureWords: Entries,
  /** The envelope words allowed around a reasonless message; any other word is a reason (a key, a model, a permission). */
  reasonlessEnvelopeWords: Entries,
  /** Place words that may open a terse refusal ('Region not supported', 'страна не поддерживается'); a device's or a file's location may not. */
  placeFirstPlaces: Entries,
});
export type Signals = v.InferOutput<typeof Signals>;

const ServiceName = v.object({
  name: Term,
  service: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  product: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/))),
  unless: v.optional(v.array(Term)),
  /** Where the name was seen used for this service or product (a vendor page, an issue where the service refused someone). */
  source: v.optional(Citation),
  seen: v.optional(Seen),
  note: v.optional(v.string()),
});
export type ServiceName = v.InferOutput<typeof ServiceName>;
const ServiceNames = v.object({ $comment: v.optional(v.string()), names: v.array(ServiceName) });

/** Country and territory names per language, canonical (generated by scripts/places-build.ts from CLDR). */
const Places = v.object({
  $comment: v.optional(v.string()),
  source: v.pipe(v.string(), v.url(), v.startsWith('https://')),
  seen: Seen,
  cldr: v.string(),
  icu: v.string(),
  languages: v.record(
    v.string(),
    v.array(
      v.pipe(
        v.string(),
        v.minLength(2),
        v.check((text) => text === text.trim() && text === text.toLowerCase(), 'names are canonical'),
      ),
    ),
  ),
});
export type Places = v.InferOutput<typeof Places>;

export interface RecogniserData {
  languages: readonly LanguagePhrases[];
  /** Place names per language code of the phrase lists (`en`, `zh`, `ru`). */
  places: Readonly<Record<string, readonly string[]>>;
  guards: readonly Guard[];
  otherServices: readonly OtherService[];
  signals: Signals;
  names: readonly ServiceName[];
}

export const PHRASE_FILES: readonly unknown[] = [
  en,
  zh,
  ru,
  de,
  fr,
  es,
  pt,
  it,
  ja,
  tr,
  vi,
  ko,
  fa,
  ar,
  uk,
  id,
  pl,
  nl,
  he,
  sv,
  da,
  nb,
  fi,
  th,
  hi,
  ms,
  be,
  kk,
  cs,
  ro,
  bg,
  el,
  af,
  am,
  asLang,
  bn,
  bs,
  ca,
  cy,
  et,
  eu,
  gl,
  gu,
  hr,
  hu,
  hy,
  isLang,
  ka,
  km,
  kn,
  ky,
  lo,
  lt,
  lv,
  mk,
  ml,
  mn,
  mr,
  my,
  ne,
  orLang,
  pa,
  si,
  sk,
  sl,
  so,
  sq,
  sr,
  sw,
  ta,
  te,
  tl,
  ur,
  zu,
];

function lookAlikes(): Pick<RecogniserData, 'guards' | 'otherServices'> {
  const parsed = v.parse(LookAlikes, lookAlikesJson);
  return { guards: parsed.guards, otherServices: parsed.otherServices ?? [] };
}

/** Validates the data; throws with the first problem (tests load it; the engine loads it once). */
export function loadRecogniserData(): RecogniserData {
  return {
    languages: PHRASE_FILES.map((file) => v.parse(LanguagePhrases, file)),
    places: v.parse(Places, placesJson).languages,
    ...lookAlikes(),
    signals: v.parse(Signals, signalsJson),
    names: v.parse(ServiceNames, serviceNamesJson).names,
  };
}
