/**
 * The popup's way-forward messages through the real router and the real catalog and
 * region lists (core/catalog/way-forward-answers): sender checks, input validation, the limit,
 * refusals, and answers that carry only what the popup shows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CATALOG } from '../catalog/catalog';
import { recommendPlatforms } from '../catalog/recommend';
import { OPENAI_SOURCE_MODELS } from '../catalog/schema';
import {
  exitJudgement,
  snippetsAnswer,
  suggestionAnswers,
  toolConfigsAnswer,
} from '../catalog/way-forward-answers';
import { MAX_SUGGESTIONS } from '../messaging/protocol';
import { guessRegion } from '../regions/guess-region';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import { createBackground } from './create-background';
import type { WayForward } from './router';

const EXT_ID = 'test-extension-id';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}/`;
const POPUP = { id: EXT_ID, url: `${EXT_ORIGIN}popup.html` };
const PAGE = {
  id: EXT_ID,
  url: 'https://chatgpt.com/',
  frameId: 0,
  tab: { id: 4, url: 'https://chatgpt.com/' },
};
const NOW = Date.UTC(2026, 10, 25, 9);

const WAY_FORWARD: WayForward = {
  suggestions: suggestionAnswers,
  snippets: snippetsAnswer,
  toolConfigs: toolConfigsAnswer,
  judgeExitCountry: exitJudgement,
  guessRegion,
};

function handlersWith(wayForward: WayForward | null) {
  return createBackground({
    local: browserArea('local'),
    session: browserArea('session'),
    settings: async () => DEFAULT_SETTINGS,
    badge: { show: async () => {} },
    notify: { blocked: async () => {} },
    hostPorts: {
      hasPermission: async () => false,
      register: async () => {},
      unregister: async () => {},
      registeredIds: async () => [],
      files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
    },
    extension: { id: EXT_ID, origin: EXT_ORIGIN },
    wayForward,
    now: () => NOW,
  }).router;
}

let handlers: ReturnType<typeof handlersWith>;
beforeEach(() => {
  fakeBrowser.reset();
  handlers = handlersWith(WAY_FORWARD);
});

describe('getSuggestions', () => {
  it('answers the top 3 by default, in the recommender order, with only what the popup shows', async () => {
    const answer = await handlers.getSuggestions(
      { service: 'openai', product: 'chatgpt', region: 'CN' },
      POPUP,
    );
    const ranked = recommendPlatforms({
      blockedService: 'openai',
      product: 'chatgpt',
      region: 'CN',
      now: NOW,
    });
    expect(answer.suggestions.map((s) => s.platformId)).toEqual(ranked.slice(0, 3).map((s) => s.platform.id));
    expect(answer.sourceModels).toEqual([...OPENAI_SOURCE_MODELS]);
    for (const s of answer.suggestions) {
      expect(Object.keys(s).sort()).toEqual(
        [
          'apiAddressUnconfirmed',
          'baseUrl',
          'freshness',
          'incentive',
          'keyWarnings',
          'links',
          'modelMapping',
          'name',
          'openaiCompatible',
          'platformId',
          'reasons',
        ].sort(),
      );
      const platform = CATALOG.platforms.find((p) => p.id === s.platformId);
      expect(s.name).toEqual(platform?.name);
      expect(s.name.en && s.name['zh-CN'] && s.name['zh-TW']).toBeTruthy();
      expect(s.reasons.length).toBeGreaterThan(0);
      for (const r of s.reasons) expect(r.key).toMatch(/^[A-Za-z0-9_.]+$/);
      for (const url of Object.values(s.links)) expect(url).toMatch(/^https:\/\//);
      // The region's own endpoint where the platform has one (CN → mainland).
      const mainland = platform?.api.baseUrls.find((b) => b.region === 'cn-mainland' && !b.legacy);
      if (mainland) expect(s.baseUrl).toBe(mainland.value);
    }
    // The whole catalog is ~100 KB; an answer is a few KB at most.
    expect(JSON.stringify(answer).length).toBeLessThan(8_000);
  });

  it('says which base URL shown no vendor page confirmed', async () => {
    const answer = await handlers.getSuggestions(
      { service: 'openai', product: 'api', region: 'CN', limit: MAX_SUGGESTIONS },
      POPUP,
    );
    const byId = (id: string) => answer.suggestions.find((s) => s.platformId === id);
    // 01.AI's only endpoint is named by third parties; Zhipu's mainland one by Zhipu.
    expect(byId('01ai')?.freshness.baseUrlUnverified).toBe(true);
    expect(byId('01ai')?.reasons).toContainEqual({
      key: 'ranking.reasonEndpointNotConfirmed',
      params: { region: 'CN' },
    });
    expect(byId('zhipu')?.freshness.baseUrlUnverified).toBe(false);
  });

  it('honours the limit up to the maximum, and maps the model in use editorially', async () => {
    const answer = await handlers.getSuggestions(
      { service: 'openai', region: 'HK', model: 'gpt-4o', limit: MAX_SUGGESTIONS },
      POPUP,
    );
    // The maximum covers the whole catalog: "show all" in the popup asks for it.
    expect(answer.total).toBe(CATALOG.platforms.length);
    expect(MAX_SUGGESTIONS).toBeGreaterThanOrEqual(answer.total);
    expect(answer.suggestions.length).toBe(answer.total);
    const mapped = answer.suggestions.filter((s) => s.modelMapping);
    expect(mapped.length).toBeGreaterThan(0);
    for (const s of mapped) expect(s.modelMapping).toMatchObject({ from: 'gpt-4o', editorial: true });
    const one = await handlers.getSuggestions({ service: 'openai', region: null, limit: 1 }, POPUP);
    expect(one.suggestions.length).toBe(1);
  });

  it.each([
    ['a limit of 0', { service: 'openai', region: 'CN', limit: 0 }],
    ['a limit over the maximum', { service: 'openai', region: 'CN', limit: MAX_SUGGESTIONS + 1 }],
    ['a fractional limit', { service: 'openai', region: 'CN', limit: 2.5 }],
    ['a lower-case region', { service: 'openai', region: 'cn' }],
    ['a region that is no code', { service: 'openai', region: 'China' }],
    ['no region at all', { service: 'openai' }],
    ['a service that is no slug', { service: 'OpenAI!', region: 'CN' }],
    ['a model with spaces', { service: 'openai', region: 'CN', model: 'gpt 4o; rm -rf' }],
    ['a prototype key', JSON.parse('{"service":"openai","region":"CN","__proto__":{"x":1}}')],
    ['no object', 'openai'],
  ])('refuses %s with a clear reason', async (_name, input) => {
    await expect(handlers.getSuggestions(input, POPUP)).rejects.toThrow(/^refused: invalidInput/);
  });

  it('answers extension pages only', async () => {
    await expect(handlers.getSuggestions({ service: 'openai', region: 'CN' }, PAGE)).rejects.toThrow(
      /refused/,
    );
    await expect(handlers.getSuggestions({ service: 'openai', region: 'CN' }, undefined)).rejects.toThrow(
      /refused/,
    );
  });
});

describe('getMigrationSnippets', () => {
  it('gives the four snippets for the region endpoint, with notes as message keys', async () => {
    const answer = await handlers.getMigrationSnippets(
      { platformId: 'zhipu', sourceModel: 'gpt-4o', region: 'CN' },
      POPUP,
    );
    if (!answer.ok) throw new Error(`expected code, got ${answer.reasonKey}`);
    expect(answer.snippets.map((s) => s.language)).toEqual(['python', 'node', 'curl', 'env']);
    const mainland = CATALOG.platforms
      .find((p) => p.id === 'zhipu')
      ?.api.baseUrls.find((b) => b.region === 'cn-mainland')?.value as string;
    for (const s of answer.snippets) expect(s.code).toContain(mainland);
    expect(answer.notes.map((n) => n.key)).toContain('migrationVerifyModels');
  });

  it('says why there is no code where OpenAI compatibility could not be confirmed, with the day checked', async () => {
    const answer = await handlers.getMigrationSnippets(
      { platformId: 'kunlun-tiangong', sourceModel: 'gpt-4o' },
      POPUP,
    );
    expect(answer).toEqual({
      ok: false,
      reasonKey: 'unconfirmed.openaiCompatible',
      reasonParams: { date: '2026-12-05' },
      docsUrl: null,
    });
  });

  it('refuses a platform the catalog does not have, naming it', async () => {
    await expect(
      handlers.getMigrationSnippets({ platformId: 'no-such-platform', sourceModel: 'gpt-4o' }, POPUP),
    ).rejects.toThrow('refused: unknownPlatform: no-such-platform');
  });

  it('refuses malformed input and other senders', async () => {
    await expect(
      handlers.getMigrationSnippets({ platformId: '../zhipu', sourceModel: 'gpt-4o' }, POPUP),
    ).rejects.toThrow(/^refused: invalidInput/);
    await expect(
      handlers.getMigrationSnippets({ platformId: 'zhipu', sourceModel: 'x'.repeat(101) }, POPUP),
    ).rejects.toThrow(/^refused: invalidInput/);
    await expect(
      handlers.getMigrationSnippets({ platformId: 'zhipu', sourceModel: 'gpt-4o' }, PAGE),
    ).rejects.toThrow(/refused/);
  });
});

describe('getToolConfigs', () => {
  it('after an Anthropic refusal ranks platforms Claude Code can use first within their availability tier', async () => {
    const claude = await handlers.getSuggestions({ service: 'anthropic', region: 'CN', limit: 3 }, POPUP);
    expect(
      claude.suggestions
        .map((s) => s.platformId)
        .slice(0, 2)
        .sort(),
      // DeepSeek serves CN (its own pricing page) and documents an Anthropic endpoint.
    ).toEqual(['deepseek', 'zhipu']);
    for (const s of claude.suggestions.slice(0, 2)) {
      expect(s.reasons[0]?.key).toBe('reasonServesRegion');
      expect(s.reasons[1]?.key).toBe('tools.reasonClaudeCode');
    }
    // An OpenAI refusal keeps the recommender's order, with no Claude Code reason.
    const openai = await handlers.getSuggestions({ service: 'openai', region: 'CN', limit: 10 }, POPUP);
    const ranked = recommendPlatforms({ blockedService: 'openai', region: 'CN', now: NOW }).slice(0, 10);
    expect(openai.suggestions.map((s) => s.platformId)).toEqual(ranked.map((s) => s.platform.id));
    expect(openai.suggestions.flatMap((s) => s.reasons.map((r) => r.key))).not.toContain(
      'tools.reasonClaudeCode',
    );
  });

  it('sets Claude Code up on a platform that serves CN after an Anthropic refusal, first', async () => {
    const answer = await handlers.getToolConfigs(
      { platformId: 'zhipu', region: 'CN', service: 'anthropic', lastTool: null },
      POPUP,
    );
    const [first] = answer.tools;
    expect(first?.toolId).toBe('claude-code');
    expect(first?.baseUrl).toBe('https://open.bigmodel.cn/api/anthropic');
    expect(first?.configs[0]?.code).toContain(
      "export ANTHROPIC_BASE_URL='https://open.bigmodel.cn/api/anthropic'",
    );
    // Only what the popup shows: no platform id, sources or templates ride along.
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        'baseUrl',
        'configs',
        'docsUrl',
        'modelField',
        'model',
        'name',
        'pitfalls',
        'protocol',
        'toolId',
        'where',
      ].sort(),
    );
  });

  it('puts the OpenAI-compatible tools first after an OpenAI refusal, and the last chosen tool before them', async () => {
    const openai = await handlers.getToolConfigs(
      { platformId: 'deepseek', region: 'CN', service: 'openai' },
      POPUP,
    );
    expect(openai.tools[0]?.protocol).toBe('openai-chat');
    const chosen = await handlers.getToolConfigs(
      { platformId: 'deepseek', region: 'CN', service: 'openai', lastTool: 'continue' },
      POPUP,
    );
    expect(chosen.tools[0]?.toolId).toBe('continue');
  });

  it('refuses an unknown platform, malformed input and other senders', async () => {
    await expect(handlers.getToolConfigs({ platformId: 'no-such-platform' }, POPUP)).rejects.toThrow(
      'refused: unknownPlatform: no-such-platform',
    );
    await expect(
      handlers.getToolConfigs({ platformId: 'zhipu', lastTool: 'Bad Tool' }, POPUP),
    ).rejects.toThrow(/^refused: invalidInput/);
    await expect(handlers.getToolConfigs({ platformId: 'zhipu' }, PAGE)).rejects.toThrow(/refused/);
    await expect(handlersWith(null).getToolConfigs({ platformId: 'zhipu' }, POPUP)).rejects.toThrow(
      'refused: unavailable',
    );
  });
});

describe('judgeExitCountry and guessRegion', () => {
  it('judges an exit country against the product list, with its source and date', async () => {
    const cn = await handlers.judgeExitCountry(
      { service: 'openai', product: 'chatgpt', country: 'CN' },
      POPUP,
    );
    expect(cn).toMatchObject({ country: 'CN', decision: 'not-served', partial: false });
    expect(cn?.list?.source).toMatch(/^https:\/\/.*openai\.com\//);
    expect(cn?.list?.asOf).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    const jp = await handlers.judgeExitCountry(
      { service: 'openai', product: 'chatgpt', country: 'jp' },
      POPUP,
    );
    expect(jp).toMatchObject({ country: 'JP', decision: 'served' });
    expect(await handlers.judgeExitCountry({ service: 'openai', country: null }, POPUP)).toBeNull();
    expect(await handlers.judgeExitCountry({ service: 'openai', country: '??' }, POPUP)).toBeNull();
    await expect(
      handlers.judgeExitCountry({ service: 'openai', country: 'C'.repeat(9) }, POPUP),
    ).rejects.toThrow(/^refused: invalidInput/);
  });

  it("with the region unknown, suggests as for the refusing service's not-served set, less the regions ruled out", async () => {
    const chooser = ['CN', 'HK', 'MO', 'RU', 'IR'];
    const named = (answer: Awaited<ReturnType<typeof handlers.getSuggestions>>) =>
      answer.suggestions.flatMap((s) =>
        s.reasons
          .filter((r) => r.key === 'reasonServesRegion')
          .flatMap((r) => String(r.params?.region ?? '').split(', ')),
      );
    const query = { service: 'openai', product: 'api', region: null, limit: MAX_SUGGESTIONS };
    const unknown = await handlers.getSuggestions(query, POPUP);
    expect(named(unknown).some((code) => chooser.includes(code))).toBe(true);
    const elsewhere = await handlers.getSuggestions({ ...query, notIn: chooser }, POPUP);
    expect(elsewhere.suggestions.length).toBeGreaterThan(0);
    expect(named(elsewhere).filter((code) => chooser.includes(code))).toEqual([]);
    await expect(handlers.getSuggestions({ ...query, notIn: ['cn'] }, POPUP)).rejects.toThrow(
      /^refused: invalidInput/,
    );
  });

  it('does not ask again about regions the user ruled out', async () => {
    const refused = { uiLanguage: 'en', timeZone: 'UTC', refusedBy: { service: 'openai', product: 'api' } };
    expect((await handlers.guessRegion(refused, POPUP)).ask?.candidates).toEqual([
      'CN',
      'HK',
      'MO',
      'RU',
      'IR',
    ]);
    expect(await handlers.guessRegion({ ...refused, notIn: ['CN', 'HK', 'IR', 'MO', 'RU'] }, POPUP)).toEqual({
      region: null,
    });
  });

  it('guesses the region from the time zone, then the language', async () => {
    expect(await handlers.guessRegion({ uiLanguage: 'en-US', timeZone: 'Asia/Shanghai' }, POPUP)).toEqual({
      region: 'CN',
    });
    expect(await handlers.guessRegion({ uiLanguage: 'ru-RU', timeZone: 'Nowhere/Unknown' }, POPUP)).toEqual({
      region: 'RU',
    });
    await expect(handlers.guessRegion({ uiLanguage: 'en', timeZone: 'x'.repeat(81) }, POPUP)).rejects.toThrow(
      /^refused: invalidInput/,
    );
  });
});

describe('without the catalog wired in', () => {
  it('refuses every way-forward request as unavailable (after validating it)', async () => {
    const bare = handlersWith(null);
    await expect(bare.getSuggestions({ service: 'openai', region: 'CN' }, POPUP)).rejects.toThrow(
      'refused: unavailable',
    );
    await expect(
      bare.getMigrationSnippets({ platformId: 'zhipu', sourceModel: 'gpt-4o' }, POPUP),
    ).rejects.toThrow('refused: unavailable');
    await expect(bare.judgeExitCountry({ service: 'openai', country: 'CN' }, POPUP)).rejects.toThrow(
      'refused: unavailable',
    );
    await expect(bare.guessRegion({ uiLanguage: 'en', timeZone: 'UTC' }, POPUP)).rejects.toThrow(
      'refused: unavailable',
    );
    await expect(bare.getSuggestions({ service: 'openai', region: 'cn' }, POPUP)).rejects.toThrow(
      /^refused: invalidInput/,
    );
  });
});
