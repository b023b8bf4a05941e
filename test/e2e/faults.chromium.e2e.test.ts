/**
 * Faults, in Chromium (MV3: the service worker can die at any moment; Firefox's MV2
 * background page is persistent, so this file is Chromium's):
 *
 * - The worker is stopped (CDP ServiceWorker.stopAllWorkers) while four tabs open four different
 *   blocks at once. Method: each tab's block has its own dedupe key (service, rule, page origin),
 *   so the log must hold at most one row per key with count 1 — never twice. Every row present
 *   must be one the stand-in triggered; after the worker restarts, a fresh block is logged.
 * - The browser is closed and reopened on the same profile: the log is identical.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../core/log/event';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchChromium, waitFor } from './browsers';

/** Chromium with the build on a profile this test keeps, so the browser can be reopened on it. */
async function launch(
  profile: string,
  standIn: StandIn,
): Promise<{ detour: DetourInBrowser; context: BrowserContext; origin: string }> {
  const detour = await launchChromium({ standIn, profile });
  const context = detour.chromiumContext;
  if (!context) throw new Error('launchChromium gave no playwright context');
  return { detour, context, origin: detour.extensionOrigin };
}

/** The JSON export, read from an extension page (the way a user gets the log). */
async function exported(context: BrowserContext, origin: string): Promise<LogEvent[]> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}popup.html`);
    const reply = (await page.evaluate(() =>
      chrome.runtime.sendMessage({
        id: 1,
        timestamp: Date.now(),
        type: 'exportLog',
        data: { format: 'json' },
      }),
    )) as { res?: { text: string }; err?: unknown };
    if (!reply?.res) throw new Error(`no export: ${JSON.stringify(reply)}`);
    return (JSON.parse(reply.res.text) as { events: LogEvent[] }).events;
  } finally {
    await page.close();
  }
}
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const BLOCKS = [
  { url: 'https://chatgpt.com/', service: 'openai' },
  { url: 'https://platform.openai.com/playground?case=region', service: 'openai' },
  { url: 'https://claude.ai/', service: 'anthropic' },
  { url: 'https://gemini.google.com/app', service: 'google' },
];

describe('faults in Chromium (production build)', () => {
  let standIn: StandIn;
  const profile = mkdtempSync(join(tmpdir(), 'detour-faults-'));
  beforeAll(async () => {
    standIn = await startStandIn({ port: 0 });
  });
  afterAll(async () => {
    await standIn?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('worker stopped in a burst from four tabs: no event twice, logging resumes; the log survives a browser restart', async () => {
    let { detour, context, origin } = await launch(profile, standIn);
    try {
      const control = await context.newPage();
      await control.goto(`${origin}popup.html`);
      const cdp = await context.newCDPSession(control);
      await cdp.send('ServiceWorker.enable');
      // Four tabs at once; the worker is stopped while their blocks arrive.
      const pages = await Promise.all(BLOCKS.map(() => context.newPage()));
      const loads = BLOCKS.map((b, i) => pages[i]?.goto(b.url, { waitUntil: 'load' }).catch(() => {}));
      let stops = 0;
      for (const delay of [150, 300, 600]) {
        await new Promise((done) => setTimeout(done, delay));
        await cdp.send('ServiceWorker.stopAllWorkers');
        stops++;
      }
      await Promise.all(loads);
      await new Promise((done) => setTimeout(done, 2_000));
      const afterBurst = await exported(context, origin);
      const keys = afterBurst.map((e) => `${e.service}|${e.ruleId}|${new URL(e.tabUrl ?? e.url).origin}`);
      console.log(
        `[faults] worker stopped ${stops} times during the burst; ${afterBurst.length} of ${BLOCKS.length} blocks logged: ${JSON.stringify(keys)}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      for (const event of afterBurst) {
        expect(event.count).toBe(1);
        expect(BLOCKS.some((b) => b.service === event.service)).toBe(true);
      }
      // After the stops, the worker comes back and logs a block it had not seen.
      await pages[0]?.goto('https://chatgpt.com/another-page', { waitUntil: 'load' });
      await pages[3]?.reload({ waitUntil: 'load' });
      const resumed = await waitFor('logging after the worker restarted', async () => {
        const events = await exported(context, origin);
        return events.some((e) => e.service === 'google') && events.some((e) => e.service === 'openai')
          ? events
          : undefined;
      });
      expect(resumed.length).toBeGreaterThanOrEqual(2);

      // Restart the browser on the same profile: the same log, event for event.
      const before = await exported(context, origin);
      await detour.close();
      ({ detour, context, origin } = await launch(profile, standIn));
      const after = await exported(context, origin);
      expect(after).toEqual(before);
      expect(after.length).toBeGreaterThan(0);
    } finally {
      await detour.close();
    }
  });
});
