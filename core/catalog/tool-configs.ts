/**
 * Per tool × platform × region: the base URL as the tool wants it, the model id, the copyable
 * config text and the pitfalls as message keys. Framework-free; the data is tools.json beside the
 * catalog. Only platforms that speak a tool's protocol are offered for it: Claude Code needs an
 * Anthropic-compatible endpoint a vendor documents, Codex CLI the Responses API, the others the
 * OpenAI chat API with a Bearer key. Keys never appear: configs carry `$VAR` references or
 * `<VAR>` placeholders only. Only confirmed catalog values go in (verified.ts): an API address only
 * third parties name gives no config, and a model id only they name becomes `<model-id>`.
 */
import * as v from 'valibot';
import type { MessageRef } from '../i18n/message-ref';
import { findPlatform } from './catalog';
import type { BaseUrlRegion, Platform } from './schema';
import bundled from './tools.json';
import {
  type ConfigFormat,
  type ProtocolEndpoint,
  type Tool,
  ToolCatalog,
  type ToolProtocol,
} from './tools-schema';
import { unconfirmedApiHosts, verifiedMappedModel } from './verified';

export const TOOLS: ToolCatalog = v.parse(ToolCatalog, bundled);

export interface GeneratedConfig {
  format: ConfigFormat;
  label: 'env' | 'file';
  path: string | null;
  code: string;
}

export interface ToolConfig {
  toolId: string;
  name: string;
  protocol: ToolProtocol;
  platformId: string;
  baseUrl: string;
  model: string;
  where: { kind: 'file'; path: string } | { kind: 'env' } | { kind: 'ui'; key: string };
  modelField: string;
  configs: GeneratedConfig[];
  pitfalls: MessageRef[];
  docsUrl: string;
}

/** ISO region codes with an endpoint region of their own in the catalog. */
const REGION_ENDPOINTS: Record<string, BaseUrlRegion> = {
  CN: 'cn-mainland',
  HK: 'hong-kong',
  US: 'us',
  RU: 'ru',
};

/** The region's own endpoint when there is one, else the international or global one, else the first. */
function pickForRegion<T extends { region: BaseUrlRegion }>(list: T[], region: string | null): T | null {
  const own = region ? REGION_ENDPOINTS[region] : undefined;
  return (
    (own && list.find((e) => e.region === own)) ||
    list.find((e) => e.region === 'international') ||
    list.find((e) => e.region === 'global') ||
    list[0] ||
    null
  );
}

/** Key schemes the OpenAI-style tools send (`Authorization: Bearer`), or none needed. */
const BEARER_STYLES = new Set(['bearer', 'ignored', 'none-or-optional']);

function endpointFor(
  protocol: ToolProtocol,
  platform: Platform,
  region: string | null,
): { value: string; source?: ProtocolEndpoint } | null {
  if (protocol === 'anthropic' || protocol === 'openai-responses') {
    const list = (protocol === 'anthropic' ? TOOLS.anthropicEndpoints : TOOLS.responsesEndpoints).filter(
      (e) => e.platformId === platform.id,
    );
    const chosen = pickForRegion(list, region);
    return chosen ? { value: chosen.value, source: chosen } : null;
  }
  if (!platform.api.openaiCompatible.value || !BEARER_STYLES.has(platform.api.authStyle)) return null;
  if (platform.api.openaiCompatible.unverified) return null;
  const current = platform.api.baseUrls.filter((b) => !b.legacy && !b.template);
  // Confirmed endpoints first, so an unconfirmed one is chosen only where it is the region's only one.
  const chosen = pickForRegion(
    [...current.filter((b) => !b.unverified), ...current.filter((b) => b.unverified)],
    region,
  );
  return chosen && !chosen.unverified ? { value: chosen.value } : null;
}

/**
 * "Keys from platform.moonshot.cn work only with api.moonshot.cn": the key/host pairs of a platform
 * whose keys belong to one site, the pair for the host in use first (that is the key it needs).
 */
export function keyRegionWarnings(platformId: string, baseUrl: string | null): MessageRef[] {
  const platform = findPlatform(platformId);
  const unconfirmed = platform ? unconfirmedApiHosts(platform) : new Set<string>();
  let host: string | null = null;
  try {
    host = baseUrl ? new URL(baseUrl).host : null;
  } catch {
    host = null;
  }
  return TOOLS.keyRegions
    .filter((k) => k.platformId === platformId && !unconfirmed.has(k.apiHost))
    .sort((a, b) => Number(b.apiHost === host) - Number(a.apiHost === host))
    .map((k) => ({ key: 'tools.pitfall.keyRegion', params: { keyHost: k.keyHost, apiHost: k.apiHost } }));
}

/** A vendor documents an Anthropic-compatible endpoint for the platform (Claude Code can use it). */
export function hasAnthropicEndpoint(platformId: string): boolean {
  return TOOLS.anthropicEndpoints.some((e) => e.platformId === platformId);
}

/** The platform's own variable name for its key when its docs use one, else one named after it. */
export function keyVarName(platform: Platform): string {
  if (platform.api.keyEnvVar) return platform.api.keyEnvVar.value;
  const id = platform.id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  // A shell variable cannot start with a digit (`$01AI_API_KEY` would expand `$0`).
  return /^[0-9]/.test(id) ? `API_KEY_${id}` : `${id}_API_KEY`;
}

/** The URL's last path segment is an API version other than v1 (Zhipu's `/v4`, Ark's `/v3`, Qianfan's `/v2`). */
function hasOtherVersionPath(url: string): boolean {
  const last = new URL(url).pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^v\d+$/.test(last) && last !== 'v1';
}

const shSingle = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A string literal in each format. JSON strings are valid TOML basic strings and YAML double-quoted scalars. */
const QUOTE: Record<ConfigFormat, (s: string) => string> = {
  shell: shSingle,
  json: (s) => JSON.stringify(s),
  toml: (s) => JSON.stringify(s),
  yaml: (s) => JSON.stringify(s),
};

function fill(template: string, format: ConfigFormat, slots: Record<string, string>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`unknown slot ${name}`);
    // A TOML table name is a bare key, not a string; a shell key reference must stay expandable.
    if (name === 'providerKey') return value;
    if (name === 'keyRef') return format === 'shell' ? `"$${value}"` : QUOTE[format](`$${value}`);
    return QUOTE[format](value);
  });
}

function toolConfig(tool: Tool, platform: Platform, region: string | null): ToolConfig | null {
  const endpoint = endpointFor(tool.protocol, platform, region);
  if (!endpoint) return null;
  const baseUrl = tool.baseUrl.value === 'as-listed' ? endpoint.value : endpoint.value.replace(/\/+$/, '');
  const model = verifiedMappedModel(platform, 'gpt-4o') ?? '<model-id>';
  const keyVar = keyVarName(platform);
  const slots: Record<string, string> = {
    baseUrl,
    model,
    prefixedModel: `openai/${model}`,
    keyRef: keyVar,
    keyPlaceholder: `<${keyVar}>`,
    keyVarName: keyVar,
    providerId: platform.id,
    providerKey: platform.id,
    platformName: platform.name.en,
  };
  const pitfalls: MessageRef[] = [];
  for (const p of tool.pitfalls) {
    if (p.when?.versionPathOtherThanV1 && !hasOtherVersionPath(baseUrl)) continue;
    pitfalls.push(p.when ? { key: p.key, params: { baseUrl } } : { key: p.key });
  }
  if (endpoint.source?.codingPlan) pitfalls.push({ key: 'tools.pitfall.codingPlan' });
  pitfalls.unshift(...keyRegionWarnings(platform.id, baseUrl));
  if (model === '<model-id>') pitfalls.push({ key: 'tools.pitfall.chooseModel' });
  const where: ToolConfig['where'] =
    tool.where.kind === 'file'
      ? { kind: 'file', path: tool.where.path }
      : tool.where.kind === 'env'
        ? { kind: 'env' }
        : { kind: 'ui', key: `tools.where.${tool.where.ui}` };
  return {
    toolId: tool.id,
    name: tool.name,
    protocol: tool.protocol,
    platformId: platform.id,
    baseUrl,
    model,
    where,
    modelField: tool.modelField.value,
    configs: tool.configs.map((c) => ({
      format: c.format,
      label: c.label,
      path: c.path ?? null,
      code: fill(c.template, c.format, slots),
    })),
    pitfalls,
    docsUrl: tool.docs.value,
  };
}

/** Services whose refusal makes one protocol's tools lead: people refused by Anthropic keep Claude Code. */
const LEAD_PROTOCOLS: Record<string, readonly ToolProtocol[]> = {
  anthropic: ['anthropic'],
  openai: ['openai-chat', 'openai-responses'],
};

/**
 * The tools that can use the platform in the region, ordered: the user's last chosen tool first,
 * then the tools of the refused service's protocol, then the file's order.
 */
export function toolConfigs(input: {
  platformId: string;
  region: string | null;
  service?: string;
  lastTool?: string | null;
}): ToolConfig[] | null {
  const platform = findPlatform(input.platformId);
  if (!platform) return null;
  const lead = (input.service && LEAD_PROTOCOLS[input.service]) || [];
  const rank = (c: ToolConfig) => (c.toolId === input.lastTool ? 0 : lead.includes(c.protocol) ? 1 : 2);
  return TOOLS.tools
    .map((tool) => toolConfig(tool, platform, input.region))
    .filter((c): c is ToolConfig => c !== null)
    .map((c, index) => ({ c, index }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.index - b.index)
    .map(({ c }) => c);
}
