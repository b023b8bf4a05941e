/**
 * Accessibility checked by a machine: axe-core (injected into the page) audits the popup, the
 * options page and the first-run page of the PRODUCTION build in real Chromium, in the light and
 * the dark colour scheme (prefers-color-scheme emulated), in English and 简体中文. Serious and
 * critical findings fail the test; the page under audit holds real content (a block logged from
 * the stand-in's ChatGPT, a finished "Check now" with its exit-country warning, and on the options
 * page a pasted error that only guesses at a region, with the answer to "Ask Anthropic now", and
 * a clean text with its folded "Not sure? Ask the service" opened and answered).
 *
 * Also proven here, in the browser: installing Detour opens the first-run page, once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchChromium, waitFor } from './browsers';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'] as const;
const LANGUAGES = [
  { choice: 'en', lang: 'en' },
  { choice: 'zh-CN', lang: 'zh-CN' },
] as const;

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe in the page (evaluated through the DevTools protocol, which the page's CSP allows). */
async function audit(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    })) as {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: string[] }>;
      }>;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

describe('accessibility of the production build in Chromium (axe-core)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;
  let tabId: number;
  const context = () => detour.chromiumContext as NonNullable<DetourInBrowser['chromiumContext']>;

  beforeAll(async () => {
    standIn = await startStandIn({ traceLoc: 'CN' });
    detour = await launchChromium({ standIn });
    const chatgpt = await detour.newPage();
    await chatgpt.goto('https://chatgpt.com/');
    tabId = await detour.tabIdOf('https://chatgpt.com/');
    await waitFor('the block on ChatGPT', async () =>
      (await detour.badgeText(tabId)) !== '' ? true : undefined,
    );
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
  });

  it('opened the first-run page once, when Detour was installed', async () => {
    const welcome = `${detour.extensionOrigin}welcome.html`;
    const opened = await waitFor('the first-run tab', async () => {
      const pages = context()
        .pages()
        .filter((p) => p.url() === welcome);
      return pages.length > 0 ? pages.length : undefined;
    });
    expect(opened).toBe(1);
  });

  it('the audit finds what it must: a nameless button and grey-on-white text', async () => {
    const page = await context().newPage();
    try {
      await page.goto(`${detour.extensionOrigin}welcome.html`);
      await page.waitForSelector('#welcome-language', { state: 'visible' });
      await page.evaluate(() => {
        const main = document.querySelector('main') as HTMLElement;
        main.append(document.createElement('button'));
        const faint = document.createElement('p');
        faint.textContent = 'faint';
        faint.style.cssText = 'color:#ccc;background:#fff';
        main.append(faint);
      });
      const ids = serious(await audit(page)).map((f) => f.id);
      expect(ids).toContain('button-name');
      expect(ids).toContain('color-contrast');
    } finally {
      await page.close();
    }
  });

  const pages = [
    {
      name: 'popup',
      path: () => `popup.html?tabId=${tabId}`,
      size: { width: 380, height: 600 },
      // A finished "Check now": the block card, suggestions and the exit-country warning.
      async ready(page: Page) {
        await page.waitForSelector('.card-blocked', { state: 'visible' });
        await page.click('.check button');
        await page.waitForSelector('.check-result .exit-line', { state: 'visible' });
      },
    },
    {
      name: 'options',
      path: () => 'options.html',
      size: { width: 1100, height: 800 },
      // With "Check an error message" answered: Claude Code's hedged note, the offer to ask
      // Anthropic, and Anthropic's answer to that check.
      async ready(page: Page) {
        await page.waitForSelector('#language select', { state: 'visible' });
        await page.waitForSelector('.log-table', { state: 'visible' });
        await page.fill(
          '#check-text',
          'Unable to connect to Anthropic services\nNote: Claude Code might not be available in your country.',
        );
        await page.click('#check button[type=submit]');
        await page.click('#check .card-offer button');
        await page.waitForSelector('#check .card-offer .check-result > *', { state: 'visible' });
      },
    },
    {
      name: 'options, unsure',
      path: () => 'options.html',
      size: { width: 1100, height: 800 },
      // A clean check with its folded ask opened and answered: a person's own account of a refusal.
      async ready(page: Page) {
        await page.waitForSelector('#language select', { state: 'visible' });
        await page.fill('#check-text', "Claude doesn't work in Italy. Is there a solution?");
        await page.click('#check button[type=submit]');
        await page.click('#check details.unsure-offer summary');
        await page.click('#check details.unsure-offer button');
        await page.waitForSelector('#check details.unsure-offer .check-result > *', { state: 'visible' });
      },
    },
    {
      name: 'first-run page',
      path: () => 'welcome.html',
      size: { width: 1100, height: 800 },
      async ready(page: Page) {
        await page.waitForSelector('#welcome-language', { state: 'visible' });
      },
    },
  ];

  for (const language of LANGUAGES) {
    for (const scheme of SCHEMES) {
      for (const target of pages) {
        it(`${target.name}, ${language.choice}, ${scheme}: no serious or critical finding`, async () => {
          await detour.send('getTabState', { tabId });
          const page = await context().newPage();
          try {
            // The language choice as the options page writes it (a validated setting item).
            await page.goto(`${detour.extensionOrigin}popup.html?tabId=${tabId}`);
            await page.evaluate(async (choice) => {
              const chrome = (
                globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
              ).chrome;
              await chrome.storage.local.set({
                'settings.uiLanguage': choice,
                'settings.uiLanguage$': { v: 1 },
              });
            }, language.choice);
            await page.emulateMedia({ colorScheme: scheme });
            await page.setViewportSize(target.size);
            await page.goto(`${detour.extensionOrigin}${target.path()}`);
            await target.ready(page);
            expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lang);
            expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
              scheme === 'dark',
            );
            const findings = await audit(page);
            expect(serious(findings)).toEqual([]);
            // Lesser findings are reported, not failed on: the bar is serious and critical.
            if (findings.length) console.info(target.name, language.choice, scheme, JSON.stringify(findings));
          } finally {
            await page.close();
          }
        });
      }
    }
  }

  it('after "Somewhere else", tapped from the keyboard: the status line that takes the chooser\'s place and the ruled-out regions in the options have no serious or critical finding', async () => {
    const page = await context().newPage();
    try {
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(`${detour.extensionOrigin}popup.html?tabId=${tabId}`);
      const other = page.locator('.region-chooser button').last();
      await other.waitFor({ state: 'visible' });
      await other.focus();
      await page.keyboard.press('Enter');
      await page.locator('.region-answered').waitFor({ state: 'visible' });
      // The focus follows the answer instead of falling back to the page.
      expect(await page.evaluate(() => document.activeElement?.classList.contains('region-answered'))).toBe(
        true,
      );
      expect(await page.locator('.region-chooser').count()).toBe(0);
      expect(serious(await audit(page))).toEqual([]);

      await page.setViewportSize({ width: 1100, height: 800 });
      await page.goto(`${detour.extensionOrigin}options.html`);
      await page.locator('#region .field-indent button').waitFor({ state: 'visible' });
      expect(serious(await audit(page))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
