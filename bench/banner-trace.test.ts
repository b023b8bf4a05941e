import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../core/bench-trace/bench-trace';
import { splitBanner } from './banner-trace';

const report = (at: number, eventId: string, sent?: object): TraceEntry => ({
  what: 'message.reportObservation',
  at,
  ms: 20,
  detail: { channel: 'page-text', answer: { accepted: true, eventId }, ...(sent ? { sent } : {}) },
});

describe('splitBanner', () => {
  const moments = { insertedAt: 100, eventId: 'e1', firstSeen: 150, writtenAt: 160 };

  it('splits the time at each mark and names what the worker did meanwhile', () => {
    const entries: TraceEntry[] = [
      report(50, 'other', { source: 'tick', readAt: 40, sentAt: 45 }),
      { what: 'classify', at: 105, ms: 30, detail: undefined },
      { what: 'lag', at: 104, detail: { ms: 20 } },
      report(130, 'e1', { source: 'mutation', readAt: 101, sentAt: 102 }),
      { what: 'classify', at: 131, ms: 9 },
      { what: 'tabs.documentOf', at: 141, ms: 4 },
      { what: 'tabs.documentOf', at: 146, ms: 10 },
      { what: 'log.append', at: 150, ms: 8 },
    ];
    const split = splitBanner(entries, moments);
    expect(split).toMatchObject({
      toRead: 1,
      read: 1,
      transit: 28,
      handler: 20,
      storage: 10,
      source: 'mutation',
      // A step still running at firstSeen counts until then; one that started after it, not at all.
      steps: { classify: 9, 'tabs.documentOf': 8, 'log.append': 0 },
    });
    expect(split?.meanwhile).toEqual(['+5.0 classify (30.0 ms)', '+4.0 worker woke 20 ms late']);
  });

  it('gives no split without the report that logged the event or without its sender marks', () => {
    expect(
      splitBanner([report(130, 'other', { source: 'mutation', readAt: 1, sentAt: 2 })], moments),
    ).toBeNull();
    expect(splitBanner([report(130, 'e1')], moments)).toBeNull();
  });
});
