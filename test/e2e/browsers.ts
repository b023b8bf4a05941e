/**
 * Launchers that load Detour's PRODUCTION build into Debian's Chromium (playwright-core) and
 * Firefox ESR (puppeteer-core over WebDriver BiDi), with the services' real host names sent to
 * the local stand-in: Chromium maps them itself (--host-resolver-rules), Firefox reaches them
 * through a loopback CONNECT proxy (test/stand-in/connect-proxy.ts). Both keep the real host
 * name and TLS, both run as an ordinary user, and in both a host can be made unreachable.
 *
 * Both launchers return the same small interface, so one suite runs in both browsers and the
 * demo drives either. Assertions go through the extension's own surfaces: its message
 * protocol (sent from one of its pages, exactly as the popup does) and its badge.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtocolMap } from '../../core/messaging/protocol';
import { type HostFailure, startConnectProxy, startFailurePorts } from '../stand-in/connect-proxy';
import type { StandIn } from '../stand-in/server';
import { launchChromiumContext } from '../support/chromium-context';

export type { HostFailure } from '../stand-in/connect-proxy';

export type BrowserName = 'chromium' | 'firefox';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `wxt build` puts the builds; DETOUR_OUTPUT_DIR lets a run use a copy made elsewhere. */
export function extensionDir(browser: BrowserName): string {
  const output = process.env.DETOUR_OUTPUT_DIR ?? join(REPO_ROOT, '.output');
  return resolve(output, browser === 'chromium' ? 'chrome-mv3' : 'firefox-mv2');
}

/** A tab the test drives, the same for both drivers. */
export interface TestPage {
  /** Navigates and waits for `load`; an HTTP error status is a page like any other. */
  goto(url: string): Promise<void>;
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  url(): string;
  /** Sets the viewport, e.g. a popup's size before its screenshot. */
  resize(width: number, height: number): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface DetourInBrowser {
  readonly browser: BrowserName;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  readonly extensionOrigin: string;
  newPage(): Promise<TestPage>;
  /** Opens one of Detour's own pages (e.g. `popup.html?tabId=3`) in a tab. */
  openExtensionPage(path: string): Promise<TestPage>;
  /** Sends a protocol message from an extension page, as the popup does, and returns its reply. */
  send<K extends keyof ProtocolMap>(
    type: K,
    data: Parameters<ProtocolMap[K]>[0],
  ): Promise<Awaited<ReturnType<ProtocolMap[K]>>>;
  /** The id of the one open tab whose URL starts with `urlPrefix`. */
  tabIdOf(urlPrefix: string): Promise<number>;
  badgeText(tabId: number): Promise<string>;
  badgeTitle(tabId: number): Promise<string>;
  /** Called when the browser goes away (e.g. a person closed the demo's window). */
  onClose(listener: () => void): void;
  /** Chromium only: the playwright context (its service worker, CDP sessions). */
  readonly chromiumContext?: import('playwright-core').BrowserContext;
  /**
   * The hosts that fail to connect. Firefox reads it at each new connection, so a test may
   * set and delete entries while the browser runs; Chromium reads it once, at launch.
   */
  readonly failures: Map<string, HostFailure>;
  close(): Promise<void>;
}

const NAVIGATION_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------- finding the browsers

const INSTALL_HINT: Record<BrowserName, string> = {
  chromium:
    'Install Chromium: `sudo apt-get install -y chromium` (Debian/Ubuntu), `sudo dnf install chromium` (Fedora), ' +
    '`brew install --cask chromium` (macOS), or set DETOUR_CHROMIUM=/path/to/chromium. ' +
    '(Google Chrome 137+ ignores --load-extension; use Chromium.)',
  firefox:
    'Install Firefox: `sudo apt-get install -y firefox-esr` (Debian) or `firefox` (Ubuntu/Fedora), ' +
    '`brew install --cask firefox` (macOS), or set DETOUR_FIREFOX=/path/to/firefox.',
};

const CANDIDATES: Record<BrowserName, { env: string; names: string[]; paths: string[] }> = {
  chromium: {
    env: 'DETOUR_CHROMIUM',
    names: ['chromium', 'chromium-browser'],
    paths: ['/usr/bin/chromium', '/snap/bin/chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  },
  firefox: {
    env: 'DETOUR_FIREFOX',
    names: ['firefox-esr', 'firefox'],
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'],
  },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class BrowserNotFoundError extends Error {}

/** The browser binary to use, or a BrowserNotFoundError that says how to install one. */
export function findBrowser(browser: BrowserName): string {
  const { env, names, paths } = CANDIDATES[browser];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(`${env}=${fromEnv} is not an executable file. ${INSTALL_HINT[browser]}`);
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => names.map((name) => join(dir, name)));
  const found = [...onPath, ...paths].find(isExecutable);
  if (!found) throw new BrowserNotFoundError(`No ${browser} found. ${INSTALL_HINT[browser]}`);
  return found;
}

function assertBuilt(dir: string, browser: BrowserName): void {
  try {
    accessSync(join(dir, 'manifest.json'));
  } catch {
    const build = browser === 'chromium' ? 'npx wxt build' : 'npx wxt build -b firefox';
    throw new Error(
      `No ${browser} build of Detour at ${dir}. Build it first: \`${build}\` (npm run test:e2e does).`,
    );
  }
}

// ---------------------------------------------------------------- code run inside the extension

interface WireReply {
  res?: unknown;
  err?: { message?: string };
}

/** The few extension APIs the checks below use, in both browsers' shapes. */
interface BadgeApi {
  getBadgeText(details: { tabId: number }): Promise<string>;
  getTitle(details: { tabId: number }): Promise<string>;
}
interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  /** MV3 (Chromium). */
  action?: BadgeApi;
  /** MV2 (the Firefox build). */
  browserAction?: BadgeApi;
}

// The functions below run INSIDE an extension page (serialised by the driver): no imports,
// no closures over this module.

/**
 * One message in @webext-core/messaging's wire format ({ id, type, data, timestamp } →
 * { res } | { err }), the format Detour's own pages send.
 */
async function sendFromExtensionPage(message: { type: string; data: unknown }): Promise<WireReply> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (scope.browser ?? scope.chrome) as ExtensionApi;
  const reply = await api.runtime.sendMessage({ id: Date.now(), timestamp: Date.now(), ...message });
  return (reply ?? { err: { message: 'no reply from the background' } }) as WireReply;
}

async function tabsFromExtensionPage(_: null): Promise<Array<{ id: number; url: string }>> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (scope.browser ?? scope.chrome) as ExtensionApi;
  const tabs = await api.tabs.query({});
  return tabs.map((tab) => ({ id: tab.id ?? -1, url: tab.url ?? '' }));
}

async function badgeFromExtensionPage(arg: { tabId: number; what: 'text' | 'title' }): Promise<string> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = (scope.browser ?? scope.chrome) as ExtensionApi;
  const action = (api.action ?? api.browserAction) as BadgeApi;
  return arg.what === 'text'
    ? await action.getBadgeText({ tabId: arg.tabId })
    : await action.getTitle({ tabId: arg.tabId });
}

/** The parts of DetourInBrowser that only need a page inside the extension. */
function extensionSurface(
  extensionPage: () => Promise<TestPage>,
): Pick<DetourInBrowser, 'send' | 'tabIdOf' | 'badgeText' | 'badgeTitle'> {
  return {
    async send(type, data) {
      const page = await extensionPage();
      const reply = await page.evaluate(sendFromExtensionPage, { type, data }).catch((error: Error) => {
        throw new Error(`Detour's background did not answer ${type}: ${error.message}`);
      });
      if (reply.err)
        throw new Error(`Detour answered ${type} with an error: ${reply.err.message ?? 'unknown'}`);
      // biome-ignore lint/suspicious/noExplicitAny: the reply's type is the protocol's, checked by the background
      return reply.res as any;
    },
    async tabIdOf(urlPrefix) {
      const page = await extensionPage();
      const tabs = (await page.evaluate(tabsFromExtensionPage, null)).filter((tab) =>
        tab.url.startsWith(urlPrefix),
      );
      if (tabs.length !== 1 || !tabs[0]) {
        throw new Error(`expected one tab at ${urlPrefix}, found ${tabs.length}`);
      }
      return tabs[0].id;
    },
    async badgeText(tabId) {
      return (await extensionPage()).evaluate(badgeFromExtensionPage, { tabId, what: 'text' as const });
    },
    async badgeTitle(tabId) {
      return (await extensionPage()).evaluate(badgeFromExtensionPage, { tabId, what: 'title' as const });
    },
  };
}

/**
 * The pages a suite's tests open, closed after each test (the caller registers `closeAll` in
 * `afterEach`): a failed attempt's tabs would otherwise still be open when vitest retries it, and
 * `tabIdOf` would find two.
 */
export function testPages(detour: () => DetourInBrowser) {
  const open: TestPage[] = [];
  return {
    /** A new tab at `url`, loaded. */
    async open(url: string): Promise<TestPage> {
      const page = await detour().newPage();
      open.push(page);
      await page.goto(url);
      return page;
    },
    /** A page opened some other way (one of Detour's own), closed with the rest. */
    track<T extends TestPage>(page: T): T {
      open.push(page);
      return page;
    },
    async closeAll(): Promise<void> {
      for (const page of open.splice(0)) await page.close().catch(() => {});
    },
  };
}

/** Retries `check` until it returns a value other than undefined, or throws the last failure. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/**
 * Pastes `text` into the options page's "Check an error message" (`options` already open at
 * `options.html#check`), presses Check, and resolves with the text of the card it shows.
 */
export function checkPastedText(options: TestPage, text: string): Promise<string> {
  return waitFor('the pasted text to be judged', () =>
    options.evaluate(
      ({ text }) => {
        const area = document.querySelector('#check-text') as HTMLTextAreaElement | null;
        if (!area) return undefined;
        if (area.value !== text) {
          area.value = text;
          area.dispatchEvent(new Event('input', { bubbles: true }));
          return undefined;
        }
        const card = document.querySelector('#check .card');
        if (!card) {
          (area.form?.querySelector('button[type=submit]') as HTMLButtonElement | null)?.click();
          return undefined;
        }
        return card.textContent ?? '';
      },
      { text },
    ),
  );
}

// ---------------------------------------------------------------- Chromium

export interface LaunchOptions {
  standIn: StandIn;
  /** Show a window (the demo); tests run headless. */
  headed?: boolean;
  /** Chromium only: the browser's UI language (`--lang`, what browser.i18n uses) and pages' locale. */
  locale?: string;
  /** Chromium only: the time zone pages (extension pages too) see through Intl. */
  timezoneId?: string;
  /** Hosts that fail to connect, e.g. a service that is down (see DetourInBrowser.failures). */
  failures?: Map<string, HostFailure>;
  /**
   * Chromium: rules put before the stand-in's own (the first rule that matches a name wins), e.g.
   * `MAP chat.openai.com ~NOTFOUND` (does not resolve).
   */
  hostRulesFirst?: string[];
  /** Chromium: replace every host rule (e.g. `MAP * ~NOTFOUND`: every host fails). */
  hostRules?: string;
  /** More unpacked extensions loaded beside Detour (e.g. one that blocks a request). */
  otherExtensions?: string[];
  /**
   * Chromium: a profile folder the caller keeps (and removes), e.g. to reopen the browser on the
   * same profile; by default a fresh one is made and removed on close.
   */
  profile?: string;
}

/** The one webRequest event Chromium's readiness check asks about. */
interface ListenerProbe {
  onErrorOccurred: { hasListeners(): boolean };
}

/** Chromium host rules that make each failing host fail; they go before the stand-in's rules. */
function failureRules(
  failures: ReadonlyMap<string, HostFailure>,
  ports: Record<Exclude<HostFailure, 'unresolved'>, number>,
): string[] {
  return [...failures].map(([host, failure]) =>
    failure === 'unresolved' ? `MAP ${host} ~NOTFOUND` : `MAP ${host} 127.0.0.1:${ports[failure]}`,
  );
}

export async function launchChromium({
  standIn,
  headed = false,
  locale,
  timezoneId,
  failures = new Map(),
  hostRulesFirst = [],
  hostRules: hostRulesOverride,
  otherExtensions = [],
  profile: keptProfile,
}: LaunchOptions): Promise<DetourInBrowser> {
  const dir = extensionDir('chromium');
  assertBuilt(dir, 'chromium');
  const failurePorts = failures.size > 0 ? await startFailurePorts() : undefined;
  const hostRules =
    hostRulesOverride ??
    [
      ...(failurePorts ? failureRules(failures, failurePorts.ports) : []),
      ...hostRulesFirst,
      standIn.hostResolverRules(),
    ].join(', ');
  const launched = await launchChromiumContext({
    extensionDirs: [dir, ...otherExtensions],
    hostResolverRules: hostRules,
    headed,
    locale,
    timezoneId,
    ...(keptProfile ? { profile: keptProfile } : {}),
  }).catch(async (error: unknown) => {
    await failurePorts?.close();
    throw error;
  });
  const { context } = launched;
  try {
    // With other extensions loaded, Detour's worker is the one whose extension serves popup.html.
    const isDetour = (w: import('playwright-core').Worker) => w.url().endsWith('/background.js');
    const worker =
      context.serviceWorkers().find(isDetour) ??
      (await context.waitForEvent('serviceworker', { predicate: isDetour, timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}/`;
    // The worker's target exists before its script has run: a page opened now would be loaded
    // while Detour registers no listener yet, and its requests would never reach Detour (as for
    // any request made before an extension's first start). Tests begin once the background has
    // registered its listeners (all in one synchronous start, webRequest.onErrorOccurred among
    // the last of them).
    await waitFor(
      "Detour's background to register its listeners",
      async () => {
        const current = context.serviceWorkers().find(isDetour);
        if (!current) return undefined;
        const listening = await Promise.race([
          current.evaluate(() => {
            const api = (globalThis as unknown as { chrome?: { webRequest?: ListenerProbe } }).chrome;
            return api?.webRequest?.onErrorOccurred.hasListeners() === true;
          }),
          new Promise<boolean>((done) => setTimeout(() => done(false), 1_000)),
        ]);
        return listening ? true : undefined;
      },
      { timeoutMs: 15_000 },
    );

    const wrap = (page: import('playwright-core').Page): TestPage => ({
      async goto(url) {
        await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
      },
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      url: () => page.url(),
      resize: (width, height) => page.setViewportSize({ width, height }),
      async screenshot(path) {
        await page.screenshot({ path });
      },
      close: () => page.close(),
    });

    let messenger: TestPage | undefined;
    const openExtensionPage = async (path: string) => {
      const page = wrap(await context.newPage());
      await page.goto(extensionOrigin + path);
      return page;
    };
    return {
      browser: 'chromium',
      chromiumContext: context,
      failures,
      extensionOrigin,
      newPage: async () => wrap(await context.newPage()),
      openExtensionPage,
      ...extensionSurface(async () => {
        messenger ??= await openExtensionPage('popup.html');
        return messenger;
      }),
      onClose: (listener) => context.on('close', listener),
      async close() {
        await launched.close();
        await failurePorts?.close();
      },
    };
  } catch (error) {
    await launched.close();
    await failurePorts?.close();
    throw error;
  }
}

// ---------------------------------------------------------------- Firefox

/** Any fixed UUID: it gives the temporary add-on a known moz-extension:// origin. */
const FIREFOX_EXTENSION_UUID = '6c0bd5a4-7a3e-4a4f-9d59-4b1e2f0d7e11';

function geckoId(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const id = manifest?.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string')
    throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchFirefox({
  standIn,
  headed = false,
  failures = new Map(),
  otherExtensions = [],
}: LaunchOptions): Promise<DetourInBrowser> {
  const executablePath = findBrowser('firefox');
  const dir = extensionDir('firefox');
  assertBuilt(dir, 'firefox');
  const puppeteer = (await import('puppeteer-core')).default;
  const proxy = await startConnectProxy({ hosts: standIn.hosts, targetPort: standIn.port, failures });
  const launching = puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: !headed,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1100, height: 800 },
    // Lets the test open and script moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // Every connection except to loopback goes through the proxy, which tunnels the services'
      // hosts to the stand-in and refuses the rest (loopback, e.g. the start page, is direct).
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
      'network.proxy.socks_remote_dns': true,
      'network.dns.disablePrefetch': true,
      'network.stricttransportsecurity.preloadlist': false,
      'network.trr.mode': 5,
      // No Remote Settings polling (it would only meet the stand-in's 404s).
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(dir)]: FIREFOX_EXTENSION_UUID }),
    },
  });
  const browser = await launching.catch(async (error: unknown) => {
    await proxy.close();
    throw error;
  });
  try {
    await browser.installExtension(dir);
    for (const other of otherExtensions) await browser.installExtension(other);
    const extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

    const wrap = (page: import('puppeteer-core').Page): TestPage => ({
      async goto(url) {
        if (url.startsWith('moz-extension:')) {
          // BiDi never reports this navigation's load: start it, then poll the document.
          page.goto(url).catch(() => {});
          await waitFor(`${url} to load`, async () => {
            const state = await page.evaluate(() => [location.href, document.readyState]);
            return state[0]?.startsWith('moz-extension:') && state[1] === 'complete' ? true : undefined;
          });
          return;
        }
        await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
      },
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      url: () => page.url(),
      resize: (width, height) => page.setViewport({ width, height }),
      async screenshot(path) {
        await page.screenshot({ path: path as `${string}.png` });
      },
      close: () => page.close(),
    });

    let messenger: TestPage | undefined;
    const openExtensionPage = async (path: string) => {
      const page = wrap(await browser.newPage());
      await page.goto(extensionOrigin + path);
      return page;
    };
    return {
      browser: 'firefox',
      failures: proxy.failures,
      extensionOrigin,
      newPage: async () => wrap(await browser.newPage()),
      openExtensionPage,
      ...extensionSurface(async () => {
        messenger ??= await openExtensionPage('popup.html');
        return messenger;
      }),
      onClose: (listener) => browser.on('disconnected', listener),
      async close() {
        await browser.close();
        await proxy.close();
      },
    };
  } catch (error) {
    await browser.close();
    await proxy.close();
    throw error;
  }
}

export function launchDetour(browser: BrowserName, options: LaunchOptions): Promise<DetourInBrowser> {
  return browser === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
