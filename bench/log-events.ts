/**
 * Realistic log events for seeding: each one is what Detour logs for a real block from the
 * signature fixtures (the engine's own verdict), spaced more than the dedupe window apart so
 * every one stays a row of its own.
 */
import { readFileSync } from 'node:fs';
import { classifyObservation } from '../core/detection';
import { DEDUPE_WINDOW_MS, type NewLogEvent } from '../core/log/log-writer';
import { SIGNATURES_PATH } from '../test/stand-in/signatures';

const SPACING_MS = DEDUPE_WINDOW_MS + 60_000;

interface Fixture {
  expect: string;
  channel: string;
  url: string;
  http_status: number | null;
  body: string;
}

export type EventTemplate = Omit<NewLogEvent, 'at'>;

/** One event template per block fixture at a real https URL that the engine calls a block. */
export function eventTemplates(): EventTemplate[] {
  const fixtures = (JSON.parse(readFileSync(SIGNATURES_PATH, 'utf8')) as Fixture[]).filter(
    (f) => f.expect === 'block' && f.url.startsWith('https://') && URL.canParse(f.url),
  );
  const templates: EventTemplate[] = [];
  for (const f of fixtures) {
    const kind = f.channel === 'api' ? 'response' : 'page';
    const status = f.http_status ?? undefined;
    const v = classifyObservation({ url: f.url, body: f.body, kind, ...(status ? { status } : {}) });
    if (v.verdict !== 'block') continue;
    templates.push({
      service: v.service,
      product: v.product,
      kind,
      ruleId: v.ruleId,
      url: f.url,
      evidence: v.evidence,
      tabUrl: kind === 'response' ? 'https://platform.openai.com/playground' : f.url,
      ...(status ? { status } : {}),
    });
  }
  if (templates.length === 0) throw new Error('no block fixture gave a log event');
  return templates;
}

/** `n` events, oldest first, the newest at `newestAt`. */
export function seedEvents(templates: EventTemplate[], n: number, newestAt: number): NewLogEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    ...(templates[i % templates.length] as EventTemplate),
    at: newestAt - (n - 1 - i) * SPACING_MS,
  }));
}
