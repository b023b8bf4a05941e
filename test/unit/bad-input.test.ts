/**
 * Bad input: one table of malformed inputs pushed through every door Detour has —
 * settings import, the signed data bundle, the background's message handlers, "Check an error
 * message" (the engine call the options page makes) and `npm run classify` (a child process).
 * Each must get a clear refusal (a reason code, a message, or a line on stderr and exit 2), and
 * change nothing: storage is compared before and after, and Object.prototype stays clean.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../core/background/create-background';
import { CATALOG } from '../../core/catalog/catalog';
import { parseBundle } from '../../core/data-updates/bundle';
import { classifyObservation } from '../../core/detection';
import { RULE_FILES } from '../../core/detection/rules';
import { REGIONS } from '../../core/regions/regions';
import { DEFAULT_SETTINGS } from '../../core/settings/schema';
import { importSettings } from '../../core/settings/transfer';
import { browserArea } from '../../core/storage/key-value-area';

const ROOT = join(import.meta.dirname, '..', '..');
const HUGE = 'A'.repeat(3 * 1024 * 1024);

/** Malformed text documents: what a file, an update URL or a paste might hold. */
const MALFORMED_TEXT: Array<[string, string]> = [
  ['empty', ''],
  ['whitespace only', ' \n\t '],
  ['truncated JSON object', '{"format": "detour-settings", "version": 1, "settings": {"region":'],
  ['truncated JSON array', '[{"url": "https://api.openai.com/v1/x", "status": 403'],
  ['binary data', String.fromCharCode(0, 1, 2, 255, 254, 0, 127, 0x89, 0x50, 0x4e, 0x47)],
  ['huge file (3 MB)', `{"x":"${HUGE}"}`],
  ['JSON null', 'null'],
  ['JSON number', '42'],
  ['JSON string', '"detour-settings"'],
  ['JSON array of nothing', '[]'],
  ['wrong types', '{"format": 1, "version": "one", "settings": [], "kind": false, "platforms": "x"}'],
  ['missing fields', '{"format": "detour-settings"}'],
  ['__proto__ key', '{"__proto__": {"polluted": true}, "format": "detour-settings", "version": 1}'],
  [
    'nested __proto__',
    '{"format":"detour-settings","version":1,"settings":{"watchedServices":{"__proto__":{"polluted":true}}}}',
  ],
  ['constructor key', '{"constructor": {"prototype": {"polluted": true}}, "kind": "detour-catalog-update"}'],
  ['prototype key', '{"prototype": {"polluted": true}, "format": "detour-settings", "version": 1}'],
  ['duplicate keys', '{"format":"detour-settings","format":"other","version":1,"version":99}'],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['lone surrogates', '{"x":"\\ud800\\udfff\\ud800"}'],
  ['BOM then garbage', '\ufeff\ufeff{]'],
  [
    'HTML page instead of JSON',
    '<!doctype html><html><body><img src=x onerror="globalThis.__pwned=1"></body></html>',
  ],
  ['newer version', '{"format":"detour-settings","version":999,"settings":{}}'],
];

/** Malformed messages a page or a broken extension page could send to the background. */
const MALFORMED_MESSAGES: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'reportObservation'],
  ['an array', [1, 2, 3]],
  ['missing channel', { observation: { kind: 'page', body: 'x' } }],
  ['unknown channel', { channel: 'devtools', observation: { kind: 'page', body: 'x' } }],
  ['navigation from a page', { channel: 'navigation', observation: { url: 'https://chatgpt.com/' } }],
  ['wrong type of body', { channel: 'page-text', observation: { kind: 'page', body: 42 } }],
  ['body too large', { channel: 'page-text', observation: { kind: 'page', body: 'x'.repeat(40_000) } }],
  [
    'status as string',
    {
      channel: 'fetch-tap',
      observation: { kind: 'response', url: 'https://api.openai.com/v1', status: '403' },
    },
  ],
  [
    'too many headers',
    {
      channel: 'fetch-tap',
      observation: {
        kind: 'response',
        url: 'https://api.openai.com/v1',
        status: 403,
        headers: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`h${i}`, 'v'])),
      },
    },
  ],
  [
    'bad header name',
    {
      channel: 'fetch-tap',
      observation: {
        kind: 'response',
        url: 'https://api.openai.com/v1',
        status: 403,
        headers: { 'bad header\n': 'v' },
      },
    },
  ],
  [
    '__proto__ key',
    JSON.parse(
      '{"channel":"page-text","observation":{"kind":"page","body":"x","__proto__":{"polluted":true}}}',
    ),
  ],
  [
    'constructor key',
    {
      channel: 'page-text',
      observation: { kind: 'page', body: 'x' },
      constructor: { prototype: { polluted: true } },
    },
  ],
  ['prototype key', { channel: 'page-text', observation: { kind: 'page', body: 'x', prototype: {} } }],
  [
    'tap URL on another service',
    {
      channel: 'fetch-tap',
      observation: {
        kind: 'response',
        url: 'https://api.anthropic.com/v1/messages',
        status: 403,
        body: '{"error":{"type":"forbidden","message":"Request not allowed"}}',
      },
    },
  ],
  [
    'tap URL not a URL',
    {
      channel: 'fetch-tap',
      observation: { kind: 'response', url: 'javascript:alert(1)', status: 403, body: 'x' },
    },
  ],
  ['binary body', { channel: 'page-text', observation: { kind: 'page', body: '\u0000\u0001\uffff\ud800' } }],
];

/** Extension-page requests with wrong input: refused with an error, nothing changes. */
const MALFORMED_REQUESTS: Array<[string, string, unknown]> = [
  ['queryLog limit too big', 'queryLog', { limit: 1e9 }],
  ['queryLog negative offset', 'queryLog', { offset: -1 }],
  ['queryLog search too long', 'queryLog', { search: 'x'.repeat(10_000) }],
  ['queryLog __proto__', 'queryLog', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['exportLog unknown format', 'exportLog', { format: 'xml' }],
  ['getTabState string id', 'getTabState', { tabId: '1' }],
  ['getTabState negative id', 'getTabState', { tabId: -5 }],
  ['checkReachability bad slug', 'checkReachability', { service: '../../etc/passwd' }],
  [
    'watchGrantedHost javascript URL',
    'watchGrantedHost',
    { origin: 'javascript:alert(1)', service: 'openai' },
  ],
  [
    'watchGrantedHost path in origin',
    'watchGrantedHost',
    { origin: 'https://x.example/path', service: 'openai' },
  ],
  ['clearLog with a payload', 'clearLog', null],
  ['updateData with a URL', 'updateData', 'https://evil.example/detour-data.json'],
  ['updateData with a mirror', 'updateData', { mirror: 'https://evil.example/' }],
  ['setDataWeekly with a string', 'setDataWeekly', { weekly: 'yes' }],
  ['setDataWeekly with an extra key', 'setDataWeekly', { weekly: true, mirror: 'https://evil.example/' }],
];

const OPENAI_BLOCK =
  '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported"}}';

async function storageSnapshot(): Promise<string> {
  const [local, session] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
  ]);
  return JSON.stringify({ local, session });
}

function expectPrototypeClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
}

const counts: Record<string, number> = {};
afterAll(() => {
  console.log(`[bad input] refused per door: ${JSON.stringify(counts)}`);
});

beforeEach(async () => {
  fakeBrowser.reset();
  // A user with real settings and one logged event: all of it must survive every refusal.
  await fakeBrowser.storage.local.set({
    'settings.logCap': 1000,
    'settings.logCap$': { v: 1 },
    'settings.region': { mode: 'chosen', country: 'HK' },
    'settings.region$': { v: 1 },
  });
});

describe('settings import', () => {
  it.each(MALFORMED_TEXT)('%s: refused with a reason, storage unchanged', async (_name, text) => {
    const before = await storageSnapshot();
    const result = await importSettings(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/^settingsImport\.\w+$/);
      expect(result.detail.length).toBeGreaterThan(0);
      expect(result.detail.length).toBeLessThanOrEqual(300);
    }
    expect(await storageSnapshot()).toBe(before);
    expectPrototypeClean();
    counts.settingsImport = (counts.settingsImport ?? 0) + 1;
  });

  it('a wrong value type inside a valid file: refused whole', async () => {
    const before = await storageSnapshot();
    const file = {
      format: 'detour-settings',
      version: 1,
      exportedAt: new Date().toISOString(),
      settings: { ...DEFAULT_SETTINGS, logCap: 'lots' },
    };
    const result = await importSettings(JSON.stringify(file));
    expect(result).toMatchObject({ ok: false, reason: 'settingsImport.invalid' });
    expect(await storageSnapshot()).toBe(before);
  });
});

describe('signed data bundle', () => {
  const bundle = (platforms: unknown) =>
    JSON.stringify({
      kind: 'detour-data',
      version: 2,
      asOf: '2026-12-05',
      platforms,
      regions: REGIONS,
      rules: [...RULE_FILES],
    });
  it.each([
    ...MALFORMED_TEXT,
    [
      'duplicate platform ids',
      bundle({ ...CATALOG, platforms: [...CATALOG.platforms, CATALOG.platforms[0]] }),
    ],
    [
      'platform with http URL',
      bundle({
        ...CATALOG,
        platforms: CATALOG.platforms.map((p, i) =>
          i === 0
            ? { ...p, urls: { ...p.urls, console: { ...p.urls.console, value: 'http://evil.example/' } } }
            : p,
        ),
      }),
    ],
  ] as Array<[string, string]>)('%s: refused with a reason', (_name, text) => {
    const result = parseBundle(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail.length).toBeLessThanOrEqual(300);
    expectPrototypeClean();
    counts.dataBundle = (counts.dataBundle ?? 0) + 1;
  });
});

describe('background message handlers (real engine, fakeBrowser storage)', () => {
  const EXT_ID = 'bad-input-test';
  const ORIGIN = `chrome-extension://${EXT_ID}/`;
  function background() {
    const bg = createBackground({
      local: browserArea('local'),
      session: browserArea('session'),
      settings: async () => ({ ...DEFAULT_SETTINGS }),
      badge: { show: async () => {} },
      notify: { blocked: async () => {} },
      hostPorts: {
        hasPermission: async () => false,
        register: async () => {},
        unregister: async () => {},
        registeredIds: async () => [],
        files: { pageWatch: 'a.js', fetchTap: 'b.js' },
      },
      extension: { id: EXT_ID, origin: ORIGIN },
      rateLimit: { burst: 1000, windowMs: 1000 },
      warn: () => {},
    });
    return { handlers: bg.router, log: bg.log };
  }
  const tab = {
    id: EXT_ID,
    url: 'https://chatgpt.com/c/1',
    frameId: 0,
    tab: { id: 3, url: 'https://chatgpt.com/c/1' },
  };

  it.each(MALFORMED_MESSAGES)('reportObservation, %s: not accepted, nothing logged', async (_name, input) => {
    const { handlers, log } = background();
    const before = await storageSnapshot();
    const reply = await handlers.reportObservation(input, tab);
    expect(reply.accepted).toBe(false);
    expect(reply.reason).toMatch(/^[a-zA-Z]+$/);
    expect(await log.count()).toBe(0);
    // The log writes its empty index on first read; nothing else may change.
    const after = JSON.parse(await storageSnapshot());
    delete after.local['log.meta'];
    expect(JSON.stringify(after)).toBe(before);
    expectPrototypeClean();
    counts.reportObservation = (counts.reportObservation ?? 0) + 1;
  });

  it.each(MALFORMED_REQUESTS)('%s: refused with an error, nothing changes', async (_name, type, input) => {
    const { handlers } = background();
    const before = await storageSnapshot();
    const handler = handlers[type as keyof typeof handlers] as (i: unknown, s: unknown) => Promise<unknown>;
    await expect(handler(input, { id: EXT_ID, url: `${ORIGIN}options.html` })).rejects.toThrow(
      /refused: invalidInput/,
    );
    const after = JSON.parse(await storageSnapshot());
    delete after.local['log.meta'];
    expect(JSON.stringify(after)).toBe(before);
    expectPrototypeClean();
    counts.extensionRequests = (counts.extensionRequests ?? 0) + 1;
  });

  it('the same handlers still log a real block afterwards (the refusals were not a dead door)', async () => {
    const { handlers, log } = background();
    const reply = await handlers.reportObservation(
      {
        channel: 'fetch-tap',
        observation: {
          kind: 'response',
          url: 'https://api.openai.com/v1/chat/completions',
          status: 403,
          body: OPENAI_BLOCK,
        },
      },
      tab,
    );
    expect(reply).toMatchObject({ accepted: true });
    expect(await log.count()).toBe(1);
  });
});

describe('"Check an error message" (the engine call the options page makes)', () => {
  it.each(MALFORMED_TEXT)('%s: a clean verdict, no throw, bounded evidence', (_name, text) => {
    const verdict = classifyObservation({ kind: 'text', body: text.slice(0, 100_000) });
    expect(verdict.verdict).toBe('clean');
    expect(verdict.evidence.length).toBeLessThanOrEqual(300);
    expectPrototypeClean();
    counts.checkMessage = (counts.checkMessage ?? 0) + 1;
  });

  it('a block wrapped in HTML and script comes back as plain text evidence', () => {
    const verdict = classifyObservation({
      kind: 'text',
      body: `<img src=x onerror="globalThis.__pwned=1">${OPENAI_BLOCK}<script>globalThis.__pwned=2</script>`,
    });
    expect(verdict.verdict).toBe('block');
    expect(verdict.evidence).not.toMatch(/<img|<script/);
  });
});

describe('npm run classify (child process)', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'detour-bad-input-'));
  // Text files are read as a pasted log (a clean verdict); these are the ones that must be refused.
  const refused: Array<[string, string | Buffer]> = [
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['binary data', Buffer.from([0, 1, 2, 255, 254, 0, 127, 0x89, 0x50])],
    ['invalid UTF-8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d])],
    ['truncated JSON array', '[{"url": "https://api.openai.com/v1/x", "status": 403'],
    ['array of wrong types', '[1, "two", null, true]'],
    ['observation with a wrong type', '[{"url": "https://api.openai.com/", "status": "403"}]'],
    ['observation missing url and body', '[{"status": 403}]'],
    ['unknown field', '[{"url": "https://api.openai.com/", "evil": 1}]'],
    ['__proto__ key', '[{"url": "https://api.openai.com/", "__proto__": {"polluted": true}}]'],
    [
      'constructor key',
      '[{"url": "https://api.openai.com/", "constructor": {"prototype": {"polluted": true}}}]',
    ],
    ['JSON lines with a broken line', '{"url":"https://api.openai.com/","status":403}\n{"url":\n'],
    ['missing file', ''],
  ];
  it(`refuses ${refused.length} malformed files with a line each on stderr and exit status 2`, () => {
    const files = refused.map(([name, content], i) => {
      const path = join(dir, `${i}-${name.replace(/\W+/g, '-')}.json`);
      if (name !== 'missing file') writeFileSync(path, content);
      return path;
    });
    const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/classify.ts', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('classify: '));
    for (const file of files) expect(errors.some((line) => line.includes(file))).toBe(true);
    // Nothing in those files is reported as a block.
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      expect(JSON.parse(line)).toMatchObject({ verdict: 'clean' });
    }
    counts.classifyCommand = refused.length;
  });
});
