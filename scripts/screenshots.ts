/**
 * Screenshots of the popup and the options page after a block, taken from the production build
 * in real headless Chromium (Debian's, through playwright-core), in English and 简体中文, light
 * and dark. The blocks are real: Chromium opens the services' real host names, served by the
 * local stand-in (test/stand-in), and Detour logs what it sees there. Nothing leaves loopback.
 *
 *   npm run build && npx tsx scripts/screenshots.ts     → docs/screenshots/*.png
 *
 * Chromium takes its UI language (which picks _locales/<lang>) from --lang and LANGUAGE; the time
 * zone (Asia/Shanghai) is what Detour's automatic region reads, as for a person in mainland China.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { extensionDir, REPO_ROOT } from '../test/e2e/browsers';
import { type StandIn, startStandIn } from '../test/stand-in/server';
import { launchChromiumContext } from '../test/support/chromium-context';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const LOCALES = [
  { tag: 'en', lang: 'en-US', language: 'en_US' },
  { tag: 'zh-CN', lang: 'zh-CN', language: 'zh_CN' },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const POPUP = { width: 380, height: 600 };

async function waitForText(page: Page, selector: string, timeout = 15_000): Promise<void> {
  await page.waitForSelector(selector, { state: 'visible', timeout });
}

async function shoot(locale: (typeof LOCALES)[number], standIn: StandIn): Promise<string[]> {
  const launched = await launchChromiumContext({
    extensionDirs: [extensionDir('chromium')],
    hostResolverRules: standIn.hostResolverRules(),
    locale: locale.lang,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1100, height: 860 },
    deviceScaleFactor: 2,
  });
  const { context } = launched;
  const written: string[] = [];
  try {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const origin = `chrome-extension://${new URL(worker.url()).host}`;

    // The blocks a person would meet: ChatGPT's refusal page, an API 403 in the playground, Claude's redirect.
    const chatgpt = await context.newPage();
    await chatgpt.goto('https://chatgpt.com/', { waitUntil: 'load' });
    for (const url of ['https://platform.openai.com/playground?case=region', 'https://claude.ai/']) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(800);
      await page.close();
    }
    await chatgpt.waitForTimeout(1000);

    const helper = await context.newPage();
    await helper.goto(`${origin}/popup.html`);
    const tabId = await helper.evaluate(async () => {
      // Runs in the extension page, where the browser's own `chrome` namespace exists.
      const tabs = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }
      ).chrome.tabs;
      const [tab] = await tabs.query({ url: 'https://chatgpt.com/*' });
      return tab?.id ?? null;
    });
    if (tabId === null) throw new Error('the ChatGPT tab is gone');
    await helper.close();

    for (const scheme of SCHEMES) {
      // The popup, at popup size, for the tab that was refused; "Check now" meets the stand-in's loc=CN.
      const popup = await context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize(POPUP);
      await popup.goto(`${origin}/popup.html?tabId=${tabId}`);
      await waitForText(popup, '.card-blocked');
      await waitForText(popup, '.suggestion');
      await popup.click('.check button');
      await waitForText(popup, '.check-result .exit-line');
      const popupFile = join(OUT, `popup-${locale.tag}-${scheme}.png`);
      await popup.screenshot({ path: popupFile });
      written.push(popupFile);
      const fullFile = join(OUT, `popup-${locale.tag}-${scheme}-full.png`);
      await popup.screenshot({ path: fullFile, fullPage: true, scale: 'css' });
      written.push(fullFile);
      await popup.close();

      const options = await context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(`${origin}/options.html`);
      await waitForText(options, '#region');
      const optionsFile = join(OUT, `options-${locale.tag}-${scheme}.png`);
      await options.screenshot({ path: optionsFile });
      written.push(optionsFile);
      await options.goto(`${origin}/options.html#log`);
      await waitForText(options, '.log-table');
      await options.evaluate(() => document.getElementById('log')?.scrollIntoView());
      const logFile = join(OUT, `options-log-${locale.tag}-${scheme}.png`);
      await options.screenshot({ path: logFile });
      written.push(logFile);
      await options.close();
    }
  } finally {
    await launched.close();
  }
  return written;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const standIn = await startStandIn({ traceLoc: 'CN' });
  try {
    for (const locale of LOCALES) {
      for (const file of await shoot(locale, standIn)) console.log(file.replace(`${REPO_ROOT}/`, ''));
    }
  } finally {
    await standIn.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
