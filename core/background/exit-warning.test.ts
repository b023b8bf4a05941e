/**
 * Exit-country warnings in the background's own pieces: a not-served exit country becomes a `warning` event
 * (its own kind, deduped, exported), the tab's badge turns to the warning state unless it was
 * blocked, blocks make the next exit check run at once, and the popup's getTabState carries the
 * latest answer. Real EventLog, TabStates, BlockRecorder, ExitChecks and handlers on fakeBrowser.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Verdict } from '../detection/observation';
import type { MessageSender } from '../messaging/sender';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import { isNetworkFailure } from '../watch/web-request';
import { badgeView } from './badge';
import { createBackground } from './create-background';
import { exitWarningRuleId } from './recorder';

const EXT_ID = 'test-extension-id';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}/`;
const popup: MessageSender = { id: EXT_ID, url: `${EXT_ORIGIN}popup.html` };

let clock: number;
let settings: Settings;
let traceLoc: string;

function setup() {
  const badges = new Map<number, ReturnType<typeof badgeView>>();
  const notified: string[] = [];
  const traceRequests: string[] = [];
  const bg = createBackground({
    local: browserArea('local'),
    session: browserArea('session'),
    settings: async () => settings,
    badge: { show: async (tabId, state, s) => void badges.set(tabId, badgeView(state, s.badge)) },
    notify: { blocked: async (event) => void notified.push(event.kind) },
    hostPorts: {
      hasPermission: async () => false,
      register: vi.fn(async () => {}),
      unregister: vi.fn(async () => {}),
      registeredIds: async () => [],
      files: { pageWatch: 'a.js', fetchTap: 'b.js' },
    },
    extension: { id: EXT_ID, origin: EXT_ORIGIN },
    fetch: async (url) => {
      traceRequests.push(url);
      return new Response(`h=chatgpt.com\nloc=${traceLoc}\n`);
    },
    classify: () => ({ verdict: 'clean', service: null, product: null, ruleId: null, evidence: '' }),
    now: () => clock,
    warn: () => {},
  });
  const checks = bg.exitChecks;
  if (!checks) throw new Error('a background with a network has exit checks');
  const { log, tabs, recorder } = bg;
  return { log, tabs, recorder, checks, handlers: bg.router, badges, notified, traceRequests };
}

const block: Verdict = {
  verdict: 'block',
  service: 'openai',
  product: 'chatgpt',
  ruleId: 'chatgpt-unable-to-load-site-vpn',
  evidence: 'Unable to load site',
};

async function open(h: ReturnType<typeof setup>, tabId: number, url: string) {
  await h.recorder.navigated(tabId, url);
  return h.checks.tabOpened(tabId, url);
}

beforeEach(() => {
  fakeBrowser.reset();
  settings = { ...structuredClone(DEFAULT_SETTINGS), exitCheckOnOpen: true } as Settings;
  clock = Date.UTC(2026, 10, 26, 9);
  traceLoc = 'CN';
});

describe('exit-country warnings in the log, the badge and the popup', () => {
  it('logs a not-served exit country as a warning (not a block), with its country, and shows the warning badge', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    const [event] = await h.log.all();
    expect(event).toMatchObject({
      service: 'openai',
      product: 'chatgpt',
      kind: 'warning',
      country: 'CN',
      ruleId: exitWarningRuleId('CN'),
      url: 'https://chatgpt.com/cdn-cgi/trace',
      tabUrl: 'https://chatgpt.com/',
      count: 1,
    });
    expect(h.badges.get(3)).toMatchObject({ state: 'warning', text: '!', services: ['openai'] });
    // A warning is shown where the person looks: no notification.
    expect(h.notified).toEqual([]);
  });

  it('dedupes like other events: the same warning on the same site within 10 minutes is one row, counted', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    clock += 60_000;
    await open(h, 4, 'https://chatgpt.com/c/2');
    const events = await h.log.all();
    expect(events).toHaveLength(1);
    expect(events[0]?.count).toBe(2);
    expect(h.traceRequests).toHaveLength(1);
    expect(h.badges.get(4)?.state).toBe('warning');
  });

  it('a different country is a second warning, not a count', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    traceLoc = 'RU';
    clock += 31 * 60_000;
    await open(h, 3, 'https://chatgpt.com/');
    expect((await h.log.all()).map((e) => e.country).sort()).toEqual(['CN', 'RU']);
  });

  it('served and unknown answers log nothing and leave the badge empty', async () => {
    const h = setup();
    traceLoc = 'JP';
    await open(h, 3, 'https://chatgpt.com/');
    traceLoc = 'T1';
    await open(h, 4, 'https://claude.ai/');
    expect(await h.log.all()).toEqual([]);
    expect(h.badges.get(3)?.state).toBe('none');
    expect(h.badges.get(4)?.state).toBe('none');
  });

  it('blocked wins over warned on the badge, and history shows warned then blocked', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    clock += 1000;
    await h.recorder.record(block, {
      kind: 'page',
      url: 'https://chatgpt.com/',
      tabId: 3,
      tabUrl: 'https://chatgpt.com/',
      owner: { service: 'openai', product: 'chatgpt' },
    });
    expect(h.badges.get(3)).toMatchObject({ state: 'blocked', text: '1' });
    const tab = await h.handlers.getTabState({ tabId: 3 }, popup);
    expect(tab.events.map((e) => e.kind)).toEqual(['page', 'warning']);
    // And a warning after a block does not hide the block.
    await h.checks.tabOpened(3, 'https://chatgpt.com/');
    expect(h.badges.get(3)?.state).toBe('blocked');
  });

  it('a block on the host makes its next exit check run at once (not after 30 minutes)', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    expect(await open(h, 3, 'https://chatgpt.com/')).toBe('reused');
    await h.recorder.record(block, {
      kind: 'page',
      url: 'https://chatgpt.com/',
      tabId: 3,
      tabUrl: 'https://chatgpt.com/',
      owner: { service: 'openai', product: 'chatgpt' },
    });
    expect(await open(h, 3, 'https://chatgpt.com/')).toBe('checked');
    expect(h.traceRequests).toHaveLength(2);
  });

  it('no warning for a service the user does not watch', async () => {
    const h = setup();
    settings.watchedServices = { openai: false };
    await open(h, 3, 'https://chatgpt.com/');
    expect(await h.log.all()).toEqual([]);
    expect(h.traceRequests).toEqual([]);
  });

  it('getTabState gives the popup the latest answer: country, decision, list source and date, stale flag, time', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    const tab = await h.handlers.getTabState({ tabId: 3 }, popup);
    expect(tab.exitCheck).toMatchObject({
      country: 'CN',
      decision: 'not-served',
      list: { id: 'openai-chatgpt', stale: false },
      checkedAt: clock,
    });
    expect(tab.exitCheck?.list?.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(tab.exitCheck?.list?.source).toMatch(/^https:\/\//);
    // Two years on, the same answer is judged against a list that is now stale.
    clock += 2 * 365 * 24 * 3600_000;
    await h.checks.checkedNow('chatgpt.com', { service: 'openai', product: 'chatgpt' }, 'CN', null);
    expect((await h.handlers.getTabState({ tabId: 3 }, popup)).exitCheck?.list?.stale).toBe(true);
    // A tab with no service has none.
    await h.recorder.navigated(9, 'https://example.com/');
    expect((await h.handlers.getTabState({ tabId: 9 }, popup)).exitCheck).toBeNull();
  });

  it('exports warnings in JSON and CSV with their kind and country', async () => {
    const h = setup();
    await open(h, 3, 'https://chatgpt.com/');
    const json = JSON.parse((await h.handlers.exportLog({ format: 'json' }, popup)).text);
    expect(json.events).toEqual([expect.objectContaining({ kind: 'warning', country: 'CN' })]);
    const csv = (await h.handlers.exportLog({ format: 'csv' }, popup)).text.trim().split('\n');
    const header = csv[0]?.split(',') ?? [];
    const row = csv[1]?.split(',') ?? [];
    expect(row[header.indexOf('kind')]).toBe('warning');
    expect(row[header.indexOf('country')]).toBe('CN');
  });
});

describe('isNetworkFailure', () => {
  it('is true for connection failures in both browsers, false for cancelled requests', () => {
    for (const e of [
      'net::ERR_CONNECTION_RESET',
      'net::ERR_CONNECTION_TIMED_OUT',
      'net::ERR_NAME_NOT_RESOLVED',
      'net::ERR_PROXY_CONNECTION_FAILED',
      'NS_ERROR_NET_RESET',
      'NS_ERROR_CONNECTION_REFUSED',
      'NS_ERROR_UNKNOWN_HOST',
    ]) {
      expect(isNetworkFailure(e), e).toBe(true);
    }
    for (const e of ['net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT', undefined, '']) {
      expect(isNetworkFailure(e), String(e)).toBe(false);
    }
  });
});
