/** What every measurement gets: the plan, the server, the build under test and its manifest. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchServer } from './https-server';
import type { BenchPlan } from './plan';

export interface ManifestContentScript {
  matches: string[];
  js?: string[];
  css?: string[];
  run_at?: string;
  world?: string;
}

export interface DetourManifest {
  content_scripts?: ManifestContentScript[];
  background?: { service_worker?: string; scripts?: string[] };
  action?: { default_popup?: string };
  icons?: Record<string, string>;
}

export interface BenchEnv {
  root: string;
  plan: BenchPlan;
  server: BenchServer;
  /** A snapshot of .output/chrome-mv3 taken at start, so a rebuild mid-run changes nothing. */
  detourDir: string;
  manifest: DetourManifest;
  /** The control extension (same matches, observer does nothing), or null without content scripts. */
  controlDir: string | null;
  /** Scratch space under bench/tmp. */
  tmpDir: string;
  progress(message: string): void;
}

export function readManifest(dir: string): DetourManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as DetourManifest;
}

/** Chrome match pattern (scheme://host/path with * wildcards) as a RegExp. */
export function matchPatternRegExp(pattern: string): RegExp {
  if (pattern === '<all_urls>') return /^(https?|wss?|file|ftp):\/\//;
  const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]+)?(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, host = '', path] = m;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const schemeRe = scheme === '*' ? 'https?' : esc(scheme as string);
  const hostRe =
    host === '*' ? '[^/]+' : host.startsWith('*.') ? `([^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const pathRe = (path as string).split('*').map(esc).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${pathRe}$`);
}

/** The content scripts Chromium would inject into `url`. */
export function contentScriptsFor(manifest: DetourManifest, url: string): ManifestContentScript[] {
  return (manifest.content_scripts ?? []).filter((c) =>
    c.matches.some((p) => matchPatternRegExp(p).test(url)),
  );
}
