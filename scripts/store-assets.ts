/**
 * The store listing's images, made from the PRODUCTION build in real headless Chromium (Debian's,
 * through playwright-core), for English, 简体中文 and 繁體中文:
 *
 *   docs/store/screenshot-1-popup-<lang>.png    1280×800  the popup after a real block, with a caption
 *   docs/store/screenshot-2-log-<lang>.png      1280×800  the settings page's log
 *   docs/store/screenshot-3-welcome-<lang>.png  1280×800  the first-run page
 *   docs/store/promo-tile-440x280-<lang>.png    440×280   the promotional tile, rendered from HTML
 *
 *   npm run store:assets     (builds first; needs Chromium and CJK fonts: fonts-noto-cjk)
 *
 * The blocks are real: Chromium opens the services' real host names, served by the local
 * stand-in (test/stand-in), and Detour logs what it sees there. Nothing leaves loopback. The
 * language is set the way a person sets it (the uiLanguage setting) and the browser's own
 * language and time zone match, so the region Detour guesses fits the language. Every image is
 * checked for its exact size before the script ends.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { extensionDir, findBrowser, REPO_ROOT } from '../test/e2e/browsers';
import { type StandIn, startStandIn } from '../test/stand-in/server';

const OUT = join(REPO_ROOT, 'docs', 'store');
const SCREEN = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
const POPUP = { width: 380, height: 600 };

/**
 * What the images say beside the product itself; written for each language, not translated word
 * for word. Headlines are given line by line, so a line never breaks inside a phrase.
 */
const LOCALES = [
  {
    tag: 'en',
    choice: 'en',
    lang: 'en-US',
    language: 'en_US',
    timeZone: 'Asia/Shanghai',
    font: '"Noto Sans", "Noto Sans CJK SC", sans-serif',
    headline: ['Know the moment an AI service', 'refuses your region'],
    points: [
      'Recognises region blocks on ChatGPT, Claude, Gemini, Copilot and more',
      'Shows where to go instead, and how to switch your code',
      'Private: nothing leaves your browser unless you ask',
    ],
    tagline: 'Know when an AI service refuses your region, and where to go instead',
  },
  {
    tag: 'zh-CN',
    choice: 'zh-CN',
    lang: 'zh-CN',
    language: 'zh_CN',
    timeZone: 'Asia/Shanghai',
    font: '"Noto Sans CJK SC", sans-serif',
    headline: ['AI 服务因地区拒绝你时，', '第一时间知道'],
    points: [
      '识别 ChatGPT、Claude、Gemini、Copilot 等服务的地区限制',
      '告诉你可以改用哪里，以及代码怎么改',
      '保护隐私：除非你要求，数据不会离开浏览器',
    ],
    tagline: 'AI 服务拒绝你所在的地区时，告诉你可以改用哪里',
  },
  {
    tag: 'zh-TW',
    choice: 'zh-TW',
    lang: 'zh-TW',
    language: 'zh_TW',
    timeZone: 'Asia/Taipei',
    font: '"Noto Sans CJK TC", sans-serif',
    headline: ['AI 服務因地區拒絕你時，', '第一時間知道'],
    points: [
      '辨識 ChatGPT、Claude、Gemini、Copilot 等服務的地區限制',
      '告訴你可以改用哪裡，以及程式碼怎麼改',
      '保護隱私：除非你要求，資料不會離開瀏覽器',
    ],
    tagline: 'AI 服務拒絕你所在的地區時，告訴你可以改用哪裡',
  },
] as const;
type Locale = (typeof LOCALES)[number];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function launch(locale: Locale, standIn: StandIn, profile: string): Promise<BrowserContext> {
  const dir = extensionDir('chromium');
  return chromium.launchPersistentContext(profile, {
    executablePath: findBrowser('chromium'),
    headless: true,
    ignoreHTTPSErrors: true,
    locale: locale.lang,
    timezoneId: locale.timeZone,
    viewport: SCREEN,
    deviceScaleFactor: 1,
    colorScheme: 'light',
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
}

async function settle(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { state: 'visible', timeout: 15_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

function popupFrameHtml(locale: Locale, popupPng: Buffer): string {
  const points = locale.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return `<!doctype html><html lang="${locale.tag}"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${SCREEN.width}px; height: ${SCREEN.height}px; overflow: hidden; }
    body { font-family: ${locale.font}; background: linear-gradient(135deg, #0f766e 0%, #134e4a 100%);
      color: #ffffff; display: flex; align-items: center; gap: 64px; padding: 0 88px; box-sizing: border-box; }
    .copy { flex: 1; }
    .name { font-size: 22px; font-weight: 700; letter-spacing: 0.02em; color: #fbbf24; margin: 0 0 18px; }
    h1 { font-size: 40px; line-height: 1.25; margin: 0 0 28px; font-weight: 700; }
    ul { margin: 0; padding: 0 0 0 1.1em; font-size: 21px; line-height: 1.6; }
    li { margin: 0 0 10px; }
    img { width: ${POPUP.width}px; height: ${POPUP.height}px; border-radius: 12px;
      box-shadow: 0 24px 60px rgb(0 0 0 / 35%); background: #fff; }
  </style></head><body>
    <div class="copy"><p class="name">Detour</p><h1>${locale.headline.map(escapeHtml).join('<br>')}</h1><ul>${points}</ul></div>
    <img alt="" src="data:image/png;base64,${popupPng.toString('base64')}">
  </body></html>`;
}

function tileHtml(locale: Locale): string {
  const icon = readFileSync(join(REPO_ROOT, 'assets', 'icon.svg'), 'utf8');
  return `<!doctype html><html lang="${locale.tag}"><head><meta charset="utf-8"><style>
    html, body { margin: 0; width: ${TILE.width}px; height: ${TILE.height}px; overflow: hidden; }
    body { font-family: ${locale.font}; background: linear-gradient(135deg, #0f766e 0%, #134e4a 100%);
      color: #fff; display: flex; flex-direction: column; justify-content: center; padding: 0 36px;
      box-sizing: border-box; }
    .mark { display: flex; align-items: center; gap: 16px; margin-bottom: 18px; }
    .mark svg { width: 72px; height: 72px; }
    .name { font-size: 40px; font-weight: 700; }
    p { font-size: 20px; line-height: 1.45; margin: 0; text-wrap: balance; }
  </style></head><body>
    <div class="mark">${icon}<span class="name">Detour</span></div>
    <p>${escapeHtml(locale.tagline)}</p>
  </body></html>`;
}

async function makeAssets(locale: Locale, standIn: StandIn): Promise<string[]> {
  const profile = mkdtempSync(join(tmpdir(), 'detour-store-'));
  const context = await launch(locale, standIn, profile);
  const written: string[] = [];
  try {
    const worker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const origin = `chrome-extension://${new URL(worker.url()).host}`;

    // The language, chosen as a person chooses it in the settings.
    const helper = await context.newPage();
    await helper.goto(`${origin}/popup.html`);
    await helper.evaluate(async (choice) => {
      const chrome = (
        globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
      ).chrome;
      await chrome.storage.local.set({ 'settings.uiLanguage': choice, 'settings.uiLanguage$': { v: 1 } });
    }, locale.choice);

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
    const tabId = await helper.evaluate(async () => {
      const tabs = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } } }
      ).chrome.tabs;
      const [tab] = await tabs.query({ url: 'https://chatgpt.com/*' });
      return tab?.id ?? null;
    });
    if (tabId === null) throw new Error('the ChatGPT tab is gone');
    await helper.close();

    // 1. The popup after the block and a finished "Check now", framed with a caption.
    const popup = await context.newPage();
    await popup.setViewportSize(POPUP);
    await popup.goto(`${origin}/popup.html?tabId=${tabId}`);
    await settle(popup, '.card-blocked');
    await settle(popup, '.suggestion');
    await popup.click('.check button');
    await settle(popup, '.check-result .exit-line');
    const popupPng = await popup.screenshot();
    await popup.close();
    const frame = await context.newPage();
    await frame.setViewportSize(SCREEN);
    await frame.setContent(popupFrameHtml(locale, popupPng));
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    written.push(join(OUT, `screenshot-1-popup-${locale.tag}.png`));
    await frame.screenshot({ path: written.at(-1) });

    // 2. The log on the settings page.
    const options = await context.newPage();
    await options.setViewportSize(SCREEN);
    await options.goto(`${origin}/options.html#log`);
    await settle(options, '.log-table');
    await options.evaluate(() => document.getElementById('log')?.scrollIntoView());
    written.push(join(OUT, `screenshot-2-log-${locale.tag}.png`));
    await options.screenshot({ path: written.at(-1) });
    await options.close();

    // 3. The first-run page, from what it keeps and sends down to the switch and the language.
    const welcome = await context.newPage();
    await welcome.setViewportSize(SCREEN);
    await welcome.goto(`${origin}/welcome.html#keep`);
    await settle(welcome, '#welcome-language');
    await welcome.evaluate(() => document.getElementById('keep')?.scrollIntoView());
    written.push(join(OUT, `screenshot-3-welcome-${locale.tag}.png`));
    await welcome.screenshot({ path: written.at(-1) });
    await welcome.close();

    // The promotional tile, rendered from HTML.
    await frame.setViewportSize(TILE);
    await frame.setContent(tileHtml(locale));
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    written.push(join(OUT, `promo-tile-440x280-${locale.tag}.png`));
    await frame.screenshot({ path: written.at(-1) });
    await frame.close();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return written;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const standIn = await startStandIn({ traceLoc: 'CN' });
  const wrong: string[] = [];
  try {
    for (const locale of LOCALES) {
      for (const file of await makeAssets(locale, standIn)) {
        const size = pngSize(file);
        const want = file.includes('promo-tile') ? TILE : SCREEN;
        if (size.width !== want.width || size.height !== want.height) {
          wrong.push(`${file}: ${size.width}×${size.height}, expected ${want.width}×${want.height}`);
        }
        console.log(`${file.replace(`${REPO_ROOT}/`, '')}  ${size.width}×${size.height}`);
      }
    }
  } finally {
    await standIn.close();
  }
  if (wrong.length) throw new Error(`wrong image sizes:\n${wrong.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
