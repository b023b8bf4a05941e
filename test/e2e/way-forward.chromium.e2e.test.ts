/**
 * The way forward in real Chromium, for the person the catalog is for: a mainland user (browser in
 * Simplified Chinese, time zone Asia/Shanghai) whose call to OpenAI's API was refused. The popup
 * guesses China from the language and time zone, ranks the catalog for CN, shows five suggestions
 * and "show all"; among them are DeepSeek and the three platforms that answered the 2024 block
 * (Zhipu, Baidu Qianfan, Alibaba Bailian), each offer with its date and every suggestion with the
 * date of its model names. Production build, OpenAI's API at its real host name (the stand-in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG } from '../../core/catalog/catalog';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchDetour, type TestPage, waitFor } from './browsers';

const zhName = (id: string) => BUNDLED_CATALOG.platforms.find((p) => p.id === id)?.name['zh-CN'] as string;

interface Card {
  name: string;
  incentive: string | null;
  freshness: string | null;
  baseUrl: string | null;
  unconfirmed: string | null;
  links: string[];
}

describe('the way forward for a mainland user refused by the OpenAI API (Chromium, zh-CN, Asia/Shanghai)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;
  let popup: TestPage;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0 });
    detour = await launchDetour('chromium', { standIn, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await detour.newPage();
    await page.goto('https://platform.openai.com/playground?case=region&via=page');
    const status = await waitFor('the playground to call the API', async () => {
      const text = await page.evaluate(() => document.getElementById('status')?.textContent ?? '', null);
      return text.startsWith('done') || text.startsWith('failed') ? text : undefined;
    });
    expect(status).toBe('done 403');
    const tabId = await detour.tabIdOf('https://platform.openai.com/');
    await waitFor('the block in the log', async () => {
      const log = await detour.send('queryLog', { limit: 10 });
      return log.events.some((e) => e.service === 'openai') ? true : undefined;
    });
    popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
  });

  const cards = (): Promise<Card[]> =>
    popup.evaluate(
      () =>
        [...document.querySelectorAll('li.suggestion')].map((li) => ({
          name: li.querySelector('.suggestion-name')?.textContent ?? '',
          incentive: li.querySelector('.incentive')?.textContent ?? null,
          freshness: li.querySelector('[data-freshness]')?.textContent ?? null,
          baseUrl: li.querySelector('.base-url code')?.textContent ?? null,
          unconfirmed: li.querySelector('.unconfirmed')?.textContent ?? null,
          links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
        })),
      null,
    );

  it('speaks Simplified Chinese, guesses China, and shows five suggestions first', async () => {
    const first = await waitFor('five suggestions', async () => {
      const shown = await cards();
      return shown.length >= 5 ? shown : undefined;
    });
    expect(first).toHaveLength(5);
    const regionLine = await popup.evaluate(
      () => document.querySelector('.suggestions .muted.small')?.textContent ?? '',
      null,
    );
    expect(regionLine).toMatch(/中国.*CN/);
    for (const card of first) expect(card.freshness, card.name).toMatch(/模型名称截至 \d{4}年\d{1,2}月/);
  });

  it('"show all" reveals DeepSeek and the three seed platforms, each offer dated', async () => {
    await popup.evaluate(() => {
      const button = [...document.querySelectorAll<HTMLButtonElement>('.suggestions button')].find((b) =>
        b.textContent?.startsWith('显示全部'),
      );
      button?.click();
      return true;
    }, null);
    const all = await waitFor('every suggestion', async () => {
      const shown = await cards();
      return shown.length > 5 ? shown : undefined;
    });
    const names = all.map((c) => c.name);
    for (const id of ['deepseek', 'zhipu', 'baidu-qianfan', 'alibaba-bailian'])
      expect(names, id).toContain(zhName(id));
    // DeepSeek makes the first five by itself: it serves CN and its model list is current.
    expect(names.slice(0, 5)).toContain(zhName('deepseek'));
    for (const id of ['zhipu', 'baidu-qianfan', 'alibaba-bailian']) {
      const card = all.find((c) => c.name === zhName(id)) as Card;
      // Every offer says when it was announced or last seen (Chinese dates: 2024年6月25日).
      expect(card.incentive, id).toMatch(/\d{4}年\d{1,2}月/);
    }
    // Baidu's only offers are from 2024: shown as possibly ended, with their date.
    expect(all.find((c) => c.name === zhName('baidu-qianfan'))?.incentive).toMatch(/可能已结束/);
    // Volcano Engine's model list carries its page's date, 2025-12-18: over 180 days old, so it is
    // marked as possibly changed.
    expect(all.find((c) => c.name === zhName('volcengine-ark'))?.freshness).toMatch(/可能已有变化/);
  });

  it('shows no API address only third parties give: a plain line with the date checked instead', async () => {
    const all = await cards();
    // Baichuan's and 01.AI's only addresses are named by third parties, no vendor page.
    for (const id of ['baichuan', '01ai']) {
      const card = all.find((c) => c.name === zhName(id));
      if (!card) throw new Error(`${id} not shown`);
      expect(card.baseUrl, id).toBeNull();
      expect(card.unconfirmed, id).toMatch(/^未能在该平台自己的页面上确认它的 API 地址（核对于 \d{4}年/);
    }
    const zeroOne = all.find((c) => c.name === zhName('01ai')) as Card;
    expect(zeroOne.links.filter((href) => href.includes('lingyiwanwu'))).toEqual([]);
    const zhipu = all.find((c) => c.name === zhName('zhipu')) as Card;
    expect(zhipu.baseUrl).toBe('https://open.bigmodel.cn/api/paas/v4/');
    expect(zhipu.unconfirmed).toBeNull();
  });
  it('paints first without the app, in Simplified Chinese, and the app takes over with one page', async () => {
    const tabId = await detour.tabIdOf('https://platform.openai.com/');
    const again = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
    try {
      const seen = await waitFor('the app mounted', () =>
        again.evaluate(() => {
          if (!document.querySelector('[data-interactive]')) return undefined;
          const mark = (name: string) =>
            performance.getEntriesByName(`detour:popup:${name}`).map((entry) => entry.startTime);
          return {
            firstPaint: mark('first-paint'),
            appRender: mark('render'),
            leftOver: document.querySelectorAll('[data-first-paint]').length,
            titles: [...document.querySelectorAll('#tab-title')].map((h) => h.textContent ?? ''),
            lang: document.documentElement.lang,
          };
        }, null),
      );
      // The first paint drew (it marks only once its page is in the document), before the app's
      // first render, and nothing of it is left beside the app's page.
      expect(seen.firstPaint).toHaveLength(1);
      expect(seen.appRender).toHaveLength(1);
      expect(seen.firstPaint[0]).toBeLessThanOrEqual(seen.appRender[0] as number);
      expect(seen.leftOver).toBe(0);
      expect(seen.titles).toHaveLength(1);
      expect(seen.titles[0]).toMatch(/OpenAI/);
      expect(seen.lang).toBe('zh-CN');
    } finally {
      await again.close();
    }
  });
});
