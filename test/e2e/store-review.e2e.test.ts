/**
 * The stores' bar, on the production builds (runs after `wxt build` in npm test; no
 * browser needed): permissions, hosts and content-script matches pinned to docs/PERMISSIONS.md,
 * no CSP override or externally_connectable, no eval / new Function / remote script in shipped
 * code, and `npm run lint:ext` (web-ext lint) part of `npm test`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionDir, REPO_ROOT } from './browsers';

const doc = readFileSync(join(REPO_ROOT, 'docs/PERMISSIONS.md'), 'utf8');
/** The lines of the ```text <name> block in docs/PERMISSIONS.md. */
function documented(name: string): string[] {
  const match = new RegExp(`\`\`\`text ${name.replace(/[.]/g, '\\.')}\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`docs/PERMISSIONS.md has no \`\`\`text ${name} block`);
  return match[1].split('\n').filter(Boolean).sort();
}

const builds = [
  { name: 'chrome-mv3', dir: extensionDir('chromium') },
  { name: 'firefox-mv2', dir: extensionDir('firefox') },
] as const;

function manifest(dir: string): Record<string, unknown> & {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[]; js: string[] }>;
} {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

function shippedScripts(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(m?js|html)$/.test(name)) out.push(path);
    }
  };
  walk(dir);
  return out;
}

describe.each(builds)('the $name build', ({ name, dir }) => {
  const m = manifest(dir);

  it('asks for exactly the documented permissions, hosts and optional hosts', () => {
    const hosts = documented('host_permissions');
    if (name === 'chrome-mv3') {
      expect([...(m.permissions ?? [])].sort()).toEqual(documented('permissions chrome-mv3'));
      expect([...(m.host_permissions ?? [])].sort()).toEqual(hosts);
      expect([...(m.optional_host_permissions ?? [])].sort()).toEqual(documented('optional'));
      expect(m.optional_permissions).toBeUndefined();
    } else {
      // MV2: host permissions are listed among the permissions.
      const apis = (m.permissions ?? []).filter((p) => !p.includes('://'));
      const hostsInPermissions = (m.permissions ?? []).filter((p) => p.includes('://'));
      expect(apis.sort()).toEqual(documented('permissions firefox-mv2'));
      expect(hostsInPermissions.sort()).toEqual(hosts);
      expect([...(m.optional_permissions ?? [])].sort()).toEqual(documented('optional'));
    }
  });

  it('runs content scripts only on the documented matches', () => {
    const expected = documented('content_scripts.matches');
    expect(m.content_scripts?.length).toBe(2);
    for (const script of m.content_scripts ?? []) expect([...script.matches].sort()).toEqual(expected);
  });

  it('builds the content scripts without webextension-polyfill, which the background keeps', () => {
    // The polyfill's own error text, present wherever it is bundled (wxt.config.ts leaves it out
    // of content scripts: they run in every page and need only runtime.id and sendMessage).
    const polyfill = 'browser-polyfill';
    for (const script of m.content_scripts ?? []) {
      for (const file of script.js)
        expect(readFileSync(join(dir, file), 'utf8'), file).not.toContain(polyfill);
    }
    expect(readFileSync(join(dir, 'background.js'), 'utf8')).toContain(polyfill);
  });

  it('keeps the strict default CSP and lets no web page connect', () => {
    for (const key of ['content_security_policy', 'externally_connectable', 'web_accessible_resources']) {
      expect(m[key], key).toBeUndefined();
    }
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|unlimitedStorage|"tabs"/);
  });

  it('ships no eval, new Function or remote script', () => {
    const findings: string[] = [];
    for (const file of shippedScripts(dir)) {
      const text = readFileSync(file, 'utf8');
      const where = relative(dir, file);
      if (/(^|[^.\w$])eval\s*\(/.test(text)) findings.push(`${where}: eval(`);
      if (/new\s+Function\s*\(/.test(text)) findings.push(`${where}: new Function(`);
      if (/\bimportScripts\s*\(\s*['"`]https?:/.test(text)) findings.push(`${where}: remote importScripts`);
      if (/<script[^>]+src=["']?(https?:)?\/\//i.test(text)) findings.push(`${where}: remote <script src>`);
      if (/\bimport\s*\(\s*['"`]https?:/.test(text)) findings.push(`${where}: remote import()`);
    }
    // No allow-list: nothing shipped needs one today.
    expect(findings).toEqual([]);
    expect(shippedScripts(dir).length).toBeGreaterThan(4);
  });
});

/**
 * What each build needs of the browser, found in the build itself, with the version that first
 * has it (MDN browser-compat-data, webextensions/, as of 2026-08-07). The manifest's minimum must
 * be the highest of them: lower and old browsers install a Detour that breaks; higher and they
 * are shut out for nothing.
 */
interface Need {
  what: string;
  chromium?: number;
  firefox?: number;
  firefoxAndroid?: number;
  found(m: ReturnType<typeof manifest>, code: string): boolean;
}
const NEEDS: Need[] = [
  {
    what: 'content_scripts world "MAIN"',
    chromium: 111,
    firefox: 128,
    firefoxAndroid: 128,
    found: (m) => (m.content_scripts ?? []).some((c) => (c as { world?: string }).world === 'MAIN'),
  },
  {
    what: 'storage.session',
    chromium: 102,
    firefox: 115,
    firefoxAndroid: 115,
    found: (_m, code) => /\.storage\.session\b|storage\[["'`]session["'`]\]|["'`]session["'`]/.test(code),
  },
  {
    what: 'scripting.registerContentScripts with world',
    chromium: 102,
    firefox: 128,
    firefoxAndroid: 128,
    found: (_m, code) => code.includes('registerContentScripts') && /world:\s*["'`]MAIN["'`]/.test(code),
  },
  {
    what: 'browser_specific_settings.gecko.data_collection_permissions',
    firefox: 140,
    firefoxAndroid: 142,
    found: (m) => JSON.stringify(m.browser_specific_settings ?? {}).includes('data_collection_permissions'),
  },
];

describe('oldest browsers', () => {
  const chromium = [
    { name: 'chrome-mv3', dir: extensionDir('chromium') },
    { name: 'edge-mv3', dir: join(extensionDir('chromium'), '..', 'edge-mv3') },
  ];
  const codeOf = (dir: string) =>
    shippedScripts(dir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');

  it.each(chromium)('$name asks for the Chromium version its code needs', ({ dir }) => {
    const m = manifest(dir);
    const code = codeOf(dir);
    const found = NEEDS.filter((n) => n.chromium && n.found(m, code));
    expect(found.map((n) => n.what)).toContain('content_scripts world "MAIN"');
    expect(m.minimum_chrome_version).toBe(String(Math.max(...found.map((n) => n.chromium as number))));
  });

  it('the Firefox build asks for the desktop and Android versions its code needs', () => {
    const dir = extensionDir('firefox');
    const m = manifest(dir);
    const code = codeOf(dir);
    const found = NEEDS.filter((n) => n.firefox && n.found(m, code));
    expect(found.map((n) => n.what)).toEqual(NEEDS.map((n) => n.what));
    const settings = m.browser_specific_settings as {
      gecko: { strict_min_version: string };
      gecko_android: { strict_min_version: string };
    };
    expect(settings.gecko.strict_min_version).toBe(`${Math.max(...found.map((n) => n.firefox as number))}.0`);
    expect(settings.gecko_android.strict_min_version).toBe(
      `${Math.max(...found.map((n) => n.firefoxAndroid as number))}.0`,
    );
    expect(m.minimum_chrome_version).toBeUndefined();
  });
});

/** The store listing texts in docs/store/: limits the stores set, and a reason for every permission asked for. */
describe.each(['en', 'zh-CN', 'zh-TW'])('the %s store listing', (language) => {
  const text = readFileSync(join(REPO_ROOT, 'docs/store', `listing.${language}.md`), 'utf8');
  const sections = new Map(
    text
      .split(/^## /m)
      .slice(1)
      .map((part) => {
        const [title = '', ...body] = part.split('\n');
        return [title.trim(), body.join('\n').trim()] as const;
      }),
  );
  // Name, short description, description, single purpose, permission justifications, data use.
  const [, short = '', , , justifications = ''] = [...sections.values()];

  it('has a short description within the Chrome Web Store limit of 132 characters', () => {
    expect(sections.size).toBeGreaterThanOrEqual(6);
    expect(short.length).toBeGreaterThan(20);
    expect([...short].length).toBeLessThanOrEqual(132);
    expect(short).not.toContain('\n');
  });

  it.each(builds)('justifies every permission the $name build asks for', ({ dir }) => {
    const m = manifest(dir);
    const apis = [...(m.permissions ?? []), ...(m.optional_permissions ?? [])].filter(
      (p) => !p.includes('://'),
    );
    expect(apis.length).toBeGreaterThan(3);
    for (const permission of apis) expect(justifications, permission).toContain(`\`${permission}\``);
    for (const pattern of [...(m.optional_host_permissions ?? []), ...(m.optional_permissions ?? [])].filter(
      (p) => p.includes('://'),
    )) {
      expect(justifications, pattern).toContain(`\`${pattern}\``);
    }
    // Host permissions are justified as a group, naming some of the hosts.
    const hosts = [...(m.host_permissions ?? []), ...(m.permissions ?? [])].filter((p) => p.includes('://'));
    const named = hosts.map((h) => new URL(h.replace('*.', 'x.').replace(/\*$/, '')).host);
    expect(named.filter((h) => justifications.includes(h)).length).toBeGreaterThanOrEqual(3);
  });
});

describe('npm test', () => {
  it('runs the web-ext lint gate (npm run lint:ext) after both builds', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const steps = pkg.scripts.test?.split('&&').map((s) => s.trim()) ?? [];
    const lint = steps.indexOf('npm run lint:ext');
    // `npm run zip` builds both browsers (and zips them) before the lint gate reads the builds.
    const build = steps.indexOf('npm run zip');
    expect(build).toBeGreaterThanOrEqual(0);
    expect(pkg.scripts.zip).toMatch(/wxt zip && wxt zip -b firefox/);
    // The Edge Add-ons package, the store that is reachable from mainland China.
    expect(pkg.scripts.zip).toMatch(/wxt zip -b edge/);
    expect(lint).toBeGreaterThan(build);
    expect(pkg.scripts['lint:ext']).toMatch(/lint-extension/);
  });
});
