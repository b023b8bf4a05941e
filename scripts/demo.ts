/**
 * The demo: Detour's production build in a real browser, meeting real region blocks served
 * by a local stand-in at the services' real host names (nothing leaves this computer).
 *
 *   npm start                         Chromium window on the demo's start page
 *   npm run demo -- --browser firefox the same in Firefox
 *   npm run demo -- --headless        the same tour without a window: screenshots and the
 *                                     exported log go to demo-output/<browser>/, and the
 *                                     exit code says whether Detour logged what it should
 *                                     (also DETOUR_DEMO_HEADLESS=1)
 *
 * Options: --out <dir>  --port <n> (the stand-in's port; default any free one)
 *          --no-build   use the build already in .output/ (npm test builds once for all)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LogEvent } from '../core/log/event';
import {
  type BrowserName,
  BrowserNotFoundError,
  checkPastedText,
  type DetourInBrowser,
  findBrowser,
  launchDetour,
  REPO_ROOT,
  type TestPage,
  waitFor,
} from '../test/e2e/browsers';
import { loggedEvents } from '../test/e2e/exported-log';
import { CLAUDE_CODE_NOTE, type StartLink, TOUR } from '../test/stand-in/pages';
import { type StandIn, startStandIn } from '../test/stand-in/server';

const USAGE =
  'usage: npm run demo -- [--headless] [--browser chromium|firefox] [--out <dir>] [--port <n>] [--no-build]';

interface DemoOptions {
  browser: BrowserName;
  headless: boolean;
  build: boolean;
  out: string;
  port: number;
}

function readOptions(): DemoOptions {
  const { values } = parseArgs({
    options: {
      browser: { type: 'string', default: 'chromium' },
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
      port: { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.browser !== 'chromium' && values.browser !== 'firefox') {
    throw new UsageError(`--browser must be chromium or firefox, not "${values.browser}".`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number.`);
  const browser: BrowserName = values.browser;
  const headlessFromEnv = ['1', 'true', 'yes'].includes(
    (process.env.DETOUR_DEMO_HEADLESS ?? '').toLowerCase(),
  );
  return {
    browser,
    headless: values.headless || headlessFromEnv,
    build: !values['no-build'],
    out: resolve(values.out ?? join(REPO_ROOT, 'demo-output', browser)),
    port,
  };
}

class UsageError extends Error {}

function build(browser: BrowserName): void {
  console.log(`Building Detour for ${browser}…`);
  const args = ['wxt', 'build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])];
  const result = spawnSync('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`\`npx ${args.join(' ')}\` failed (exit ${result.status}).`);
}

// ---------------------------------------------------------------- with a window

async function runWindowed(detour: DetourInBrowser, standIn: StandIn): Promise<number> {
  const page = await detour.newPage();
  await page.goto(standIn.startUrl);
  console.log(`\nDetour is loaded. Start page: ${standIn.startUrl}`);
  console.log('Open each link, then look at Detour’s badge, notification and popup.');
  console.log(
    '逐个打开链接，然后查看 Detour 的徽标、通知和弹出窗口。 · 逐一開啟連結，然後查看 Detour 的徽章、通知和彈出視窗。',
  );
  console.log('Close the browser or press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    detour.onClose(done);
  });
  return 0;
}

// ---------------------------------------------------------------- headless tour

interface StopReport {
  link: StartLink;
  screenshot: string;
  popupScreenshot: string | null;
  badge: string | null;
  problem: string | null;
}

function slug(link: StartLink, index: number): string {
  const host = new URL(link.href).hostname.replace(/\./g, '-');
  const which = new URL(link.href).searchParams.get('case');
  return `${String(index + 1).padStart(2, '0')}-${host}${which ? `-${which}` : ''}`;
}

/** Waits until the page has done what it does after load (an API call, a late banner). */
async function settle(page: TestPage): Promise<void> {
  await waitFor('the page to finish', () =>
    page.evaluate(() => {
      const status = document.getElementById('status')?.textContent ?? null;
      const banner = document.getElementById('app') && location.hostname === 'gemini.google.com';
      if (status !== null) return status.startsWith('done') || status.startsWith('failed') ? true : undefined;
      if (banner) return document.getElementById('banner') ? true : undefined;
      return true;
    }, null),
  );
}

const sameProduct = (event: LogEvent, expected: { service: string; product: string }) =>
  event.service === expected.service && event.product === expected.product;

async function runTour(detour: DetourInBrowser, standIn: StandIn, out: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const shot = (name: string) => join(out, `${name}.png`);

  const start = await detour.newPage();
  await start.goto(standIn.startUrl);
  await start.screenshot(shot('00-start'));

  const stops: StopReport[] = [];
  for (const [index, link] of TOUR.entries()) {
    const name = slug(link, index);
    const page = await detour.newPage();
    // A stop whose service cannot be reached shows the browser's error page: that is the point.
    await page.goto(link.href).catch(() => undefined);
    await settle(page).catch(() => undefined);
    let problem: string | null = null;
    if (link.expect !== 'quiet') {
      const expected = link.expect;
      await waitFor(`a ${expected.service}/${expected.product} event`, async () =>
        (await loggedEvents(detour)).some((event) => sameProduct(event, expected)) ? true : undefined,
      ).catch(() => {
        problem = `no ${expected.service}/${expected.product} event was logged`;
      });
    }
    await page.screenshot(shot(name));
    let badge: string | null = null;
    let popupScreenshot: string | null = null;
    const tabId = await detour
      .tabIdOf(page.url().startsWith('https:') ? page.url() : link.href)
      .catch(() => null);
    if (tabId !== null) {
      // A block's badge may follow its log entry by a moment (e.g. after a redirect lands).
      const readBadge = () => detour.badgeText(tabId).catch(() => null);
      badge =
        link.expect === 'quiet'
          ? await readBadge()
          : await waitFor('the badge', async () => (await readBadge()) || undefined, {
              timeoutMs: 3_000,
            }).catch(readBadge);
      const popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
      await popup.resize(400, 720); // about the size the toolbar popup opens at
      await new Promise((done) => setTimeout(done, 600)); // let the popup render its state
      popupScreenshot = shot(`${name}-popup`);
      await popup.screenshot(popupScreenshot);
      await popup.close();
    }
    if (link.expect !== 'quiet' && !problem && !badge) {
      problem = `the block was logged but the tab's badge is ${JSON.stringify(badge ?? 'unreadable')}`;
    }
    if (link.expect === 'quiet' && badge)
      problem = `the look-alike's tab has a badge: ${JSON.stringify(badge)}`;
    stops.push({ link, screenshot: shot(name), popupScreenshot, badge, problem });
  }

  // "Check an error message": Claude Code's note only guesses at a region, so the page offers to
  // ask Anthropic, and the stand-in's claude.ai refuses.
  const checker = await detour.openExtensionPage('options.html#check');
  await checker.resize(1000, 900);
  let checkerProblem: string | null = null;
  try {
    const offer = await checkPastedText(checker, CLAUDE_CODE_NOTE);
    if (!offer.includes('only guesses')) throw new Error(`the checker showed: ${offer.slice(0, 200)}`);
    const answer = await waitFor('Anthropic’s answer to the check', () =>
      checker.evaluate(() => {
        const card = document.querySelector('#check .card-offer');
        const result = card?.querySelector('.check-result')?.textContent ?? '';
        if (!result) (card?.querySelector('button') as HTMLButtonElement | null)?.click();
        return result || undefined;
      }, null),
    );
    if (!answer.includes('refused')) throw new Error(`asking Anthropic answered: ${answer}`);
  } catch (error) {
    checkerProblem = error instanceof Error ? error.message : String(error);
  }
  await checker
    .evaluate(() => document.querySelector('#check')?.scrollIntoView({ block: 'start' }), null)
    .catch(() => undefined);
  await checker.screenshot(shot('90-check-an-error-message'));
  await checker.close();

  // A look-alike that were logged would show up by now: the blocks after it already have.
  await new Promise((done) => setTimeout(done, 1000));
  const json = await detour.send('exportLog', { format: 'json' });
  const csv = await detour.send('exportLog', { format: 'csv' });
  writeFileSync(join(out, 'detour-log.json'), json.text);
  writeFileSync(join(out, 'detour-log.csv'), csv.text);
  const events = await loggedEvents(detour);

  const expectedProducts = TOUR.flatMap((link) => (link.expect === 'quiet' ? [] : [link.expect]));
  const problems = stops.flatMap((stop) => (stop.problem ? [`${stop.link.href}: ${stop.problem}`] : []));
  if (checkerProblem) problems.push(`"Check an error message" with Claude Code's note: ${checkerProblem}`);
  for (const event of events) {
    if (!expectedProducts.some((expected) => sameProduct(event, expected))) {
      problems.push(`unexpected event: ${event.service}/${event.product} ${event.ruleId} at ${event.url}`);
    } else if (event.count !== 1) {
      // Every block happens once in the tour; a higher count means a look-alike was merged into it.
      problems.push(
        `${event.service}/${event.product} ${event.ruleId} counted ${event.count} times, not once`,
      );
    }
    if (event.status === 429) problems.push(`the 429 look-alike was logged: ${event.ruleId} at ${event.url}`);
  }

  console.log(`\nDemo tour in ${detour.browser} (headless):`);
  for (const stop of stops) {
    const verdict = stop.problem ? 'WRONG' : stop.link.expect === 'quiet' ? 'quiet' : 'logged';
    console.log(
      `  ${verdict.padEnd(7)} badge ${JSON.stringify(stop.badge ?? '?').padEnd(4)} ${stop.link.href}`,
    );
    if (stop.problem) console.log(`          ${stop.problem}`);
  }
  console.log(
    `  ${checkerProblem ? 'WRONG  ' : 'offered'} "Check an error message": Claude Code's note, then asking Anthropic`,
  );
  console.log(`  ${events.length} events in the exported log.`);
  console.log(`Screenshots and the exported log: ${relative(process.cwd(), out) || '.'}/`);
  if (problems.length > 0) {
    console.error(`\nThe demo did not show what it should:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  let options: DemoOptions;
  try {
    options = readOptions();
    findBrowser(options.browser); // before building: say at once when there is no browser
  } catch (error) {
    if (error instanceof UsageError || error instanceof BrowserNotFoundError || error instanceof TypeError) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (
    !options.headless &&
    process.platform === 'linux' &&
    !process.env.DISPLAY &&
    !process.env.WAYLAND_DISPLAY
  ) {
    console.error(
      'No display to open a window on. Run `npm run demo -- --headless`, or under `xvfb-run -a npm start`.',
    );
    return 2;
  }
  if (options.build) build(options.browser);

  const standIn = await startStandIn({ port: options.port });
  let detour: DetourInBrowser | undefined;
  try {
    detour = await launchDetour(options.browser, { standIn, headed: !options.headless });
    return options.headless
      ? await runTour(detour, standIn, options.out)
      : await runWindowed(detour, standIn);
  } finally {
    await detour?.close().catch(() => {});
    await standIn.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
