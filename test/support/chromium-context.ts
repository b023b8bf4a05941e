/**
 * The one way Detour's tests, demo, screenshots and bench start Debian's Chromium: a persistent
 * Playwright context with unpacked extensions loaded, every host name sent where the caller's
 * resolver rules say, and the flags that keep a headless Chromium from reaching the internet on a
 * machine that has none. Callers add what is theirs (locale, time zone, viewport, pixel ratio)
 * and keep the raw context when they need CDP or several pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { findBrowser } from '../e2e/browsers';

export interface ChromiumContextOptions {
  /** Unpacked extension folders to load; empty for a browser with no extension. */
  extensionDirs: string[];
  /** `--host-resolver-rules`: where each host name goes (everything else does not resolve). */
  hostResolverRules: string;
  /** A profile folder the caller keeps and removes; otherwise a fresh one, removed on close. */
  profile?: string;
  /** Show a window (the demo); everything else runs headless. */
  headed?: boolean;
  /** The browser's UI language (`--lang` and LANGUAGE, which pick `_locales/<x>`) and pages' locale. */
  locale?: string;
  /** The time zone pages (extension pages too) see through Intl. */
  timezoneId?: string;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
  colorScheme?: 'light' | 'dark';
}

export interface ChromiumContext {
  context: BrowserContext;
  /** Closes the browser and removes the profile it made. */
  close(): Promise<void>;
}

export async function launchChromiumContext(options: ChromiumContextOptions): Promise<ChromiumContext> {
  const { chromium } = await import('playwright-core');
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'detour-chromium-'));
  const removeProfile = () => {
    if (!options.profile) rmSync(profile, { recursive: true, force: true });
  };
  const { locale, extensionDirs } = options;
  // LANGUAGE and LANG carry the UI language too: Chromium on Linux reads them besides --lang.
  const language = locale?.replace('-', '_');
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findBrowser('chromium'),
      headless: !options.headed,
      ignoreHTTPSErrors: true,
      viewport: options.viewport ?? { width: 1100, height: 800 },
      ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
      ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
      ...(locale ? { locale } : {}),
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      ...(language ? { env: { ...process.env, LANGUAGE: language, LANG: `${language}.UTF-8` } } : {}),
      args: [
        ...(options.headed ? [] : ['--headless=new']),
        ...(locale ? [`--lang=${locale}`] : []),
        ...(extensionDirs.length > 0
          ? [
              `--disable-extensions-except=${extensionDirs.join(',')}`,
              `--load-extension=${extensionDirs.join(',')}`,
            ]
          : []),
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-default-apps',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-features=DisableLoadExtensionCommandLineSwitch',
        `--host-resolver-rules=${options.hostResolverRules}`,
        '--ignore-certificate-errors',
      ],
    });
    return {
      context,
      async close() {
        await context.close();
        removeProfile();
      },
    };
  } catch (error) {
    removeProfile();
    throw error;
  }
}
