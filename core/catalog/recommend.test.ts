import { describe, expect, it } from 'vitest';
import { regionsNotServedBy } from '../regions/refusal-regions';
import { BUNDLED_CATALOG, orderedPlatforms } from './catalog';
import { protocolUsed, type RecommendInput, recommendPlatforms, type Suggestion } from './recommend';
import type { Catalog, Platform } from './schema';

// A fixed day: offers and free tiers are judged against it, never against the clock.
const NOW = new Date('2026-12-05T12:00:00Z');
const ids = (s: Suggestion[]) => s.map((x) => x.platform.id);
const byId = (s: Suggestion[], id: string) => s.find((x) => x.platform.id === id) as Suggestion;
const catalogIndex = new Map(orderedPlatforms().map((p, i) => [p.id, i]));

const TIER = {
  'serves-region': 0,
  'runs-anywhere': 0,
  'international-endpoint': 1,
  'region-unconfirmed': 1,
  'region-unknown': 1,
  'not-listed': 2,
} as const;

/** The documented ranking, as named steps read from each suggestion's public fields. */
function steps(s: Suggestion, input: RecommendInput): [string, number][] {
  const mappingApplies = input.blockedService === 'openai' || !!input.model;
  return [
    ['serves', TIER[s.availability]],
    // Only a confirmed yes counts; "not confirmed" ranks with no.
    ['reachable', s.reachable === false || s.reachable === 'not-confirmed' ? 1 : 0],
    ['protocol', s.speaksProtocol === false || s.speaksProtocol === 'not-confirmed' ? 1 : 0],
    ['mapping', mappingApplies && !s.currentMapping ? 1 : 0],
    ['incentive', s.incentiveCounts ? 0 : 1],
    ['recency', s.newestFact ? -Date.parse(s.newestFact.padEnd(10, '-01').slice(0, 10)) : 0],
    ['catalog', catalogIndex.get(s.platform.id) ?? 0],
  ];
}

/** Every adjacent pair is ordered by the first step where they differ; returns why each pair is ordered. */
function expectRankedBySpec(suggestions: Suggestion[], input: RecommendInput): string[] {
  const why: string[] = [];
  for (let i = 1; i < suggestions.length; i++) {
    const a = steps(suggestions[i - 1] as Suggestion, input);
    const b = steps(suggestions[i] as Suggestion, input);
    const d = a.findIndex(([, x], j) => x !== b[j]?.[1]);
    const pair = ids(suggestions)
      .slice(i - 1, i + 1)
      .join(' > ');
    expect(d, `${pair}: identical keys`).toBeGreaterThanOrEqual(0);
    expect(a[d]?.[1], `${pair} by ${a[d]?.[0]}`).toBeLessThan(b[d]?.[1] as number);
    why.push(`${pair}: ${a[d]?.[0]}`);
  }
  expect(suggestions).toHaveLength(catalogIndex.size);
  return why;
}

type Product = { service: string; product: string; label: string };
const OPENAI_API: Product = { service: 'openai', product: 'api', label: 'OpenAI API' };
const CHATGPT: Product = { service: 'openai', product: 'chatgpt', label: 'ChatGPT' };
const CLAUDE: Product = { service: 'anthropic', product: 'api', label: 'Claude (API)' };
const GEMINI: Product = { service: 'google', product: 'gemini-api', label: 'Gemini (API)' };

/**
 * The order a mover would choose, from the bundled catalog as of 2026-12-05, with the step that
 * decides each of the first places. `top` is the start of the list; `because` names the step that
 * puts each listed pair in that order.
 */
const TABLE: {
  region: string;
  from: Product;
  top: string[];
  because: string[];
}[] = [
  // Mainland China: every listed Chinese platform serves CN and has a mainland endpoint; the ones
  // with a standing free tier or a dated amount lead (the three whose free tier was confirmed on
  // the same day in the catalog's order); DeepSeek (no offer) leads the rest, whose lists were
  // confirmed the same day, by catalog order.
  {
    region: 'CN',
    from: OPENAI_API,
    top: ['zhipu', 'alibaba-bailian', 'iflytek-spark', 'deepseek', 'moonshot'],
    because: [
      'zhipu > alibaba-bailian: catalog',
      'alibaba-bailian > iflytek-spark: catalog',
      'iflytek-spark > deepseek: incentive',
      'deepseek > moonshot: catalog',
    ],
  },
  {
    region: 'CN',
    from: CHATGPT,
    top: ['zhipu', 'alibaba-bailian', 'iflytek-spark', 'deepseek', 'moonshot'],
    because: ['iflytek-spark > deepseek: incentive'],
  },
  // Claude's API users need the Anthropic protocol: the five vendors that document it lead, then
  // LM Studio and Ollama (they speak Anthropic's Messages API on the user's own machine).
  {
    region: 'CN',
    from: CLAUDE,
    top: ['zhipu', 'alibaba-bailian', 'deepseek', 'minimax', 'tencent-hunyuan', 'lm-studio'],
    because: [
      'alibaba-bailian > deepseek: incentive',
      'deepseek > minimax: catalog',
      'minimax > tencent-hunyuan: catalog',
      'tencent-hunyuan > lm-studio: catalog',
    ],
  },
  {
    region: 'CN',
    from: GEMINI,
    top: ['zhipu', 'alibaba-bailian', 'iflytek-spark', 'deepseek', 'moonshot'],
    because: ['iflytek-spark > deepseek: incentive'],
  },
  // Hong Kong: Alibaba names HK and has a Hong Kong endpoint; local runtimes next (LM Studio's
  // list was re-read on 2026-12-05, Ollama's and vLLM's on 2026-11-24); then the international
  // endpoints. Azure OpenAI's Hong Kong region is named only by third parties (`unverified`), so it
  // is "region not confirmed", and its per-resource endpoint counts only where it is confirmed to
  // serve: it is no longer in the top five.
  {
    region: 'HK',
    from: OPENAI_API,
    top: ['alibaba-bailian', 'lm-studio', 'ollama', 'vllm', 'zhipu'],
    because: [
      'alibaba-bailian > lm-studio: incentive',
      'lm-studio > ollama: recency',
      'vllm > zhipu: serves',
    ],
  },
  {
    region: 'HK',
    from: CHATGPT,
    top: ['alibaba-bailian', 'lm-studio', 'ollama', 'vllm', 'zhipu'],
    because: ['alibaba-bailian > lm-studio: incentive'],
  },
  {
    region: 'HK',
    from: CLAUDE,
    top: ['alibaba-bailian', 'lm-studio', 'ollama', 'vllm', 'zhipu'],
    because: ['alibaba-bailian > lm-studio: incentive', 'ollama > vllm: protocol'],
  },
  {
    region: 'HK',
    from: GEMINI,
    top: ['alibaba-bailian', 'lm-studio', 'ollama', 'vllm', 'zhipu'],
    because: ['alibaba-bailian > lm-studio: incentive'],
  },
  // Russia: the Russian clouds serve RU and both speak the OpenAI API (GigaChat with an access
  // token). Recency judges the day a list was last confirmed, not its page's own date: GigaChat's
  // list (a page dated July 2026, re-read 2026-12-05) ties with YandexGPT's and stays ahead of the
  // local runtimes; the catalog's order decides between the two clouds.
  {
    region: 'RU',
    from: OPENAI_API,
    top: ['yandexgpt', 'gigachat', 'lm-studio', 'ollama', 'vllm'],
    because: [
      'yandexgpt > gigachat: catalog',
      'gigachat > lm-studio: catalog',
      'lm-studio > ollama: recency',
    ],
  },
  {
    region: 'RU',
    from: CHATGPT,
    top: ['yandexgpt', 'gigachat', 'lm-studio', 'ollama', 'vllm'],
    because: ['yandexgpt > gigachat: catalog', 'gigachat > lm-studio: catalog'],
  },
  {
    region: 'RU',
    from: CLAUDE,
    top: ['lm-studio', 'ollama', 'yandexgpt', 'gigachat', 'vllm', 'zhipu'],
    because: [
      'lm-studio > ollama: recency',
      'ollama > yandexgpt: protocol',
      'yandexgpt > gigachat: catalog',
      'gigachat > vllm: recency',
      'vllm > zhipu: serves',
    ],
  },
  {
    region: 'RU',
    from: GEMINI,
    top: ['yandexgpt', 'gigachat', 'lm-studio', 'ollama', 'vllm'],
    because: ['yandexgpt > gigachat: catalog'],
  },
  // Iran: no cloud names IR; what runs on the user's machine first, then international endpoints.
  {
    region: 'IR',
    from: OPENAI_API,
    top: ['lm-studio', 'ollama', 'vllm', 'zhipu', 'alibaba-bailian'],
    because: ['lm-studio > ollama: recency', 'vllm > zhipu: serves'],
  },
  {
    region: 'IR',
    from: CHATGPT,
    top: ['lm-studio', 'ollama', 'vllm', 'zhipu', 'alibaba-bailian'],
    because: [],
  },
  {
    region: 'IR',
    from: CLAUDE,
    top: ['lm-studio', 'ollama', 'vllm', 'zhipu', 'alibaba-bailian', 'minimax'],
    because: ['alibaba-bailian > minimax: incentive'],
  },
  {
    region: 'IR',
    from: GEMINI,
    top: ['lm-studio', 'ollama', 'vllm', 'zhipu', 'alibaba-bailian'],
    because: [],
  },
];

describe('recommendPlatforms: the order a mover would choose', () => {
  it.each(TABLE)('$region, refused by $from.label', ({ region, from, top, because }) => {
    const input = { blockedService: from.service, product: from.product, region, now: NOW };
    const s = recommendPlatforms(input);
    const why = expectRankedBySpec(s, input);
    expect(ids(s).slice(0, top.length)).toEqual(top);
    for (const reason of because) expect(why).toContain(reason);
  });

  it('mainland China + OpenAI API: DeepSeek and the three seed platforms serve CN and are reachable', () => {
    const s = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'CN', now: NOW });
    for (const id of ['deepseek', 'zhipu', 'baidu-qianfan', 'alibaba-bailian']) {
      const x = byId(s, id);
      expect(x.availability, id).toBe('serves-region');
      expect(x.reachable, id).toBe(true);
      expect(x.speaksProtocol, id).toBe(true);
    }
    // Offers without an amount are shown but never count: Tencent's trial, StepFun's parity.
    expect(byId(s, 'tencent-hunyuan').incentiveCounts).toBe(false);
    expect(byId(s, 'stepfun').incentiveCounts).toBe(false);
    expect(byId(s, 'stepfun').reasons).toContainEqual(
      expect.objectContaining({ key: 'ranking.reasonOfferNoAmount' }),
    );
    // Standing free tiers count: Alibaba's per-model quota, Zhipu's free models.
    expect(byId(s, 'alibaba-bailian').reasons).toContainEqual({
      key: 'ranking.reasonFreeTier',
      params: { date: '2026-12-05' },
    });
    expect(byId(s, 'zhipu').incentive?.incentive.id).toBe('zhipu-free-models');
    // Kunlun serves no listed region and speaks neither protocol: last.
    expect(ids(s).at(-1)).toBe('kunlun-tiangong');
  });

  it('an endpoint abroad does not count as reachable from mainland China', () => {
    const s = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'CN', now: NOW });
    // Azure's resources are per region and it serves only HK: not listed and not reachable from CN.
    expect(byId(s, 'azure-openai-hk').reachable).toBe(false);
    const hk = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'HK', now: NOW });
    expect(byId(hk, 'zhipu').reachable).toBe(true);
    expect(byId(hk, 'zhipu').reasons).toContainEqual({
      key: 'ranking.reasonEndpointReachable',
      params: { region: 'HK' },
    });
  });

  it('the model in use decides the mapping step, and says which model to use', () => {
    const input = { blockedService: 'openai', product: 'api', region: 'CN', model: 'gpt-4o', now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(byId(s, 'zhipu').reasons).toContainEqual({
      key: 'reasonModelMapping',
      params: { model: 'gpt-4o', target: 'glm-5.3' },
    });
    expect(byId(s, 'deepseek').mappedModel).toBe('deepseek-v4-pro');
    // Embeddings: platforms without an embedding target fall behind those with one.
    const emb = { ...input, model: 'text-embedding-3-small' };
    const e = recommendPlatforms(emb);
    expectRankedBySpec(e, emb);
    expect(byId(e, 'deepseek').currentMapping).toBe(false);
    expect(ids(e).indexOf('alibaba-bailian')).toBeLessThan(ids(e).indexOf('deepseek'));
  });

  // A fact only third parties show never counts as confirmed: each case marks one fact of a real
  // platform `unverified` and checks the step, the reason line and that it no longer helps.
  const unverifiedCases: {
    fact: string;
    platform: string;
    region: string;
    from: Product;
    mark: (p: Platform) => void;
    before: Partial<Suggestion>;
    after: Partial<Suggestion>;
    reason: { key: string; params?: Record<string, string> };
    /** A platform it used to outrank and now follows, or null when only the reason changes. */
    overtakenBy: string | null;
  }[] = [
    {
      fact: 'served list',
      platform: 'minimax',
      region: 'CN',
      from: OPENAI_API,
      mark: (p) => {
        if (p.served) p.served.unverified = true;
      },
      before: { availability: 'serves-region' },
      after: { availability: 'region-unconfirmed' },
      reason: { key: 'ranking.reasonRegionNotConfirmed', params: { region: 'CN' } },
      // Baidu Qianfan confirms it serves CN; a served list only third parties give ranks below it.
      overtakenBy: 'baidu-qianfan',
    },
    {
      fact: 'served list, region guessed from a refusal',
      platform: 'baidu-qianfan',
      region: '',
      from: OPENAI_API,
      mark: (p) => {
        if (p.served) p.served.unverified = true;
      },
      before: { availability: 'serves-region' },
      after: { availability: 'region-unconfirmed' },
      reason: { key: 'ranking.reasonRegionNotConfirmed' },
      overtakenBy: 'sensenova',
    },
    {
      fact: 'base URL',
      platform: 'moonshot',
      region: 'CN',
      from: OPENAI_API,
      mark: (p) => {
        for (const b of p.api.baseUrls) b.unverified = true;
      },
      before: { reachable: true },
      after: { reachable: 'not-confirmed', availability: 'serves-region' },
      reason: { key: 'ranking.reasonEndpointNotConfirmed', params: { region: 'CN' } },
      overtakenBy: 'sensenova',
    },
    {
      fact: 'OpenAI compatibility',
      platform: 'deepseek',
      region: 'CN',
      from: OPENAI_API,
      mark: (p) => {
        p.api.openaiCompatible.unverified = true;
      },
      before: { speaksProtocol: true, openaiCompatible: true },
      after: { speaksProtocol: 'not-confirmed', openaiCompatible: false },
      reason: { key: 'ranking.reasonOpenAiNotConfirmed' },
      overtakenBy: 'sensenova',
    },
    {
      fact: 'Anthropic compatibility',
      platform: 'deepseek',
      region: 'CN',
      from: CLAUDE,
      mark: (p) => {
        if (p.api.anthropicCompatible) p.api.anthropicCompatible.unverified = true;
      },
      before: { speaksProtocol: true, anthropicCompatible: true },
      after: { speaksProtocol: 'not-confirmed', anthropicCompatible: false },
      reason: { key: 'ranking.reasonAnthropicNotConfirmed' },
      overtakenBy: 'ollama',
    },
  ];

  it.each(unverifiedCases)(
    'an unverified $fact does not help $platform rank, and its reason says "not confirmed"',
    ({ platform, region, from, mark, before, after, reason, overtakenBy }) => {
      const catalog: Catalog = structuredClone(BUNDLED_CATALOG);
      const guessed = region === '';
      const input: RecommendInput = {
        blockedService: from.service,
        product: from.product,
        region: guessed ? null : region,
        ...(guessed ? { regions: regionsNotServedBy('openai', 'api') ?? [] } : {}),
        now: NOW,
        catalog,
      };
      const was = recommendPlatforms(input);
      expect(byId(was, platform)).toMatchObject(before);
      mark(catalog.platforms.find((p) => p.id === platform) as Platform);
      const s = recommendPlatforms(input);
      // Guessing from a set puts local runtimes last, which the step list above does not model.
      if (!guessed) expectRankedBySpec(s, input);
      expect(byId(s, platform)).toMatchObject(after);
      const keys = byId(s, platform).reasons.map((r) => r.key);
      expect(byId(s, platform).reasons).toContainEqual(
        reason.params ? reason : expect.objectContaining(reason),
      );
      // Never called false: the "not" reasons of the same step are absent.
      for (const no of [
        'reasonRegionNotListed',
        'ranking.reasonEndpointAbroad',
        'reasonNotOpenAiCompatible',
        'ranking.reasonNotAnthropicCompatible',
      ])
        expect(keys).not.toContain(no);
      if (overtakenBy) {
        expect(ids(was).indexOf(platform)).toBeLessThan(ids(was).indexOf(overtakenBy));
        expect(ids(s).indexOf(platform)).toBeGreaterThan(ids(s).indexOf(overtakenBy));
      }
    },
  );

  it('an unverified served list still ranks above "not listed", and one that does not name the region stays "not listed"', () => {
    const s = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'CN', now: NOW });
    // StepFun's and SiliconFlow's served lists come from third parties: a maybe, above Baichuan
    // (no served list at all) and the Russian clouds (not CN).
    for (const id of ['stepfun', 'siliconflow', 'volcengine-ark', '01ai']) {
      expect(byId(s, id).availability, id).toBe('region-unconfirmed');
      expect(ids(s).indexOf(id), id).toBeLessThan(ids(s).indexOf('yandexgpt'));
    }
    // Azure's Hong Kong list (unverified) says nothing about CN.
    expect(byId(s, 'azure-openai-hk').availability).toBe('not-listed');
    expect(byId(s, 'azure-openai-hk').reasons[0]).toEqual({
      key: 'reasonRegionNotListed',
      params: { region: 'CN' },
    });
  });

  it('the bundled catalog: unconfirmed endpoints and flags are said as such', () => {
    const cn = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'CN', now: NOW });
    // 01.AI's only endpoint is unverified: not reachable, not called abroad either.
    expect(byId(cn, '01ai').reachable).toBe('not-confirmed');
    expect(byId(cn, '01ai').reasons).toContainEqual({
      key: 'ranking.reasonEndpointNotConfirmed',
      params: { region: 'CN' },
    });
    // Baichuan's OpenAI compatibility is named only by third parties.
    expect(byId(cn, 'baichuan').speaksProtocol).toBe('not-confirmed');
    expect(byId(cn, 'baichuan').reasons).toContainEqual({ key: 'ranking.reasonOpenAiNotConfirmed' });
    // In Hong Kong, Azure's per-resource endpoint counts only where it is confirmed to serve.
    const hk = recommendPlatforms({ blockedService: 'openai', product: 'api', region: 'HK', now: NOW });
    expect(byId(hk, 'azure-openai-hk')).toMatchObject({
      availability: 'region-unconfirmed',
      reachable: 'not-confirmed',
    });
    // Volcano Engine's international endpoint is unverified; SiliconFlow's is confirmed.
    expect(byId(hk, 'volcengine-ark').reachable).toBe('not-confirmed');
    expect(byId(hk, 'siliconflow').reachable).toBe(true);
    expect(ids(hk).indexOf('siliconflow')).toBeLessThan(ids(hk).indexOf('volcengine-ark'));
  });

  it('an unverified model suggestion is not current, so it does not rank', () => {
    const catalog: Catalog = structuredClone(BUNDLED_CATALOG);
    const zhipu = catalog.platforms.find((p) => p.id === 'zhipu') as Platform;
    const target = zhipu.openaiModelMapping?.targets['gpt-4o'];
    if (!target) throw new Error('fixture: zhipu has a gpt-4o target');
    target.unverified = true;
    const input = { blockedService: 'openai', region: 'CN', model: 'gpt-4o', now: NOW, catalog };
    expect(byId(recommendPlatforms(input), 'zhipu').currentMapping).toBe(false);
  });

  it('an offer the last check could not confirm is shown but does not count', () => {
    const catalog: Catalog = structuredClone(BUNDLED_CATALOG);
    const bailian = catalog.platforms.find((p) => p.id === 'alibaba-bailian') as Platform;
    const input = { blockedService: 'openai', region: 'CN', now: NOW, catalog };
    expect(byId(recommendPlatforms(input), 'alibaba-bailian').incentiveCounts).toBe(true);
    for (const offer of bailian.incentives) offer.unverified = true;
    const s = recommendPlatforms(input);
    expect(byId(s, 'alibaba-bailian').incentiveCounts).toBe(false);
    expect(byId(s, 'alibaba-bailian').incentive).not.toBeNull();
  });

  it('a standing free tier counts only while a source under 12 months old shows it', () => {
    const later = new Date('2028-01-01T00:00:00Z');
    const s = recommendPlatforms({ blockedService: 'openai', region: 'CN', now: later });
    expect(byId(s, 'alibaba-bailian').incentiveCounts).toBe(false);
    expect(byId(s, 'zhipu').incentiveCounts).toBe(false);
  });

  it.each([
    {
      case: 'a list re-read today from a page dated July 2026 beats one read once, in November',
      gigachat: {
        asOf: '2026-07-17',
        asOfBasis: 'published',
        published: '2026-07-17',
        retrieved: '2026-12-05',
      },
      yandex: { asOf: '2026-11-24', asOfBasis: 'retrieved' },
      first: 'gigachat',
    },
    {
      case: 'two lists re-read the same day tie, whatever their pages say, and the catalog decides',
      gigachat: {
        asOf: '2025-01-10',
        asOfBasis: 'published',
        published: '2025-01-10',
        retrieved: '2026-12-05',
      },
      yandex: { asOf: '2026-12-05', asOfBasis: 'retrieved', retrieved: '2026-12-05' },
      first: 'yandexgpt',
    },
    {
      case: 'a list read once on its day still counts from that day',
      gigachat: { asOf: '2026-07-17', asOfBasis: 'published', published: '2026-07-17' },
      yandex: { asOf: '2026-11-24', asOfBasis: 'retrieved' },
      first: 'yandexgpt',
    },
  ] as const)('recency judges the day a fact was last confirmed: $case', ({ gigachat, yandex, first }) => {
    const catalog: Catalog = structuredClone(BUNDLED_CATALOG);
    const set = (id: string, dates: object) => {
      const chat = (catalog.platforms.find((p) => p.id === id) as Platform).models.chat;
      if (!chat) throw new Error(`fixture: ${id} lists chat models`);
      for (const k of ['asOf', 'asOfBasis', 'published', 'retrieved'] as const) delete chat[k as 'published'];
      Object.assign(chat, dates);
    };
    set('gigachat', gigachat);
    set('yandexgpt', yandex);
    const input = { blockedService: 'openai', product: 'chatgpt', region: 'RU', now: NOW, catalog };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    const order = ids(s).filter((id) => id === 'gigachat' || id === 'yandexgpt');
    expect(order[0]).toBe(first);
  });

  it('unknown region: says so, and falls back to the later steps', () => {
    const input = { blockedService: 'openai', region: null, now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(byId(s, 'zhipu').reasons[0]).toEqual({ key: 'reasonRegionUnknown' });
    expect(byId(s, 'zhipu').reachable).toBeNull();
  });
});

describe('protocolUsed', () => {
  it.each([
    ['openai', 'api', 'openai'],
    ['openai', 'platform', 'openai'],
    ['openai', undefined, 'openai'],
    ['openai', 'chatgpt', null],
    ['anthropic', 'api', 'anthropic'],
    ['anthropic', 'console', 'anthropic'],
    ['anthropic', 'claude-web', null],
    ['google', 'gemini-api', null],
    ['github-copilot', 'copilot-api', null],
  ] as const)('%s/%s → %s', (service, product, expected) => {
    expect(protocolUsed(service, product)).toBe(expected);
  });
});

describe('recommendPlatforms with a set of candidate regions (region unknown after a refusal)', () => {
  const now = new Date('2026-12-05');

  it('puts hosted platforms serving the refused regions first and local runtimes last', () => {
    const regions = regionsNotServedBy('openai', 'api') ?? [];
    const withSet = recommendPlatforms({ blockedService: 'openai', region: null, regions, now });
    const without = recommendPlatforms({ blockedService: 'openai', region: null, now });
    // Without evidence the local runtimes lead (they work anywhere); with it, hosted ones do.
    expect(without[0]?.availability).toBe('runs-anywhere');
    expect(withSet[0]?.availability).toBe('serves-region');
    expect(withSet[0]?.platform.category).not.toBe('self-hosted');
    const firstLocal = withSet.findIndex((s) => s.availability === 'runs-anywhere');
    const lastServing = withSet.map((s) => s.availability).lastIndexOf('serves-region');
    expect(firstLocal).toBeGreaterThan(lastServing);
    expect(withSet.slice(firstLocal).every((s) => s.platform.category === 'self-hosted')).toBe(true);
    const reason = withSet[0]?.reasons.find((r) => r.key === 'reasonServesRegion');
    expect(reason?.params?.region).toMatch(/^[A-Z]{2}(, [A-Z]{2})*$/);
  });

  it('a known region ignores the set', () => {
    const a = recommendPlatforms({ blockedService: 'openai', region: 'JP', regions: ['CN'], now });
    const b = recommendPlatforms({ blockedService: 'openai', region: 'JP', now });
    expect(a.map((s) => s.platform.id)).toEqual(b.map((s) => s.platform.id));
  });
});

describe('recommendPlatforms for a refusing service the catalog knows nothing about', () => {
  it('ranks the whole catalog for a service with no region list or protocol, without failing', () => {
    for (const blockedService of ['groq', 'cerebras', 'huggingface', 'unnamed-ai', 'no-such-service']) {
      const ranked = recommendPlatforms({ blockedService, region: null, now: NOW });
      expect(ranked.length, blockedService).toBe(orderedPlatforms().length);
      expect(ranked.every((s) => s.speaksProtocol === null)).toBe(true);
    }
    expect(regionsNotServedBy('groq', 'api')).toBeNull();
  });

  it('never suggests the company that just refused: DeepSeek and Moonshot AI are also platforms', () => {
    for (const blockedService of ['deepseek', 'moonshot']) {
      const ranked = recommendPlatforms({ blockedService, region: 'HK', now: NOW });
      expect(ids(ranked)).not.toContain(blockedService);
      expect(ranked.length).toBe(orderedPlatforms().length - 1);
    }
    expect(ids(recommendPlatforms({ blockedService: 'openai', region: 'HK', now: NOW }))).toContain(
      'deepseek',
    );
  });
});
