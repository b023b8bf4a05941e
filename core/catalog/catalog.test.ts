import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  findPlatform,
  listedModels,
  mappedModel,
  orderedPlatforms,
  sourceModelFamily,
} from './catalog';
import bundled from './platforms.json';
import { Catalog, fact, PartialDate } from './schema';

/** Every object below `node` that looks like a sourced fact, with its JSON path. */
function facts(node: unknown, path = '$'): Array<{ path: string; fact: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => facts(n, `${path}[${i}]`));
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    const own = 'value' in obj ? [{ path, fact: obj }] : [];
    return [...own, ...Object.entries(obj).flatMap(([k, n]) => facts(n, `${path}.${k}`))];
  }
  return [];
}

function strings(node: unknown, path = '$'): Array<{ path: string; value: string }> {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((n, i) => strings(n, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, n]) => strings(n, `${path}.${k}`));
  return [];
}

describe('bundled catalog', () => {
  it('passes the schema', () => {
    const result = v.safeParse(Catalog, bundled);
    expect(result.issues?.map((i) => `${v.getDotPath(i)}: ${i.message}`) ?? []).toEqual([]);
    expect(CATALOG.version).toBeGreaterThanOrEqual(1);
    expect(CATALOG.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('uses https for every URL, except the local runtimes on localhost', () => {
    const urls = strings(bundled).filter((s) => /^https?:/i.test(s.value));
    expect(urls.length).toBeGreaterThan(100);
    const plain = urls.filter((u) => !u.value.startsWith('https://'));
    for (const u of plain) {
      expect(u.value, u.path).toMatch(/^http:\/\/localhost:\d+(\/|$)/);
      expect(u.path, u.value).toMatch(/\.api\.(baseUrls|anthropicBaseUrls)\[\d+\]\.value$/);
    }
    const localIds = CATALOG.platforms
      .filter((p) => p.api.baseUrls.some((b) => b.value.startsWith('http://')))
      .map((p) => p.id);
    expect(localIds.sort()).toEqual(['lm-studio', 'ollama', 'vllm']);
  });

  it('gives every fact a source and a date, and holds no nulls except open dates of offers', () => {
    const all = facts(bundled);
    expect(all.length).toBeGreaterThan(200);
    for (const { path, fact } of all) {
      expect(fact.source, path).toMatch(/^https:\/\//);
      expect(v.is(PartialDate, fact.asOf), `${path}.asOf = ${fact.asOf}`).toBe(true);
    }
    for (const p of CATALOG.platforms) {
      for (const inc of p.incentives) {
        expect(inc.source, inc.id).toMatch(/^https:\/\//);
        expect(v.is(PartialDate, inc.asOf), inc.id).toBe(true);
      }
    }
    const nulls: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null) nulls.push(path);
      else if (typeof node === 'object')
        for (const [k, n] of Object.entries(node as object)) walk(n, `${path}.${k}`);
    };
    walk(bundled, '$');
    expect(nulls.filter((p) => !/\.incentives\.\d+\.(announced|expires)$/.test(p))).toEqual([]);
  });

  it('keeps the date a page gives apart from the day it was read', () => {
    const all = [
      ...facts(bundled),
      ...CATALOG.platforms.flatMap((p) =>
        p.incentives.map((i) => ({ path: i.id, fact: i as unknown as Record<string, unknown> })),
      ),
    ];
    const published = all.filter(({ fact }) => fact.published !== undefined);
    const retrieved = all.filter(({ fact }) => fact.retrieved !== undefined);
    // The facts re-checked against the vendors' pages on 2026-12-05 carry both dates apart.
    expect(published.length).toBeGreaterThan(3);
    expect(retrieved.length).toBeGreaterThan(20);
    for (const { path, fact } of published) {
      expect(fact.asOfBasis, path).toBe('published');
      expect(fact.asOf, path).toBe(fact.published);
      expect(String(fact.retrieved) >= String(fact.published), path).toBe(true);
    }
    for (const { path, fact } of retrieved) {
      if (fact.asOfBasis === 'retrieved') expect(fact.asOf, path).toBe(fact.retrieved);
    }
  });

  it('accepts version-1 facts without the new dates, and rejects a malformed one', () => {
    const base = { value: 'x', source: 'https://example.com/', asOf: '2026-11-24' };
    const schema = fact(v.string());
    expect(v.is(schema, base)).toBe(true);
    expect(v.is(schema, { ...base, asOfBasis: 'page-date' })).toBe(true);
    expect(
      v.is(schema, { ...base, published: '2026-02', retrieved: '2026-12-05', asOfBasis: 'published' }),
    ).toBe(true);
    expect(v.is(schema, { ...base, retrieved: '2026-12' })).toBe(false); // the day read is a full date
    expect(v.is(schema, { ...base, published: 'Feb 2026' })).toBe(false);
    expect(v.is(schema, { ...base, unverified: false })).toBe(false); // only `true` or absent
    expect(v.is(schema, { ...base, asOfBasis: 'guessed' })).toBe(false);
  });

  it('names the Anthropic protocol only with a source, and only for OpenAI-style platforms with an endpoint', () => {
    const anthropic = CATALOG.platforms.filter((p) => p.api.anthropicCompatible?.value);
    expect(anthropic.map((p) => p.id).sort()).toEqual([
      'alibaba-bailian',
      'deepseek',
      'lm-studio',
      'minimax',
      'ollama',
      'tencent-hunyuan',
      'zhipu',
    ]);
    for (const p of anthropic) expect(p.api.anthropicCompatible?.source, p.id).toMatch(/^https:\/\//);
  });

  it('counts as offers only amounts: no offer states a non-amount as its amount', () => {
    for (const p of CATALOG.platforms)
      for (const i of p.incentives) if (i.amount) expect(i.amount, i.id).toMatch(/\d/);
  });

  it('maps OpenAI models only to models the platform lists', () => {
    let checked = 0;
    for (const p of CATALOG.platforms) {
      const listed = listedModels(p);
      for (const [source, target] of Object.entries(p.openaiModelMapping?.targets ?? {})) {
        expect(listed.has(target.value), `${p.id}: ${source} → ${target.value}`).toBe(true);
        checked++;
      }
      if (p.openaiModelMapping) {
        expect(p.openaiModelMapping.editorial).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('has the three seed platforms, first', () => {
    const seeds = CATALOG.platforms.filter((p) => p.seed).map((p) => p.id);
    expect(seeds.sort()).toEqual(['alibaba-bailian', 'baidu-qianfan', 'zhipu']);
    expect(
      orderedPlatforms()
        .slice(0, 3)
        .map((p) => p.id),
    ).toEqual(['zhipu', 'baidu-qianfan', 'alibaba-bailian']);
  });

  it('covers the platforms Detour promises to suggest', () => {
    const wanted = [
      'zhipu',
      'baidu-qianfan',
      'alibaba-bailian',
      'deepseek',
      'moonshot',
      'minimax',
      'baichuan',
      '01ai',
      'sensenova',
      'tencent-hunyuan',
      'iflytek-spark',
      'volcengine-ark',
      'stepfun',
      'siliconflow',
      'kunlun-tiangong',
      'azure-openai-hk',
      'yandexgpt',
      'gigachat',
      'ollama',
      'lm-studio',
      'vllm',
    ];
    expect(wanted.filter((id) => !findPlatform(id))).toEqual([]);
    // Alibaba's Hong Kong and international endpoints are both there.
    const regions = findPlatform('alibaba-bailian')?.api.baseUrls.map((b) => b.region);
    expect(regions).toEqual(expect.arrayContaining(['hong-kong', 'international']));
  });

  it('writes zh-TW names in Traditional characters and marks them as our translation', () => {
    const simplifiedOnly =
      /[云开万讯腾汤软务阶跃动义问炼谱认关门们这说时会发现经实应对从东乐书买产亿众优传体运营务]/;
    for (const p of CATALOG.platforms) {
      expect(p.name['zh-TW'], p.id).not.toMatch(simplifiedOnly);
      expect(p.name.translatedByUs).toContain('zh-TW');
      for (const inc of p.incentives) expect(inc.summary['zh-TW'], inc.id).not.toMatch(simplifiedOnly);
    }
  });

  it('rejects a catalog with an http URL, a fact without a source, or a duplicate id', () => {
    const copy = () => structuredClone(bundled) as typeof bundled;
    const http = copy();
    (http.platforms[0] as { urls: { docs: { value: string } } }).urls.docs.value = 'http://docs.bigmodel.cn/';
    expect(v.safeParse(Catalog, http).success).toBe(false);

    const sourceless = copy();
    delete (sourceless.platforms[0] as { company: { source?: string } }).company.source;
    expect(v.safeParse(Catalog, sourceless).success).toBe(false);

    const dup = copy();
    dup.platforms.push(dup.platforms[0] as (typeof dup.platforms)[number]);
    expect(v.safeParse(Catalog, dup).success).toBe(false);

    const remoteHttp = copy();
    const base = remoteHttp.platforms[0]?.api.baseUrls[0] as { value: string };
    base.value = 'http://localhost:8080/v1';
    expect(v.safeParse(Catalog, remoteHttp).success).toBe(false); // http only for region "local"
  });
});

describe('source model families', () => {
  it.each([
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['chatgpt-4o-latest', 'gpt-4o'],
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    ['text-embedding-ada-002', 'text-embedding-3-small'],
    ['gpt-4o-minix', null],
    ['o1', null],
    ['claude-3-5-sonnet', null],
  ])('%s → %s', (model, family) => {
    expect(sourceModelFamily(model)).toBe(family);
  });

  it('maps through the platform mapping', () => {
    const zhipu = findPlatform('zhipu');
    expect(zhipu && mappedModel(zhipu, 'gpt-4o-2024-08-06')).toBe('glm-5.3');
    expect(zhipu && mappedModel(zhipu, 'o1')).toBeNull();
  });
});
