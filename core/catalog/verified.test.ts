/**
 * A value only third parties name (`unverified: true`) never reaches a person as a fact: no
 * snippet or tool config is built on it, no link points to it, no model id or offer is listed from
 * it. Checked on the real catalog (every platform whose address is unconfirmed, not a hand-picked
 * few) and on a copy where one confirmed value is marked unconfirmed, so the rule, not the data,
 * is what passes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG, installCatalog } from './catalog';
import type { Catalog, Platform } from './schema';
import { migrationSnippets } from './switch-snippets';
import { toolConfigs } from './tool-configs';
import {
  checkedOn,
  readableReasons,
  unconfirmedApiHosts,
  verifiedLinks,
  verifiedMappedModel,
  verifiedValue,
} from './verified';
import { snippetsAnswer, suggestionAnswers } from './way-forward-answers';

const NOW = Date.UTC(2026, 11, 5, 12);
const platform = (id: string, catalog: Catalog = BUNDLED_CATALOG) => {
  const found = catalog.platforms.find((p) => p.id === id);
  if (!found) throw new Error(`${id} missing`);
  return found;
};

/** Every string in a value, joined: what a person could read from it. */
const text = (value: unknown) => JSON.stringify(value);

/**
 * Every string value of a platform (ids, URLs) that only unconfirmed facts give, to look for in what
 * is shown. A value a confirmed fact also gives (Qianfan's mapping targets are confirmed, its model
 * list is not) may be shown.
 */
function unconfirmedStrings(p: Platform): string[] {
  const unconfirmed = new Set<string>();
  const confirmed = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const v = o.value;
      for (const s of Array.isArray(v) ? v : [v])
        if (typeof s === 'string') (o.unverified === true ? unconfirmed : confirmed).add(s);
      for (const child of Object.values(o)) walk(child);
    }
  };
  walk(p);
  return [...unconfirmed].filter((s) => !confirmed.has(s));
}

afterEach(() => installCatalog(BUNDLED_CATALOG));

describe('the verified-value helper', () => {
  it('gives a value only when it is not marked unverified', () => {
    const fact = { value: 'x', source: 'https://example.com/', asOf: '2026-12-05' };
    expect(verifiedValue(fact)).toBe('x');
    expect(verifiedValue({ ...fact, unverified: true as const })).toBeUndefined();
    expect(verifiedValue(undefined)).toBeUndefined();
  });

  it('dates the check by the day the page was read, else by the catalog', () => {
    expect(checkedOn({ retrieved: '2026-12-01' })).toBe('2026-12-01');
    expect(checkedOn({}, BUNDLED_CATALOG)).toBe(BUNDLED_CATALOG.asOf);
  });

  it('leaves out unconfirmed links and model ids, and keeps confirmed ones', () => {
    expect(verifiedLinks(platform('01ai'))).toEqual({});
    expect(verifiedLinks(platform('baichuan'))).toEqual({
      console: 'https://platform.baichuan-ai.com/',
      docs: 'https://platform.baichuan-ai.com/docs/api',
    });
    const zhipu = platform('zhipu');
    expect(verifiedLinks(zhipu)).toEqual({
      console: zhipu.urls.console?.value,
      docs: zhipu.urls.docs?.value,
      pricing: zhipu.urls.pricing?.value,
    });
    expect(verifiedMappedModel(platform('sensenova'), 'gpt-4o')).toBeNull();
    expect(verifiedMappedModel(zhipu, 'gpt-4o')).toBe(zhipu.openaiModelMapping?.targets['gpt-4o']?.value);
  });

  it('names the API hosts only third parties give', () => {
    expect([...unconfirmedApiHosts(platform('moonshot'))]).toEqual(['api.moonshot.ai']);
    expect([...unconfirmedApiHosts(platform('zhipu'))]).toEqual([]);
  });
});

describe('snippets and tool configs', () => {
  it('are never built on an unconfirmed API address: one plain reason, with the docs only when confirmed', () => {
    const refused: string[] = [];
    for (const p of BUNDLED_CATALOG.platforms) {
      if (!p.api.openaiCompatible.value) continue;
      const first = p.api.baseUrls.find((b) => !b.legacy);
      if (!first?.unverified || p.api.baseUrls.some((b) => !b.legacy && !b.unverified)) continue;
      refused.push(p.id);
      expect(migrationSnippets({ platformId: p.id, sourceModel: 'gpt-4o' }), p.id).toEqual({
        ok: false,
        platformId: p.id,
        reason: 'unconfirmed.apiAddress',
        checked: '2026-12-05',
        docsUrl: verifiedValue(p.urls.docs) ?? verifiedValue(p.urls.console) ?? null,
      });
      const tools = toolConfigs({ platformId: p.id, region: 'CN' }) ?? [];
      expect(
        tools.filter((t) => t.protocol !== 'anthropic'),
        p.id,
      ).toEqual([]);
    }
    expect(refused.sort()).toEqual(['01ai', 'baichuan']);
    // 01.AI's docs and console are unconfirmed too: no link.
    expect(snippetsAnswer({ platformId: '01ai', sourceModel: 'gpt-4o', region: 'CN' })).toEqual({
      ok: false,
      reasonKey: 'unconfirmed.apiAddress',
      reasonParams: { date: '2026-12-05' },
      docsUrl: null,
    });
  });

  it("refuses the region's endpoint when only it is unconfirmed, and keeps the confirmed one elsewhere", () => {
    // Moonshot: api.moonshot.cn confirmed, the `.ai` host only third parties give.
    expect(snippetsAnswer({ platformId: 'moonshot', sourceModel: 'gpt-4o', region: 'DE' })).toMatchObject({
      ok: false,
      reasonKey: 'unconfirmed.apiAddress',
    });
    const cn = snippetsAnswer({ platformId: 'moonshot', sourceModel: 'gpt-4o', region: 'CN' });
    expect(cn?.ok && cn.snippets[0]?.code).toContain('https://api.moonshot.cn/v1');
    expect(toolConfigs({ platformId: 'moonshot', region: 'DE' })).toEqual([]);
    expect(toolConfigs({ platformId: 'moonshot', region: 'CN' })?.length).toBeGreaterThan(5);
  });

  it('write the <model-id> placeholder, never an unconfirmed model id', () => {
    const sensenova = platform('sensenova');
    const ids = unconfirmedStrings(sensenova).filter((s) => !s.startsWith('http'));
    expect(ids).toContain('sensenova-6.8-flash-lite');
    for (const sourceModel of ['gpt-4o', 'gpt-4o-mini', 'gpt-3.5-turbo']) {
      const answer = snippetsAnswer({ platformId: 'sensenova', sourceModel, region: 'CN' });
      if (!answer?.ok) throw new Error('SenseNova has a confirmed mainland address');
      for (const s of answer.snippets) {
        if (s.language !== 'env') expect(s.code).toContain('<model-id>');
        for (const id of ids) expect(s.code).not.toContain(id);
      }
      expect(answer.notes.map((n) => n.key)).toContain('migrationChooseModel');
    }
    for (const tool of toolConfigs({ platformId: 'sensenova', region: 'CN' }) ?? []) {
      expect(tool.model).toBe('<model-id>');
      for (const id of ids) expect(text(tool)).not.toContain(id);
    }
  });

  it('stop as soon as a confirmed value is marked unconfirmed (a copy of the catalog)', () => {
    const copy = structuredClone(BUNDLED_CATALOG);
    const zhipu = platform('zhipu', copy);
    const before = snippetsAnswer({ platformId: 'zhipu', sourceModel: 'gpt-4o', region: 'CN' });
    expect(before?.ok).toBe(true);
    for (const b of zhipu.api.baseUrls) b.unverified = true;
    const target = zhipu.openaiModelMapping?.targets['gpt-4o'];
    if (target) target.unverified = true;
    installCatalog(copy);
    expect(snippetsAnswer({ platformId: 'zhipu', sourceModel: 'gpt-4o', region: 'CN' })).toMatchObject({
      ok: false,
      reasonKey: 'unconfirmed.apiAddress',
    });
    const tools = toolConfigs({ platformId: 'zhipu', region: 'CN' }) ?? [];
    expect(tools.map((t) => t.protocol)).not.toContain('openai-chat');
    // Claude Code's address comes from tools.json, which is confirmed; its model is the placeholder now.
    for (const t of tools) expect(t.model).toBe('<model-id>');
  });
});

describe('the suggestion answer', () => {
  const all = (model?: string, region = 'CN') =>
    suggestionAnswers({ service: 'openai', region, model, limit: 50 }, NOW).suggestions;

  it('shows no unconfirmed address, link, model id or offer, for every platform', () => {
    for (const region of ['CN', 'HK', 'RU', 'IR', 'DE']) {
      for (const s of all('gpt-4o', region)) {
        const p = platform(s.platformId);
        const shown = text({ ...s, reasons: s.reasons, name: undefined });
        for (const value of unconfirmedStrings(p)) {
          // Region codes and names stand for themselves; "serves" is reworded below.
          if (/^[A-Z]{2}$|^international$/.test(value) || value === p.company.value) continue;
          expect(shown, `${region} ${p.id} shows ${value}`).not.toContain(value);
        }
      }
    }
  });

  it('says in place of an unconfirmed address when it was checked', () => {
    const baichuan = all().find((s) => s.platformId === 'baichuan');
    expect(baichuan?.baseUrl).toBeNull();
    expect(baichuan?.apiAddressUnconfirmed).toEqual({ checked: '2026-12-05' });
    expect(baichuan?.freshness.baseUrlAsOf).toBeNull();
    expect(baichuan?.links).toEqual({
      console: 'https://platform.baichuan-ai.com/',
      docs: 'https://platform.baichuan-ai.com/docs/api',
    });
    expect(all().find((s) => s.platformId === '01ai')?.links).toEqual({});
  });

  it('does not show an offer only third parties report, nor the reason built on it', () => {
    const siliconflow = all().find((s) => s.platformId === 'siliconflow');
    expect(platform('siliconflow').incentives.every((i) => i.unverified)).toBe(true);
    expect(siliconflow?.incentive).toBeNull();
    const keys = siliconflow?.reasons.map((r) => r.key) ?? [];
    for (const key of ['reasonCurrentIncentive', 'reasonStaleIncentive', 'ranking.reasonOfferNoAmount'])
      expect(keys).not.toContain(key);
  });

  it('drops a model reason on an unconfirmed id, and keeps the ranking\'s "not confirmed" reasons', () => {
    const stepfun = all().find((s) => s.platformId === 'stepfun');
    expect(stepfun?.reasons[0]).toEqual({
      key: 'ranking.reasonRegionNotConfirmed',
      params: { region: 'CN' },
    });
    const sensenova = all('gpt-4o').find((s) => s.platformId === 'sensenova');
    expect(sensenova?.modelMapping).toBeNull();
    expect(sensenova?.reasons.map((r) => r.key)).not.toContain('reasonModelMapping');
    const reasons = [
      { key: 'reasonModelMapping' },
      { key: 'reasonStaleIncentive' },
      { key: 'reasonSeedPlatform' },
    ];
    expect(readableReasons(platform('sensenova'), reasons, { model: 'gpt-4o' }).map((r) => r.key)).toEqual([
      'reasonStaleIncentive',
      'reasonSeedPlatform',
    ]);
    const zhipu = readableReasons(platform('zhipu'), reasons, {
      model: 'gpt-4o',
      incentive: { unverified: true },
    });
    expect(zhipu.map((r) => r.key)).toEqual(['reasonModelMapping', 'reasonSeedPlatform']);
  });

  it('leaves platforms whose facts are confirmed as they were', () => {
    const zhipu = all('gpt-4o').find((s) => s.platformId === 'zhipu');
    const p = platform('zhipu');
    expect(zhipu?.baseUrl).toBe('https://open.bigmodel.cn/api/paas/v4/');
    expect(zhipu?.apiAddressUnconfirmed).toBeNull();
    expect(zhipu?.modelMapping?.to).toBe(p.openaiModelMapping?.targets['gpt-4o']?.value);
    expect(zhipu?.links.pricing).toBe(p.urls.pricing?.value);
    expect(zhipu?.incentive).not.toBeNull();
    expect(zhipu?.reasons[0]?.key).toBe('reasonServesRegion');
    const deepseek = snippetsAnswer({ platformId: 'deepseek', sourceModel: 'gpt-4o', region: 'CN' });
    expect(deepseek?.ok && deepseek.snippets[0]?.code).toContain('deepseek-v4-pro');
  });
});
