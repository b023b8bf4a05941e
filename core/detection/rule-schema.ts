/**
 * The format of core/detection/rules/<service>.json: detection rules as data, in the spirit
 * of Wappalyzer's technology definitions. The engine compiles these once; the tests validate
 * every file against this schema and run every rule's samples.
 *
 * Owns: the rule format. Must not: match anything (that is engine.ts).
 */
import * as v from 'valibot';
import { Observation, ObservationKind } from './observation';

const NonEmpty = v.pipe(v.string(), v.minLength(1));

/** Languages a text pattern is written in; `any` for codes and tokens that are not words. */
export const PatternLanguage = v.picklist(['any', 'en', 'zh-Hans', 'zh-Hant', 'ru', 'fa', 'ja', 'de']);
export type PatternLanguage = v.InferOutput<typeof PatternLanguage>;

/** Phrases per language; any one of them is evidence. Matching ignores case, quote style, spacing. */
const TextPatterns = v.pipe(
  v.record(PatternLanguage, v.pipe(v.array(NonEmpty), v.minLength(1))),
  v.check((patterns) => Object.keys(patterns).length > 0, 'give at least one language'),
);

/** One field of a JSON error body, by dotted path (`error.code`, `error_details.notification_id`). */
const JsonCondition = v.pipe(
  v.object({
    path: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/)),
    equals: v.optional(v.union([v.string(), v.number()])),
    /** Case-insensitive substring of a string field. */
    contains: v.optional(NonEmpty),
  }),
  v.check(
    (condition) => (condition.equals === undefined) !== (condition.contains === undefined),
    'use equals or contains',
  ),
);
export type JsonCondition = v.InferOutput<typeof JsonCondition>;

/** A URL a tab or a redirect went to. All given parts must hold. */
const UrlPattern = v.object({
  hosts: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/))), v.minLength(1)),
  pathSuffix: v.optional(v.pipe(v.string(), v.startsWith('/'))),
  pathPrefixes: v.optional(v.array(v.pipe(v.string(), v.startsWith('/')))),
  /** Query parameters and the value each must have (case-insensitive); `*` around a value means "contains". */
  query: v.optional(v.record(v.string(), NonEmpty)),
  /** Only when the tab came from (was redirected from) one of these hosts. */
  fromHosts: v.optional(v.pipe(v.array(v.string()), v.minLength(1))),
});
export type UrlPattern = v.InferOutput<typeof UrlPattern>;

const Citation = v.union([
  v.pipe(v.string(), v.url(), v.startsWith('https://')),
  v.pipe(v.string(), v.regex(/^signature:[a-z0-9-]+$/)),
  v.pipe(v.string(), v.regex(/^block-signatures\.md: .+/)),
]);

const Sample = v.object({ ...Observation.entries, note: v.optional(v.string()) });

export const Rule = v.pipe(
  v.object({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
    /** Which surface of the service the block is about (`api`, `chatgpt`, `claude-web`…); `*` = the observed host's product. */
    product: v.pipe(v.string(), v.regex(/^([a-z0-9-]+|\*)$/)),
    /** Observation kinds this rule reads. */
    kinds: v.pipe(v.array(ObservationKind), v.minLength(1)),
    /**
     * `strong`: an error code or exact message that decides on its own, so it also counts in a
     * pasted `text` and in error responses from any host (gateways, proxies, SDK wrappers).
     * `contextual`: counts only on the hosts in `hosts`.
     */
    strength: v.picklist(['strong', 'contextual']),
    /**
     * Where page text and responses count: `service` = the rule's own service's hosts;
     * `known` = any known service's host (the verdict names that service);
     * `any` = any host (only for pages that are country bans by definition).
     */
    hosts: v.optional(v.picklist(['service', 'known', 'any']), 'service'),
    /** HTTP statuses the block comes with. Never evidence alone: an observation with another status is not this block. */
    status: v.optional(
      v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))), v.minLength(1)),
    ),
    /** The status must be present and listed (for rules whose phrases only mean a block with that status). */
    statusRequired: v.optional(v.boolean(), false),
    text: v.optional(TextPatterns),
    /** Phrases that must all be present as well (e.g. "VPN" beside "Unable to load site"). */
    alsoText: v.optional(v.array(NonEmpty)),
    /** Alternatives; each is a list of conditions that must all hold on the parsed JSON body. */
    json: v.optional(v.array(v.pipe(v.array(JsonCondition), v.minLength(1)))),
    url: v.optional(v.array(UrlPattern)),
    /** A regular expression with one group that captures an ISO 3166-1 alpha-2 code near the evidence. */
    country: v.optional(NonEmpty),
    /** Name the product from the observed host when it belongs to the verdict's service. */
    productFromHost: v.optional(v.boolean(), false),
    /** Where the signature was seen: URLs from reference/, `signature:<id>`, or `block-signatures.md: <quote>`. */
    sources: v.pipe(v.array(Citation), v.minLength(1)),
    /** When the signature was seen (YYYY, YYYY-MM or YYYY-MM-DD), as its source dates it. */
    seen: v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)),
    /** `source`: the date comes from the source; `reference`: the sources give none, so `seen` is the date of the reference copy. */
    seenBasis: v.optional(v.picklist(['source', 'reference']), 'source'),
    note: v.optional(v.string()),
    samples: v.object({
      block: v.pipe(v.array(Sample), v.minLength(1)),
      clean: v.pipe(v.array(Sample), v.minLength(1)),
    }),
  }),
  v.check((rule) => Boolean(rule.text || rule.json || rule.url), 'a rule needs text, json or url evidence'),
  v.check(
    (rule) => !rule.country || new RegExp(rule.country).source.includes('('),
    'country needs a capture group',
  ),
);
export type Rule = v.InferOutput<typeof Rule>;

export const RuleFile = v.object({
  $comment: v.optional(v.string()),
  /** Service slug from core/services/services.json; `*` for rules whose service is the observed host's. */
  service: v.pipe(v.string(), v.regex(/^([a-z0-9-]+|\*)$/)),
  rules: v.pipe(v.array(Rule), v.minLength(1)),
});
export type RuleFile = v.InferOutput<typeof RuleFile>;
export type RuleFileInput = v.InferInput<typeof RuleFile>;
