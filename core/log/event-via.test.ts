/**
 * How a block was recognised travels with its event: `via` (signature or recogniser) and, for
 * the recogniser, the words that matched. Both are optional, so events logged before Detour
 * recorded them read unchanged.
 */
import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea } from '../storage/key-value-area';
import { LogEvent } from './event';
import { EventLog } from './event-log';
import type { NewLogEvent } from './log-writer';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);

function makeLog() {
  let seq = 0;
  return new EventLog({ area: browserArea('local'), now: () => T0, newId: () => `e${++seq}`, warn: vi.fn() });
}

const recognised: NewLogEvent = {
  service: 'microsoft-copilot',
  product: 'bing-chat',
  kind: 'page',
  ruleId: 'recognised-zh',
  url: 'https://www.bing.com/chat',
  evidence: '該服務在你所在的地區不可用。',
  via: 'recogniser',
  matched: ['不可用', '所在的地区', '你'],
  at: T0,
};

beforeEach(() => fakeBrowser.reset());

describe('the log keeps how a block was recognised', () => {
  it('stores via and the matched words of a recognised refusal, and reads them back', async () => {
    const log = makeLog();
    await log.append(recognised);
    const { events } = await log.query({});
    expect(events[0]).toMatchObject({ via: 'recogniser', matched: ['不可用', '所在的地区', '你'] });
  });

  it('keeps no matched words for a signature and at most eight, each short, for the recogniser', async () => {
    const log = makeLog();
    await log.append({
      ...recognised,
      ruleId: 'bing-chat-zh',
      via: 'signature',
      url: 'https://www.bing.com/chat/a',
    });
    await log.append({
      ...recognised,
      matched: Array.from({ length: 12 }, (_, i) => `word ${i}`),
      url: 'https://x/',
    });
    const { events } = await log.query({});
    const signature = events.find((event) => event.via === 'signature');
    expect(signature?.matched).toBeUndefined();
    expect(events.find((event) => event.via === 'recogniser')?.matched).toHaveLength(8);
  });

  it('reads an event written before via existed, and refuses a via it does not know', () => {
    const old = {
      id: 'e1',
      service: 'openai',
      product: 'chatgpt',
      kind: 'page',
      ruleId: 'chatgpt-unable-to-load-site-vpn',
      url: 'https://chatgpt.com/',
      evidence: 'Unable to load site',
      firstSeen: T0,
      lastSeen: T0,
      count: 1,
    };
    expect(v.safeParse(LogEvent, old).success).toBe(true);
    expect(v.safeParse(LogEvent, { ...old, via: 'guess' }).success).toBe(false);
  });
});
