import { describe, expect, it } from 'vitest';
import { regionsNotServedBy } from '../regions/refusal-regions';
import { orderedPlatforms } from './catalog';
import { type RecommendInput, recommendPlatforms, type Suggestion } from './recommend';

const NOW = new Date('2026-11-25T12:00:00Z');
const catalogIndex = new Map(orderedPlatforms().map((p, i) => [p.id, i]));
const ids = (s: Suggestion[]) => s.map((x) => x.platform.id);

/** The documented order, checked pair by pair from each suggestion's public fields. */
function expectRankedBySpec(suggestions: Suggestion[], input: RecommendInput) {
  const tier = {
    'serves-region': 0,
    'runs-anywhere': 0,
    'international-endpoint': 1,
    'region-unknown': 1,
    'not-listed': 2,
  };
  const key = (s: Suggestion) => [
    tier[s.availability],
    input.blockedService === 'openai' && !s.openaiCompatible ? 1 : 0,
    s.incentive?.status === 'current' ? 0 : 1,
    catalogIndex.get(s.platform.id) ?? 0,
  ];
  for (let i = 1; i < suggestions.length; i++) {
    const a = key(suggestions[i - 1] as Suggestion);
    const b = key(suggestions[i] as Suggestion);
    const firstDiff = a.findIndex((x, j) => x !== b[j]);
    if (firstDiff >= 0 && firstDiff < 3) {
      expect(a[firstDiff], `${ids(suggestions).slice(i - 1, i + 1)}`).toBeLessThan(b[firstDiff] as number);
    }
  }
  expect(suggestions).toHaveLength(catalogIndex.size);
}

describe('recommendPlatforms', () => {
  it('mainland China + OpenAI API + gpt-4o: Chinese OpenAI-compatible platforms first, with the mapped model', () => {
    const input = { blockedService: 'openai', product: 'api', region: 'CN', model: 'gpt-4o', now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    const firstNotServing = s.findIndex(
      (x) => x.availability !== 'serves-region' && x.availability !== 'runs-anywhere',
    );
    expect(s.slice(0, firstNotServing).every((x) => x.openaiCompatible)).toBe(true);
    expect(s.slice(0, 3).every((x) => x.availability === 'serves-region')).toBe(true);
    // Platforms with a current offer lead; then the seeds in their order.
    expect(s[0]?.incentive?.status).toBe('current');
    const order = ids(s);
    expect(order.indexOf('zhipu')).toBeLessThan(order.indexOf('baidu-qianfan'));
    expect(order.indexOf('baidu-qianfan')).toBeLessThan(order.indexOf('alibaba-bailian'));
    expect(order.indexOf('alibaba-bailian')).toBeLessThan(order.indexOf('moonshot'));
    // Kunlun serves no listed region and does not speak the OpenAI API: last.
    expect(order.at(-1)).toBe('kunlun-tiangong');
    const zhipu = s.find((x) => x.platform.id === 'zhipu');
    expect(zhipu?.mappedModel).toBe('glm-5');
    expect(zhipu?.reasons).toEqual(
      expect.arrayContaining([
        { key: 'reasonServesRegion', params: { region: 'CN' } },
        { key: 'reasonOpenAiCompatible' },
        { key: 'reasonStaleIncentive', params: { date: '2024-06' } },
        { key: 'reasonModelMapping', params: { model: 'gpt-4o', target: 'glm-5' } },
        { key: 'reasonSeedPlatform' },
      ]),
    );
  });

  it('Hong Kong + Claude: the platforms with a Hong Kong offering first', () => {
    const input = { blockedService: 'anthropic', product: 'claude-web', region: 'HK', now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(ids(s).slice(0, 2)).toEqual(['alibaba-bailian', 'azure-openai-hk']);
    expect(s[0]?.reasons[0]).toEqual({ key: 'reasonServesRegion', params: { region: 'HK' } });
    // OpenAI compatibility is not a reason when the blocked service was not OpenAI.
    expect(s.flatMap((x) => x.reasons).some((r) => r.key === 'reasonOpenAiCompatible')).toBe(false);
    // Mainland-only platforms are not presented as serving Hong Kong.
    expect(s.find((x) => x.platform.id === 'baidu-qianfan')?.availability).toBe('not-listed');
  });

  it('Russia + Gemini: the Russian platforms first, then what runs anywhere', () => {
    const input = { blockedService: 'google', product: 'gemini-web', region: 'RU', now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(ids(s).slice(0, 5)).toEqual(['yandexgpt', 'gigachat', 'ollama', 'lm-studio', 'vllm']);
    expect(s[5]?.availability).toBe('international-endpoint');
    expect(s[5]?.reasons[0]).toEqual({ key: 'reasonInternationalEndpoint', params: { region: 'RU' } });
  });

  it('Iran + ChatGPT: only self-hosted runtimes are known to work', () => {
    const input = { blockedService: 'openai', product: 'chatgpt', region: 'IR', now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(ids(s).slice(0, 3)).toEqual(['ollama', 'lm-studio', 'vllm']);
    expect(s.some((x) => x.availability === 'serves-region')).toBe(false);
    expect(s[0]?.reasons[0]).toEqual({ key: 'reasonRunsLocally' });
  });

  it('unknown region: says so, and falls back to compatibility, offers and catalog order', () => {
    const input = { blockedService: 'openai', region: null, now: NOW };
    const s = recommendPlatforms(input);
    expectRankedBySpec(s, input);
    expect(s.some((x) => x.availability === 'serves-region' || x.availability === 'not-listed')).toBe(false);
    const cloud = s.find((x) => x.platform.id === 'zhipu');
    expect(cloud?.reasons[0]).toEqual({ key: 'reasonRegionUnknown' });
    const firstIncompatible = s.findIndex((x) => !x.openaiCompatible);
    expect(s.slice(firstIncompatible).every((x) => !x.openaiCompatible)).toBe(true);
  });

  it('prefers platforms with a target for the model in use, among equals', () => {
    const input = { blockedService: 'openai', region: 'CN', model: 'text-embedding-3-small', now: NOW };
    const s = recommendPlatforms(input);
    const stale = s.filter((x) => x.availability === 'serves-region' && x.incentive?.status !== 'current');
    const firstWithout = stale.findIndex((x) => !x.mappedModel);
    expect(firstWithout).toBeGreaterThan(0);
    expect(stale.slice(firstWithout).every((x) => !x.mappedModel)).toBe(true);
  });

  it('ranks a platform with a current offer ahead once its offer is current', () => {
    const before = ids(recommendPlatforms({ blockedService: 'openai', region: 'CN', now: NOW }));
    const then = ids(
      recommendPlatforms({ blockedService: 'openai', region: 'CN', now: new Date('2024-07-20') }),
    );
    // In July 2024 Zhipu's moving plan was current; today it is not.
    expect(then.indexOf('zhipu')).toBeLessThan(before.indexOf('zhipu'));
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
