/**
 * Schema of the alternative-platform catalog (core/catalog/platforms.json and any catalog update).
 *
 * Every fact is `{ value, source, asOf }`: a claim is only in the catalog when we can name the page
 * it came from and the date it was true. Missing facts are left out (never null, never guessed);
 * GAPS.md lists what the reference research could not source. Types are inferred from the schemas.
 */
import * as v from 'valibot';

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: sources often give only a month ("announced June 2024"). */
export const PartialDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
);
export const FullDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD'),
);

/** Only https is accepted anywhere a user could be sent or a source is cited. */
export const HttpsUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.url(),
  v.startsWith('https://', 'URL must use https'),
);

/** Local runtimes listen on plain http on the user's own machine; nothing else may be http. */
export const LocalhostHttpUrl = v.pipe(
  v.string(),
  v.url(),
  v.regex(/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/, 'only http://localhost may use plain http'),
);

/** An https URL with a `<placeholder>` in its host, e.g. `https://<resource-name>.openai.azure.com/`. */
export const TemplateHttpsUrl = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.regex(/^https:\/\/([a-z0-9.-]|<[a-z_-]+>)+(\/[^\s<>]*)?$/, 'expected an https URL template'),
  v.includes('<', 'a template has a <placeholder>'),
);

/**
 * What `asOf` is: `published` (the date the page itself gives: "updated", a changelog entry, an
 * article's date), `page-date` (the same, in data written before `published` existed),
 * `article-date` (a third party's dated article), or `retrieved` (the page gives no date; the day
 * it was read).
 */
export const AsOfBasis = v.picklist(['published', 'page-date', 'retrieved', 'article-date']);

/**
 * The dates a fact carries, apart: `published` is the date the source page itself gives, when it
 * gives one; `retrieved` is the day the page was read to confirm the value. `asOf` stays the date
 * the UI judges age by (the published date when there is one, else the day it was read).
 * `unverified` marks a value that could not be confirmed on the vendor's own page at the last
 * check (only third parties show it): kept so the UI can say so, never counted as confirmed when
 * ranking (where it would say yes, the ranking says "not confirmed").
 */
const factDates = {
  asOf: PartialDate,
  asOfBasis: v.optional(AsOfBasis),
  published: v.optional(PartialDate),
  retrieved: v.optional(FullDate),
  unverified: v.optional(v.literal(true)),
};

/** A sourced fact. `asOf` is the page's own date, the article's date, or the day it was read. */
export const fact = <T extends v.GenericSchema>(value: T) =>
  v.object({
    value,
    source: HttpsUrl,
    ...factDates,
  });

export const Localized = v.object({
  en: v.pipe(v.string(), v.minLength(1)),
  'zh-CN': v.pipe(v.string(), v.minLength(1)),
  'zh-TW': v.pipe(v.string(), v.minLength(1)),
  /** Locales we translated ourselves (not the vendor's or the source's wording). */
  translatedByUs: v.optional(v.array(v.picklist(['en', 'zh-CN', 'zh-TW']))),
});
export type Localized = v.InferOutput<typeof Localized>;

/**
 * Where a platform says it serves users: ISO 3166-1 alpha-2 codes where a source names a country,
 * `international` for an international endpoint whose country list we do not have,
 * `anywhere` for software that runs on the user's own machine.
 */
export const ServedArea = v.union([
  v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  v.picklist(['international', 'anywhere']),
]);
export type ServedArea = v.InferOutput<typeof ServedArea>;

export const BaseUrlRegion = v.picklist([
  'cn-mainland',
  'hong-kong',
  'us',
  'ru',
  'international',
  'global',
  'per-resource',
  'vendor-cloud',
  'local',
]);
export type BaseUrlRegion = v.InferOutput<typeof BaseUrlRegion>;

export const BaseUrl = v.pipe(
  v.object({
    region: BaseUrlRegion,
    value: v.union([HttpsUrl, LocalhostHttpUrl, TemplateHttpsUrl]),
    source: HttpsUrl,
    ...factDates,
    /** Still answers but the vendor is moving users elsewhere. */
    legacy: v.optional(v.literal(true)),
    /** Contains a `<placeholder>` the user fills in (e.g. their Azure resource name). */
    template: v.optional(v.literal(true)),
  }),
  v.check(
    (b) => (b.template === true) === b.value.includes('<'),
    'template must be set exactly when the URL has a <placeholder>',
  ),
  v.check(
    (b) => (b.region === 'local') === b.value.startsWith('http://'),
    'only local runtimes use http://localhost',
  ),
);
export type BaseUrl = v.InferOutput<typeof BaseUrl>;

/**
 * How requests authenticate, as a kind our snippets can act on:
 * - `bearer`: `Authorization: Bearer <key>` (what the OpenAI SDKs send)
 * - `api-key-header`: `api-key: <key>` (Azure)
 * - `authorization-api-key`: `Authorization: Api-Key <key>` (Yandex)
 * - `ignored`: SDK needs some key, the server ignores it (Ollama)
 * - `none-or-optional`: no key unless the server was started with one (LM Studio, vLLM)
 * - `oauth-token`, `signature`: not the OpenAI scheme at all (GigaChat, Kunlun)
 */
export const AuthStyle = v.picklist([
  'bearer',
  'api-key-header',
  'authorization-api-key',
  'ignored',
  'none-or-optional',
  'oauth-token',
  'signature',
]);
export type AuthStyle = v.InferOutput<typeof AuthStyle>;

export const OPENAI_SOURCE_MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-3.5-turbo',
  'text-embedding-3-small',
] as const;
export const OpenAiSourceModel = v.picklist(OPENAI_SOURCE_MODELS);
export type OpenAiSourceModel = v.InferOutput<typeof OpenAiSourceModel>;

const ModelId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const ModelMapping = v.object({
  /** Always true: a tier match by the vendor's own positioning, not a vendor's equivalence claim. */
  editorial: v.literal(true),
  /** Model ids move fast: resolve with the platform's GET /models before relying on one. */
  verifyWithModelsEndpoint: v.literal(true),
  targets: v.object({
    'gpt-4o': v.optional(fact(ModelId)),
    'gpt-4o-mini': v.optional(fact(ModelId)),
    'gpt-3.5-turbo': v.optional(fact(ModelId)),
    'text-embedding-3-small': v.optional(fact(ModelId)),
  }),
});
export type ModelMapping = v.InferOutput<typeof ModelMapping>;

export const Confidence = v.picklist(['high', 'medium-high', 'medium', 'medium-low', 'low']);

export const Incentive = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
  summary: Localized,
  /** As the source states it (English). */
  amount: v.optional(v.pipe(v.string(), v.minLength(1))),
  audience: v.pipe(v.string(), v.minLength(1)),
  /** When it was announced; null when no source dates it. */
  announced: v.nullable(PartialDate),
  /** The latest date a source shows it still on offer, when later than `announced`. */
  lastConfirmed: v.optional(PartialDate),
  expires: v.nullable(PartialDate),
  /** True for offers made to people leaving OpenAI; false for general free tiers. */
  migrationOffer: v.boolean(),
  /**
   * A standing free tier (free models, a free quota for every new account) rather than a campaign:
   * it counts as an incentive while a source dated in the last 12 months shows it.
   */
  standing: v.optional(v.literal(true)),
  /** The page a user can check; several 2024 amounts come from news reports, not the vendor. */
  source: HttpsUrl,
  otherSources: v.optional(v.array(HttpsUrl)),
  confidence: Confidence,
  ...factDates,
});
export type Incentive = v.InferOutput<typeof Incentive>;

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/));
const ModelList = fact(v.pipe(v.array(ModelId), v.minLength(1)));

export const Platform = v.object({
  id: Slug,
  order: v.pipe(v.number(), v.integer(), v.minValue(1)),
  seed: v.boolean(),
  category: v.picklist(['cn-cloud', 'global-cloud', 'ru-cloud', 'self-hosted']),
  name: Localized,
  company: fact(v.pipe(v.string(), v.minLength(1))),
  served: v.optional(fact(v.pipe(v.array(ServedArea), v.minLength(1)))),
  status: v.optional(fact(v.picklist(['uncertain']))),
  urls: v.object({
    console: v.optional(fact(HttpsUrl)),
    docs: v.optional(fact(HttpsUrl)),
    pricing: v.optional(fact(HttpsUrl)),
    migrationGuide: v.optional(fact(HttpsUrl)),
  }),
  api: v.object({
    openaiCompatible: fact(v.boolean()),
    baseUrls: v.array(BaseUrl),
    /** Set only where the vendor's own documentation says it speaks Anthropic's Messages API. */
    anthropicCompatible: v.optional(fact(v.boolean())),
    /** The vendor's Anthropic-format base URLs (the value for ANTHROPIC_BASE_URL). */
    anthropicBaseUrls: v.optional(v.array(BaseUrl)),
    /**
     * The parameter that caps output length where the vendor names one: code that sets a cap must
     * use it (Bailian deprecated `max_tokens` for `max_completion_tokens`).
     */
    maxOutputParam: v.optional(fact(v.picklist(['max_tokens', 'max_completion_tokens']))),
    authStyle: AuthStyle,
    /** The header as the source shows it, e.g. `Authorization: Bearer <API key>`. */
    auth: fact(v.pipe(v.string(), v.minLength(1))),
    /** The platform's own name for the key's environment variable, when a source uses one. */
    keyEnvVar: v.optional(fact(v.pipe(v.string(), v.regex(/^[A-Z][A-Z0-9_]*$/)))),
    /** How the `model` field is written when it is not the bare id, `{model}` standing for the id. */
    modelTemplate: v.optional(fact(v.pipe(v.string(), v.minLength(1)))),
  }),
  models: v.object({
    chat: v.optional(ModelList),
    embedding: v.optional(ModelList),
    free: v.optional(ModelList),
    /** Runs whatever model the user loads; the lists are examples. */
    anyLocalModel: v.optional(v.literal(true)),
  }),
  openaiModelMapping: v.optional(ModelMapping),
  incentives: v.array(Incentive),
});
export type Platform = v.InferOutput<typeof Platform>;

export const Catalog = v.pipe(
  v.object({
    kind: v.literal('detour-platforms'),
    /** Increases with every published change; an update is accepted only when newer. */
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    asOf: FullDate,
    derivedFrom: v.optional(v.string()),
    platforms: v.pipe(v.array(Platform), v.minLength(1)),
  }),
  v.check(
    (c) => new Set(c.platforms.map((p) => p.id)).size === c.platforms.length,
    'platform ids must be unique',
  ),
);
export type Catalog = v.InferOutput<typeof Catalog>;
