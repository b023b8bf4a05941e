/**
 * The README's "Use it in…" picture: after claude.ai redirects to its region page, the popup's
 * first suggestion with Claude Code set up for it. Production build, real headless Chromium
 * (Debian's, through playwright-core), English and 简体中文; the services' real host names are
 * served by the local stand-in (test/stand-in), so nothing leaves loopback. The time zone
 * (Asia/Shanghai) is what Detour's automatic region reads, as for a person in mainland China.
 *
 *   npm run build && npx tsx scripts/screenshot-use-it-in.ts   → docs/screenshots/use-it-in-*.png
 *
 * Needs a CJK font for the Chinese picture (Debian: fonts-noto-cjk).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { extensionDir, findBrowser, REPO_ROOT } from '../test/e2e/browsers';
import { type StandIn, startStandIn } from '../test/stand-in/server';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');
const LOCALES = [
  { tag: 'en', lang: 'en-US', language: 'en_US' },
  { tag: 'zh-CN', lang: 'zh-CN', language: 'zh_CN' },
] as const;

async function shoot(locale: (typeof LOCALES)[number], standIn: StandIn): Promise<string> {
  const dir = extensionDir('chromium');
  const profile = mkdtempSync(join(tmpdir(), 'detour-use-it-in-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findBrowser('chromium'),
    headless: true,
    ignoreHTTPSErrors: true,
    locale: locale.lang,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 380, height: 600 },
    deviceScaleFactor: 2,
    env: { ...process.env, LANGUAGE: locale.language, LANG: `${locale.language}.UTF-8` },
    args: [
      '--headless=new',
      `--lang=${locale.lang}`,
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--host-resolver-rules=${standIn.hostResolverRules()}`,
      '--ignore-certificate-errors',
    ],
  });
  try {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const origin = `chrome-extension://${new URL(worker.url()).host}`;
    const claude = await context.newPage();
    await claude.goto('https://claude.ai/', { waitUntil: 'load' });
    await claude.waitForTimeout(1000);

    const popup = await context.newPage();
    await popup.goto(`${origin}/popup.html`);
    const tabId = await popup.evaluate(
      async (url: string) => {
        const tabs = (
          globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }
        ).chrome.tabs;
        const [tab] = await tabs.query({ url });
        return tab?.id ?? null;
      },
      `${claude.url().split('?')[0]}*`,
    );
    if (tabId === null) throw new Error('the Claude tab is gone');
    await popup.goto(`${origin}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('li.suggestion', { state: 'visible', timeout: 15_000 });
    const card = popup.locator('li.suggestion').first();
    await card.locator('button[aria-controls$="-tools"]').click();
    await card.locator('[role="tabpanel"]').waitFor({ state: 'visible', timeout: 15_000 });
    // The popup's header is sticky; in a picture of one card it would cover the card's top.
    await popup.addStyleTag({ content: '.popup-header { position: static; }' });
    const file = join(OUT, `use-it-in-claude-code-${locale.tag}.png`);
    await card.screenshot({ path: file });
    return file;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const standIn = await startStandIn({});
  try {
    for (const locale of LOCALES) console.log((await shoot(locale, standIn)).replace(`${REPO_ROOT}/`, ''));
  } finally {
    await standIn.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
