/**
 * Derives core/catalog/platforms.json from the research in reference/platforms.json.
 *
 * Run: `npx tsx scripts/derive-catalog.ts` (only when the reference research changes; the
 * committed JSON is what ships and what a correction edits). It copies facts with their source and
 * date and leaves out every fact without a source, every null, and every value that is prose
 * rather than a usable value (those are listed in core/catalog/GAPS.md). Curation that is ours
 * (Traditional Chinese names, model ids cut out of annotated lists, auth kinds) is spelled out below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { Catalog, type Incentive, type Platform } from '../core/catalog/schema';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const referencePath = join(root, 'reference', 'platforms.json');

// biome-ignore lint/suspicious/noExplicitAny: the reference file is free-form research JSON
type Json = any;
interface RefFact {
  value: Json;
  source: string;
  asOf: string;
  asOfBasis?: string;
  region?: string;
}

const reference: Json[] = JSON.parse(readFileSync(referencePath, 'utf8'));

// Platforms (not open-weight families or gateways: those have no endpoint to migrate to).
const CATEGORIES = new Set(['cn-cloud', 'global-cloud', 'ru-cloud', 'self-hosted']);

// zh-TW names: OpenCC (s2twp) output, reviewed; brand names kept as the brands write them
// (百度智能雲, 百川智能, 硅基流動), and 平台 as commonly written in Taiwan.
const ZH_TW_NAMES: Record<string, string> = {
  zhipu: '智譜AI 大模型開放平台 (BigModel)',
  'baidu-qianfan': '百度智能雲千帆大模型平台（文心 ERNIE）',
  'alibaba-bailian': '阿里雲百鍊（DashScope / 通義千問 Qwen）',
  deepseek: '深度求索 DeepSeek 開放平台',
  moonshot: '月之暗面 Kimi 開放平台',
  minimax: 'MiniMax 開放平台',
  baichuan: '百川智能開放平台',
  '01ai': '零一萬物大模型開放平台',
  sensenova: '商湯日日新 SenseNova 大模型平台',
  'tencent-hunyuan': '騰訊混元大模型 / 騰訊雲 TokenHub',
  'iflytek-spark': '訊飛星火認知大模型',
  'volcengine-ark': '火山引擎 火山方舟（豆包大模型）',
  stepfun: '階躍星辰開放平台',
  siliconflow: '硅基流動 SiliconCloud',
  'kunlun-tiangong': '崑崙萬維 天工開放平台',
  'azure-openai-hk': '微軟 Azure OpenAI 服務（香港 / 中國企業）',
  yandexgpt: 'Yandex AI Studio（YandexGPT）',
  gigachat: 'Sber GigaChat API',
  ollama: 'Ollama（本地執行）',
  'lm-studio': 'LM Studio（本地服務）',
  vllm: 'vLLM（自託管 OpenAI 相容服務）',
};

// Model ids cut out of the reference's annotated lists ("glm-5 (latest flagship)" → "glm-5").
// Entries that are descriptions rather than ids are dropped (see GAPS.md).
const MODEL_IDS: Record<string, { chat?: string[]; embedding?: string[]; free?: string[] }> = {
  zhipu: {
    chat: ['glm-5', 'glm-4.7', 'glm-4.6', 'glm-4.5-air', 'glm-4-long', 'glm-4.7-flash', 'glm-4-flash-250414'],
    embedding: ['embedding-3', 'embedding-2'],
    free: ['glm-4.7-flash', 'glm-4-flash-250414'],
  },
  'baidu-qianfan': {
    chat: [
      'ernie-4.0-turbo-8k',
      'ernie-5.0-thinking-latest',
      'ernie-3.5-8k',
      'ernie-speed-128k',
      'ernie-lite-8k',
    ],
    embedding: ['embedding-v1', 'bge-large-zh', 'bge-large-en', 'tao-8k'],
  },
  'alibaba-bailian': {
    chat: ['qwen3-max', 'qwen-plus', 'qwen-flash', 'qwen-max', 'qwen-turbo'],
    embedding: ['text-embedding-v4', 'text-embedding-v3'],
  },
  // deepseek-chat / deepseek-reasoner were deprecated on 2026-07-24 (same source): left out.
  deepseek: { chat: ['deepseek-v4-flash', 'deepseek-v4-pro'] },
  moonshot: { chat: ['kimi-k2.6', 'kimi-k2.5', 'moonshot-v1-8k', 'moonshot-v1-32k', 'moonshot-v1-128k'] },
  minimax: { chat: ['MiniMax-M2.5', 'MiniMax-M2.5-highspeed', 'MiniMax-M2.1', 'MiniMax-M2'] },
  baichuan: { chat: ['Baichuan4', 'Baichuan4-Turbo', 'Baichuan4-Air', 'Baichuan3-Turbo'] },
  '01ai': { chat: ['yi-lightning', 'yi-large', 'yi-medium', 'yi-vision-v2'] },
  sensenova: { chat: ['sensenova-6.8-flash-lite', 'SenseChat-5', 'SenseChat-Turbo'] },
  'tencent-hunyuan': { chat: ['hy3-preview'] },
  'iflytek-spark': { chat: ['4.0Ultra', 'generalv3.5', 'generalv3', 'lite'], free: ['lite'] },
  'volcengine-ark': {
    chat: [
      'doubao-seed-1.6',
      'doubao-seed-1.6-flash',
      'doubao-1.5-pro-32k',
      'doubao-1.5-lite',
      'deepseek-v3',
      'deepseek-r1',
    ],
    embedding: ['doubao-embedding', 'doubao-embedding-large', 'doubao-embedding-vision'],
  },
  stepfun: { chat: ['step-3.5-flash', 'step-2-16k', 'step-1-32k', 'step-1-8k'] },
  siliconflow: {
    chat: [
      'deepseek-ai/DeepSeek-V3',
      'deepseek-ai/DeepSeek-R1',
      'Qwen/Qwen3-8B',
      'Qwen/Qwen2.5-7B-Instruct',
      'THUDM/glm-4-9b-chat',
    ],
    embedding: ['BAAI/bge-m3'],
    free: ['Qwen/Qwen3-8B', 'Qwen/Qwen2.5-7B-Instruct', 'THUDM/glm-4-9b-chat'],
  },
  'kunlun-tiangong': { chat: ['Sky-Chat-3.0'] },
  yandexgpt: { chat: ['yandexgpt', 'yandexgpt-lite'], embedding: ['text-search-doc', 'text-search-query'] },
  gigachat: { chat: ['GigaChat-2-Max', 'GigaChat-2-Pro', 'GigaChat-2'] },
  // Source: "qwen2.5:7b (and 0.5b-72b)"; 14b and 72b are the tags the mapping cites from the same page.
  ollama: {
    chat: ['qwen2.5:7b', 'qwen2.5:14b', 'qwen2.5:72b', 'deepseek-r1', 'glm-4.7-flash', 'llama3.1'],
    embedding: ['nomic-embed-text'],
  },
  'lm-studio': {
    chat: ['openai/gpt-oss-20b', 'qwen2.5-14b-instruct'],
    embedding: ['nomic-ai/nomic-embed-text-v1.5-GGUF'],
  },
  vllm: {
    chat: [
      'Qwen/Qwen2.5-7B-Instruct',
      'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B',
      'meta-llama/Meta-Llama-3-8B-Instruct',
    ],
  },
};

// Mapping targets we do not carry over, and why (also in GAPS.md).
const MAPPING_DROPPED: Record<string, string[]> = {
  // hunyuan-embedding exists only on the legacy endpoint that is being retired.
  'tencent-hunyuan': ['text-embedding-3-small'],
};
// "text-search-doc (documents) / text-search-query (queries)": the document-side model is the target.
const MAPPING_OVERRIDES: Record<string, Record<string, string>> = {
  yandexgpt: { 'text-embedding-3-small': 'text-search-doc' },
};

const AUTH_STYLE: Record<string, Platform['api']['authStyle']> = {
  'azure-openai-hk': 'api-key-header',
  yandexgpt: 'authorization-api-key',
  gigachat: 'oauth-token',
  'kunlun-tiangong': 'signature',
  ollama: 'ignored',
  'lm-studio': 'none-or-optional',
  vllm: 'none-or-optional',
};

const BASE_URL_REGION: Record<string, Platform['api']['baseUrls'][number]['region']> = {
  'cn-mainland': 'cn-mainland',
  'cn-mainland (Beijing)': 'cn-mainland',
  'cn-mainland (cn-beijing)': 'cn-mainland',
  'cn-mainland (TokenHub, current)': 'cn-mainland',
  'cn-mainland (legacy Hunyuan, being retired)': 'cn-mainland',
  'cn-mainland (current)': 'cn-mainland',
  'cn-mainland (older compatible-mode)': 'cn-mainland',
  international: 'international',
  'international (Singapore)': 'international',
  'international (TokenHub)': 'international',
  'international (BytePlus ModelArk, ap-southeast)': 'international',
  global: 'global',
  'global (single endpoint)': 'global',
  'US (Virginia)': 'us',
  'China (Hong Kong)': 'hong-kong',
  'per Azure resource': 'per-resource',
  ru: 'ru',
  local: 'local',
  'local/self-hosted': 'local',
  'ollama cloud': 'vendor-cloud',
};
const LEGACY_BASE_URL_LABELS = new Set([
  'cn-mainland (legacy Hunyuan, being retired)',
  'cn-mainland (older compatible-mode)',
]);

/** Reference "regions served" labels → ISO codes or `international` / `anywhere`. */
function servedAreas(labels: string[]): string[] {
  const out = new Set<string>();
  for (const label of labels) {
    const l = label.toLowerCase();
    if (l.startsWith('any')) out.add('anywhere');
    else if (l.startsWith('cn-mainland enterprise'))
      continue; // enterprise-only, not for the people Detour serves
    else if (l.startsWith('cn-mainland')) out.add('CN');
    else if (
      l.startsWith('international') ||
      l.startsWith('global') ||
      l.startsWith('singapore (international)')
    )
      out.add('international');
    else if (l.startsWith('us (')) out.add('US');
    else if (l.startsWith('china (hong kong)') || l.startsWith('hong-kong')) out.add('HK');
    else if (l.startsWith('japan')) out.add('JP');
    else if (l === 'ru') out.add('RU');
    else throw new Error(`unmapped region label: ${label}`);
  }
  return [...out];
}

/** "https://x (legacy)" → "https://x"; values that are not a single URL return null. */
function cleanUrl(value: string): string | null {
  const url = value.split(' ')[0] ?? '';
  return /^https:\/\/\S+$/.test(url) ? url : null;
}

/** "2024-06 (reported by 2024-06-27)" → "2024-06"; ranges such as "2024-06/07" keep only the year. */
function partialDate(text: string | null): string | null {
  if (!text) return null;
  if (/^\d{4}-\d{2}\/\d{2}/.test(text)) return text.slice(0, 4);
  const m = /^(\d{4}(-\d{2}(-\d{2})?)?)/.exec(text);
  return m?.[1] ?? null;
}

function copyFact<T>(f: RefFact | null | undefined, value?: T) {
  if (!f || f.value === null || f.value === undefined || !f.source) return undefined;
  return {
    value: (value ?? f.value) as T,
    source: f.source,
    asOf: partialDate(f.asOf) ?? f.asOf,
    ...(['page-date', 'retrieved', 'article-date'].includes(f.asOfBasis ?? '')
      ? { asOfBasis: f.asOfBasis as 'page-date' | 'retrieved' | 'article-date' }
      : {}),
  };
}

const INCENTIVE_IDS: Record<string, string[]> = {
  zhipu: ['zhipu-2024-moving-plan'],
  'baidu-qianfan': ['baidu-2024-inclusive-program', 'baidu-2024-free-ernie-speed-lite'],
  'alibaba-bailian': ['bailian-2024-migration'],
  moonshot: ['moonshot-2024-migration'],
  baichuan: ['baichuan-2024-migration'],
  '01ai': ['01ai-2024-migration'],
  sensenova: ['sensenova-2024-migration'],
  'tencent-hunyuan': ['tencent-2024-new-user-tokens', 'tencent-tokenhub-trial'],
  'volcengine-ark': ['byteplus-2025-discount'],
  stepfun: ['stepfun-rate-limit-parity'],
  siliconflow: ['siliconflow-signup-credit'],
  'kunlun-tiangong': ['kunlun-2024-moving-plan'],
  yandexgpt: ['yandex-initial-grant'],
  gigachat: ['gigachat-freemium'],
};
const MIGRATION_OFFERS = new Set([
  'zhipu-2024-moving-plan',
  'baidu-2024-inclusive-program',
  'bailian-2024-migration',
  'moonshot-2024-migration',
  'baichuan-2024-migration',
  '01ai-2024-migration',
  'sensenova-2024-migration',
  'stepfun-rate-limit-parity',
  'kunlun-2024-moving-plan',
]);
// Later dates at which a source still showed the offer (from the reference's status notes).
const LAST_CONFIRMED: Record<string, string> = {
  'siliconflow-signup-credit': '2026-02-08',
  'stepfun-rate-limit-parity': '2026-11-24',
  'yandex-initial-grant': '2026-11-24',
  'gigachat-freemium': '2026-11-24',
};
// The amount shown to users is the news figure, so the weaker of the two confidences applies.
const CONFIDENCE_OVERRIDES: Record<string, Incentive['confidence']> = {
  'baidu-2024-inclusive-program': 'medium',
};

function incentive(platformId: string, ref: Json, index: number): Incentive {
  const id = INCENTIVE_IDS[platformId]?.[index];
  if (!id) throw new Error(`no incentive id for ${platformId}[${index}]`);
  const sources: string[] = ref.sources.filter((s: string) => s.startsWith('https://'));
  const [source, ...otherSources] = sources;
  if (!source) throw new Error(`incentive ${id} has no https source`);
  const confidence =
    CONFIDENCE_OVERRIDES[id] ??
    (/^(medium-high|medium-low|high|medium|low)/.exec(ref.confidence)?.[1] as Incentive['confidence']);
  const announced = partialDate(ref.announced);
  return {
    id,
    summary: { ...ref.summary, translatedByUs: ['zh-TW'] },
    ...(ref.amount ? { amount: ref.amount } : {}),
    audience: String(ref.audience)
      .replace(/\s*\(.*\)\s*$/, '')
      .trim(),
    announced,
    ...(LAST_CONFIRMED[id] ? { lastConfirmed: LAST_CONFIRMED[id] } : {}),
    expires: partialDate(ref.expires),
    migrationOffer: MIGRATION_OFFERS.has(id),
    source,
    ...(otherSources.length ? { otherSources } : {}),
    confidence,
    asOf: partialDate(ref.asOf) ?? LAST_CONFIRMED[id] ?? '',
  };
}

function platform(ref: Json): Platform {
  const id: string = ref.id;
  const api = ref.api;
  const urls: Platform['urls'] = {};
  for (const key of ['console', 'docs', 'pricing', 'migrationGuide'] as const) {
    const f = ref.urls?.[key];
    const url = f?.value ? cleanUrl(f.value) : null;
    // A console URL marked "(legacy)" points at the platform being retired; the pricing page of
    // Moonshot is marked "not verified" in the research: both left out.
    if (!url || /\(legacy\)/.test(f.value) || /not verified/.test(f.note ?? '')) continue;
    urls[key] = copyFact(f, url);
  }

  const baseUrls: Platform['api']['baseUrls'] = (api.baseUrls ?? []).map((b: RefFact) => {
    const region = BASE_URL_REGION[b.region ?? ''];
    if (!region) throw new Error(`unmapped base URL region ${b.region} (${id})`);
    return {
      region,
      ...copyFact(b),
      ...(LEGACY_BASE_URL_LABELS.has(b.region ?? '') ? { legacy: true as const } : {}),
      ...(/<[^>]+>/.test(b.value) ? { template: true as const } : {}),
    };
  });

  const authText: string = api.auth.value;
  // Only the platform's own docs/SDK examples name the key variable; gateway conventions do not count.
  const keyVar = /\$\{?([A-Z][A-Z0-9_]*_API_KEY)\}?|<([A-Z][A-Z0-9_]*_API_KEY)>/.exec(authText);
  const modelTemplate =
    id === 'yandexgpt'
      ? copyFact(api.modelNaming, 'gpt://<folder_id>/{model}/latest')
      : id === 'azure-openai-hk'
        ? copyFact(ref.models.chat[0], '<deployment-name>')
        : undefined;

  const ids = MODEL_IDS[id] ?? {};
  const models: Platform['models'] = {};
  if (ids.chat) models.chat = copyFact(ref.models.chat?.[0], ids.chat);
  if (ids.embedding) models.embedding = copyFact(ref.models.embedding?.[0], ids.embedding);
  if (ids.free) {
    models.free =
      id === 'siliconflow'
        ? copyFact(ref.models.chat?.[0], ids.free)
        : copyFact(ref.models.freeModels, ids.free);
  }
  if (ref.category === 'self-hosted') models.anyLocalModel = true;

  let openaiModelMapping: Platform['openaiModelMapping'];
  if (ref.openaiModelMapping) {
    const targets: Record<string, unknown> = {};
    for (const source of ['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo', 'text-embedding-3-small']) {
      if (MAPPING_DROPPED[id]?.includes(source)) continue;
      const f = ref.openaiModelMapping[source];
      const copied = copyFact<string>(f, MAPPING_OVERRIDES[id]?.[source]);
      if (copied) targets[source] = copied;
    }
    if (Object.keys(targets).length > 0) {
      openaiModelMapping = { editorial: true, verifyWithModelsEndpoint: true, targets };
    }
  }

  const served = ref.regions?.served;
  return {
    id,
    order: ref.order,
    seed: ref.seed,
    category: ref.category,
    name: {
      en: ref.name.en,
      'zh-CN': ref.name['zh-CN'],
      'zh-TW': ZH_TW_NAMES[id] ?? '',
      translatedByUs: ['zh-TW'],
    },
    company: copyFact(ref.company) as Platform['company'],
    ...(served?.value ? { served: copyFact(served, servedAreas(served.value)) } : {}),
    ...(ref.status ? { status: copyFact(ref.status, 'uncertain' as const) } : {}),
    urls,
    api: {
      openaiCompatible: copyFact(api.openaiCompatible) as Platform['api']['openaiCompatible'],
      baseUrls,
      authStyle: AUTH_STYLE[id] ?? 'bearer',
      auth: copyFact(api.auth, authText.replace(/\s+/g, ' ').trim()) as Platform['api']['auth'],
      ...(keyVar ? { keyEnvVar: copyFact(api.auth, keyVar[1] ?? keyVar[2]) } : {}),
      ...(modelTemplate ? { modelTemplate } : {}),
    },
    models,
    ...(openaiModelMapping ? { openaiModelMapping } : {}),
    incentives: (ref.incentives ?? []).map((inc: Json, i: number) => incentive(id, inc, i)),
  } as Platform;
}

const catalog = {
  kind: 'detour-platforms' as const,
  version: 1,
  asOf: '2026-11-24',
  derivedFrom: 'reference/platforms.json (research gathered 2026-11-24)',
  platforms: reference.filter((p) => CATEGORIES.has(p.category)).map(platform),
};

const result = v.safeParse(Catalog, catalog);
if (!result.success) {
  for (const issue of result.issues) console.error(v.getDotPath(issue), issue.message);
  process.exit(1);
}
const out = join(root, 'core', 'catalog', 'platforms.json');
writeFileSync(out, `${JSON.stringify(result.output, null, 2)}\n`);
console.log(`wrote ${result.output.platforms.length} platforms to ${out}`);
