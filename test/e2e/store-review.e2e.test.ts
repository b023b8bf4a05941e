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
    expect(lint).toBeGreaterThan(build);
    expect(pkg.scripts['lint:ext']).toMatch(/lint-extension/);
  });
});
