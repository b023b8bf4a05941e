/**
 * Realistic log events for seeding: each one is what Detour logs for a real block from the
 * signature fixtures (the engine's own verdict when core/detection is built), spaced more than
 * the dedupe window apart so every one stays a row of its own.
 */
import { readFileSync } from 'node:fs';
import type { NewLogEvent } from '../../core/log/event-log';
import { SIGNATURES_PATH } from '../../test/stand-in/signatures';

const SPACING_MS = 11 * 60_000;

interface Fixture {
  id: string;
  expect: string;
  channel: string;
  url: string;
  http_status: number | null;
  body: string;
}

interface ServicesFile {
  services: Array<{ slug: string; products: Array<{ slug: string; hosts: string[] }> }>;
}

type Classify = (o: {
  url: string;
  status?: number;
  body: string;
  kind: 'response' | 'page';
}) =>
  | { verdict: 'block'; service: string; product: string; ruleId: string; evidence: string }
  | { verdict: 'clean' };

async function loadEngine(): Promise<Classify | null> {
  try {
    // Not a static import while core/detection is being built: the bench must run without it.
    const mod = (await import(new URL('../../core/detection/index.ts', import.meta.url).href)) as {
      classifyObservation?: Classify;
    };
    return mod.classifyObservation ?? null;
  } catch {
    return null;
  }
}

export interface EventTemplates {
  templates: Array<Omit<NewLogEvent, 'at'>>;
  /** Where the rule ids came from. */
  source: 'engine' | 'fixtures';
}

export async function eventTemplates(root: string): Promise<EventTemplates> {
  const fixtures = (JSON.parse(readFileSync(SIGNATURES_PATH, 'utf8')) as Fixture[]).filter(
    (f) => f.expect === 'block' && URL.canParse(f.url) && f.url.startsWith('https://'),
  );
  const services = JSON.parse(readFileSync(`${root}/core/services/services.json`, 'utf8')) as ServicesFile;
  const byHost = new Map<string, { service: string; product: string }>();
  for (const s of services.services)
    for (const p of s.products) for (const h of p.hosts) byHost.set(h, { service: s.slug, product: p.slug });
  const classify = await loadEngine();
  const templates: EventTemplates['templates'] = [];
  for (const f of fixtures) {
    const kind = f.channel === 'api' ? 'response' : 'page';
    const tabUrl = kind === 'response' ? 'https://platform.openai.com/playground' : f.url;
    if (classify) {
      const v = classify({
        url: f.url,
        body: f.body,
        kind,
        ...(f.http_status ? { status: f.http_status } : {}),
      });
      if (v.verdict !== 'block') continue;
      templates.push({
        service: v.service,
        product: v.product,
        kind,
        ruleId: v.ruleId,
        url: f.url,
        evidence: v.evidence,
        tabUrl,
        ...(f.http_status ? { status: f.http_status } : {}),
      });
    } else {
      const owner = byHost.get(new URL(f.url).hostname);
      if (!owner) continue;
      templates.push({
        ...owner,
        kind,
        ruleId: f.id,
        url: f.url,
        evidence: f.body.slice(0, 300),
        tabUrl,
        ...(f.http_status ? { status: f.http_status } : {}),
      });
    }
  }
  if (templates.length === 0) throw new Error('no block fixture gave a log event');
  return { templates, source: classify ? 'engine' : 'fixtures' };
}

/** `n` events, newest at `newestAt`, each older one SPACING_MS earlier. */
export function seedEvents(t: EventTemplates, n: number, newestAt: number): NewLogEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    ...(t.templates[i % t.templates.length] as Omit<NewLogEvent, 'at'>),
    at: newestAt - (n - 1 - i) * SPACING_MS,
  }));
}
