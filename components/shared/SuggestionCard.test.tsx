// @vitest-environment happy-dom
/**
 * What a person reads on a suggestion card never presents a value only third parties name as a
 * fact: an unconfirmed API address gives one plain line in place of the address, the code and the
 * tool setups; an unconfirmed model id, link or offer is not shown. Rendered from the real catalog
 * through the options page's catalog view, in all three languages; confirmed platforms keep their
 * address, code and links.
 */
import { cleanup, fireEvent, render, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findPlatform } from '../../core/catalog/catalog';
import { createCatalogView } from '../catalog-live';
import { createExtensionClient } from '../extension-client';
import { type LocaleName, useLocale } from '../testing/locale-messages';
import { ClientContext } from './client-context';
import { SuggestionCard } from './SuggestionCard';

const NOW = Date.UTC(2026, 11, 5, 12);

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
});
afterEach(cleanup);

/** The card of one platform as the options page would draw it for a mainland user on gpt-4o. */
function renderCard(platformId: string, region = 'CN') {
  const catalog = createCatalogView(() => NOW);
  const suggestion = catalog
    .suggestions({ service: 'openai', region, model: 'gpt-4o', limit: 50 })
    .find((s) => s.platformId === platformId);
  if (!suggestion) throw new Error(`${platformId} not suggested`);
  const { container } = render(
    <ClientContext.Provider value={createExtensionClient()}>
      <ol>
        <SuggestionCard
          suggestion={suggestion}
          rank={1}
          snippetsFor={(id, sourceModel) => catalog.snippets({ platformId: id, sourceModel, region })}
          sourceModels={catalog.sourceModels()}
          toolsFor={(id) => catalog.tools({ platformId: id, region, service: 'openai' })}
        />
      </ol>
    </ClientContext.Provider>,
  );
  return container.querySelector('li') as HTMLElement;
}

/** Opens the code and "Use it in…" so everything the card can show is on screen. */
function openEverything(card: HTMLElement, useIn = 'Use it in…', showCode = 'Show migration code') {
  fireEvent.click(within(card).getByRole('button', { name: useIn }));
  fireEvent.click(within(card).getByRole('button', { name: showCode }));
}

const hrefs = (card: HTMLElement) => [...card.querySelectorAll('a')].map((a) => a.getAttribute('href'));
const LINE = /^Its API address could not be confirmed on the platform's own pages \(checked .*2026\)/;

describe('a platform whose API address only third parties give (Baichuan)', () => {
  it('shows no address, code or tool setup: one plain line instead, with its confirmed docs link', () => {
    const card = renderCard('baichuan');
    expect(within(card).getAllByText(LINE)).toHaveLength(1);
    openEverything(card);
    // In place of the address, of the code and of the tool setups: the same plain sentence.
    expect(within(card).getAllByText(LINE)).toHaveLength(3);
    expect(card.querySelector('code')).toBeNull();
    expect(within(card).queryByRole('tablist')).toBeNull();
    expect(within(card).queryByRole('button', { name: /^Copy/ })).toBeNull();
    expect(card.textContent).not.toContain('api.baichuan-ai.com');
    for (const id of ['Baichuan4', 'Baichuan4-Air', 'Baichuan3-Turbo'])
      expect(card.textContent).not.toContain(id);
    // Its docs were confirmed on Baichuan's own site; its pricing page was not.
    expect(hrefs(card)).toContain('https://platform.baichuan-ai.com/docs/api');
    expect(hrefs(card)).not.toContain('https://platform.baichuan-ai.com/price');
    expect(within(card).queryByRole('link', { name: /^Pricing/ })).toBeNull();
  });
});

describe('a platform whose links are all unconfirmed too (01.AI)', () => {
  it('links nowhere and names no model', () => {
    const card = renderCard('01ai');
    openEverything(card);
    expect(within(card).getAllByText(LINE).length).toBeGreaterThan(0);
    expect(hrefs(card).filter((h) => h?.includes('lingyiwanwu'))).toEqual([]);
    expect(card.textContent).not.toMatch(/yi-lightning|yi-medium|yi-large|lingyiwanwu/);
  });
});

describe('a platform with a confirmed address but an unconfirmed model id (SenseNova)', () => {
  it('gives code with the <model-id> placeholder and never prints the unconfirmed id', () => {
    const card = renderCard('sensenova');
    openEverything(card);
    expect(card.textContent).not.toMatch(/sensenova-6\.8-flash-lite|SenseChat/);
    const code = within(card).getByRole('tabpanel', { name: 'Python' });
    expect(code.textContent).toContain('https://token.sensenova.cn/v1');
    expect(code.textContent).toContain('model="<model-id>"');
    expect(within(card).getByText(/No suggested model for gpt-4o/)).toBeTruthy();
    // Its docs and pricing pages were not confirmed: neither is linked; its console was.
    expect(hrefs(card)).not.toContain('https://platform.sensenova.cn/docs');
    expect(hrefs(card)).not.toContain('https://platform.sensenova.cn/pricing');
    expect(hrefs(card)).toContain('https://platform.sensenova.cn/console');
  });
});

describe('an offer only third parties report (SiliconFlow)', () => {
  it('is not shown as an offer', () => {
    const card = renderCard('siliconflow');
    expect(card.textContent).not.toMatch(/14 CNY|Current offer|Offer without an amount/);
    expect(card.querySelector('.incentive')).toBeNull();
  });
});

describe('a platform whose facts are confirmed (Zhipu)', () => {
  it('keeps its address, code, model suggestion, tools and links', () => {
    const card = renderCard('zhipu');
    expect(within(card).queryByText(LINE)).toBeNull();
    expect(card.querySelector('.base-url code')?.textContent).toBe('https://open.bigmodel.cn/api/paas/v4/');
    openEverything(card);
    const target = findPlatform('zhipu')?.openaiModelMapping?.targets['gpt-4o']?.value;
    expect(target).toMatch(/^glm-/);
    expect(within(card).getByRole('tabpanel', { name: 'Python' }).textContent).toContain(`model="${target}"`);
    expect(within(card).getAllByRole('tablist')).toHaveLength(2);
    expect(within(card).getByRole('link', { name: /^Pricing/ })).toBeTruthy();
    expect(card.querySelector('.incentive')).not.toBeNull();
  });
});

describe.each([
  ['zh_CN', '未能在该平台自己的页面上确认它的 API 地址', '在常用工具中使用…', '显示迁移代码'],
  ['zh_TW', '未能在該平台自己的頁面上確認它的 API 位址', '在常用工具中使用…', '顯示遷移程式碼'],
] as const)('in %s', (locale: LocaleName, line, useIn, showCode) => {
  it('says the address could not be confirmed in plain text, with the date', () => {
    useLocale(locale);
    const card = renderCard('baichuan');
    openEverything(card, useIn, showCode);
    const lines = within(card).getAllByText((text) => text.startsWith(line));
    expect(lines).toHaveLength(3);
    for (const el of lines) expect(el.textContent).toMatch(/2026/);
    expect(card.textContent).not.toContain('unconfirmed.');
  });
});

describe('the date beside an offer', () => {
  it('says a standing offer the vendor shows undated was confirmed on that day, not announced', () => {
    // Zhipu's free models: on the vendor's model overview, which gives no date of its own.
    const zhipu = renderCard('zhipu');
    expect(within(zhipu).getByText(/^Confirmed on the vendor's page .*2026\.$/)).toBeTruthy();
    expect(within(zhipu).queryByText(/^Announced /)).toBeNull();
  });

  it('keeps "announced" for an offer dated by its announcement, in Chinese too', () => {
    // Tencent's TokenHub trial: dated by the vendor's notice.
    expect(within(renderCard('tencent-hunyuan')).getByText(/^Announced .*2026\.$/)).toBeTruthy();
    cleanup();
    useLocale('zh_CN');
    expect(within(renderCard('zhipu')).getByText(/在厂商官网上确认。$/)).toBeTruthy();
  });
});
