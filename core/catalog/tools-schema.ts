/**
 * Schema of core/catalog/tools.json: the tools people point at a new endpoint (Claude Code, Codex
 * CLI, Cherry Studio, Continue, Cursor, …), how each wants the base URL written, where it goes,
 * a config template where the tool reads a file or environment variables, and the pitfalls public
 * threads report. Every fact carries the page it came from and that page's date (or the day it
 * was read). Also here, because the catalog's platform facts do not hold them: the
 * Anthropic-compatible and Responses-API endpoints vendors document, and which key consoles pair
 * with which API hosts.
 */
import * as v from 'valibot';
import { AsOfBasis, BaseUrlRegion, fact, HttpsUrl, LocalhostHttpUrl, PartialDate } from './schema';

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/));
const Sourced = { source: HttpsUrl, asOf: PartialDate, asOfBasis: v.optional(AsOfBasis) };

/** The wire protocol a tool speaks: it decides which platforms can be offered for it. */
export const ToolProtocol = v.picklist(['anthropic', 'openai-chat', 'openai-responses']);
export type ToolProtocol = v.InferOutput<typeof ToolProtocol>;

/** An endpoint a vendor documents for one protocol, per region of the platform. */
export const ProtocolEndpoint = v.object({
  platformId: Slug,
  region: BaseUrlRegion,
  value: v.union([HttpsUrl, LocalhostHttpUrl]),
  /** The vendor documents this endpoint for its coding subscription (GLM Coding Plan). */
  codingPlan: v.optional(v.literal(true)),
  ...Sourced,
});
export type ProtocolEndpoint = v.InferOutput<typeof ProtocolEndpoint>;

/** Keys issued on `keyHost` authenticate only at `apiHost` (a 401 that looks like a bad key). */
export const KeyRegion = v.object({
  platformId: Slug,
  apiHost: v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/)),
  keyHost: v.pipe(v.string(), v.regex(/^[a-z0-9.-]+$/)),
  ...Sourced,
});
export type KeyRegion = v.InferOutput<typeof KeyRegion>;

/** The placeholders a template may use; the generator fills each with a literal quoted for the format. */
export const TEMPLATE_SLOTS = [
  'baseUrl',
  'model',
  'prefixedModel',
  'keyRef',
  'keyPlaceholder',
  'keyVarName',
  'providerId',
  'providerKey',
  'platformName',
] as const;

export const ConfigFormat = v.picklist(['shell', 'json', 'toml', 'yaml']);
export type ConfigFormat = v.InferOutput<typeof ConfigFormat>;

export const ConfigTemplate = v.pipe(
  v.object({
    format: ConfigFormat,
    /** `env`: environment variables for the shell; `file`: the tool's config file. */
    label: v.picklist(['env', 'file']),
    path: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
    template: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)),
    ...Sourced,
  }),
  v.check(
    (c) =>
      [...c.template.matchAll(/\{([A-Za-z]+)\}/g)].every((m) =>
        (TEMPLATE_SLOTS as readonly string[]).includes(m[1] ?? ''),
      ),
    'a template uses only the known {slots}',
  ),
  v.check((c) => c.template.includes('{baseUrl}'), 'a template sets the base URL'),
  v.check((c) => !/sk-[A-Za-z0-9]/.test(c.template), 'a template never holds a key'),
);
export type ConfigTemplate = v.InferOutput<typeof ConfigTemplate>;

/** When a pitfall applies; absent: always for the tool. */
export const PitfallWhen = v.object({
  /** The base URL ends in an API version other than `/v1` (Zhipu's `/v4`, which Cherry Studio turns into `/v4/v1`). */
  versionPathOtherThanV1: v.optional(v.literal(true)),
});

export const Pitfall = v.object({
  /** A message key under `tools.pitfall.` in the locale files. */
  key: v.pipe(v.string(), v.regex(/^tools\.pitfall\.[A-Za-z0-9]+$/)),
  when: v.optional(PitfallWhen),
  ...Sourced,
});

export const Tool = v.object({
  id: Slug,
  /** A product name, the same in every language. */
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  protocol: ToolProtocol,
  docs: fact(HttpsUrl),
  /**
   * How the tool wants the base URL: `as-listed` (the platform's base URL as its docs write it) or
   * `with-v1` (the OpenAI-style root that the tool appends `/chat/completions` or `/responses` to).
   */
  baseUrl: fact(v.picklist(['as-listed', 'with-v1'])),
  /** Where the base URL goes: a file, environment variables, or a settings screen (a message key). */
  where: v.variant('kind', [
    v.object({ kind: v.literal('file'), path: v.pipe(v.string(), v.minLength(1)), ...Sourced }),
    v.object({ kind: v.literal('env'), ...Sourced }),
    v.object({ kind: v.literal('ui'), ui: v.pipe(v.string(), v.regex(/^[A-Za-z]+$/)), ...Sourced }),
  ]),
  /** The field, variable or flag that takes the model id. */
  modelField: fact(v.pipe(v.string(), v.minLength(1))),
  keyField: v.optional(fact(v.pipe(v.string(), v.minLength(1)))),
  configs: v.array(ConfigTemplate),
  pitfalls: v.array(Pitfall),
});
export type Tool = v.InferOutput<typeof Tool>;

export const ToolCatalog = v.pipe(
  v.object({
    kind: v.literal('detour-tools'),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    asOf: PartialDate,
    anthropicEndpoints: v.array(ProtocolEndpoint),
    responsesEndpoints: v.array(ProtocolEndpoint),
    keyRegions: v.array(KeyRegion),
    tools: v.pipe(v.array(Tool), v.minLength(1)),
  }),
  v.check((c) => new Set(c.tools.map((t) => t.id)).size === c.tools.length, 'tool ids must be unique'),
);
export type ToolCatalog = v.InferOutput<typeof ToolCatalog>;
